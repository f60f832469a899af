import type { Context } from '../../context';
import { conflictError, notFoundError } from '../../common/errors';
import type { CreateShiftInput } from './handoff.inputs';
import { Shift } from './shift.entity';

/** Shift keys are stored upper case; clients may send any case. */
export const shiftKey = (key: string): string => key.toUpperCase();

/** The shift, managed, by its key (any case), or NOT_FOUND. */
export async function findShiftOrFail(ctx: Context, key: string): Promise<Shift> {
  const shift = await ctx.em.findOne(Shift, { key: shiftKey(key) });
  if (!shift) throw notFoundError('Shift', shiftKey(key));
  return shift;
}

export async function createShift(ctx: Context, input: CreateShiftInput): Promise<Shift> {
  const key = shiftKey(input.key);
  if (await ctx.em.findOne(Shift, { key })) throw conflictError(`Shift ${key} already exists`);
  // The unique index settles a concurrent creation of the same key (CONFLICT as well).
  const shift = ctx.em.create(Shift, {
    key,
    name: input.name,
    description: input.description ?? null,
  });
  await ctx.em.flush();
  return shift;
}

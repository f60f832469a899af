import type { QueryResult } from '@mikro-orm/core';
import type { Context } from '../context';
import { conflictError, ErrorReason, notFoundError } from './errors';

/**
 * Takes a row for a change of status: one conditional UPDATE that raises its `version` when its
 * status is one of `from`, in the request's transaction. Two concurrent changes cannot both
 * start from the same status: on PostgreSQL the second waits for the first's row lock, then
 * re-checks the status and matches nothing; SQLite runs one write transaction at a time. False
 * when the row is missing or in another status (nothing changed).
 */
async function claimByStatus(
  ctx: Context,
  table: string,
  id: string,
  from: readonly string[],
): Promise<boolean> {
  const placeholders = from.map(() => '?').join(', ');
  const { affectedRows } = await ctx.em.execute<QueryResult>(
    `update ${table} set version = version + 1 where id = ? and status in (${placeholders})`,
    [id, ...from],
    'run',
  );
  return affectedRows > 0;
}

/**
 * The managed `row` (a handoff, a booking) taken for a change from one of `from`, as it is now
 * (read again after the claim); CONFLICT with reason INVALID_TRANSITION, the current status and
 * the statuses allowed when it is in another, NOT_FOUND when it is gone.
 */
export async function claimFromStatus<T extends { id: string; status: string }>(
  ctx: Context,
  entity: string,
  table: string,
  row: T,
  from: readonly string[],
  verb: string,
): Promise<T> {
  const claimed = await claimByStatus(ctx, table, row.id, from);
  if (!(await ctx.em.refresh(row))) throw notFoundError(entity, row.id);
  if (!claimed) {
    const noun = entity.toLowerCase();
    throw conflictError(
      `${entity} ${row.id} is ${row.status}; only a ${from.join(' or ')} ${noun} can be ${verb}`,
      { reason: ErrorReason.INVALID_TRANSITION, currentStatus: row.status, allowedFrom: from },
    );
  }
  return row;
}

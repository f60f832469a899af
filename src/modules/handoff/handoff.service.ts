import { ref } from '@mikro-orm/core';
import type { Context } from '../../context';
import { userInputError } from '../../common/errors';
import { claimFromStatus } from '../../common/claim';
import { changedFields } from '../../common/field-changes';
import { findOrFail } from '../../common/find-or-fail';
import { PRIORITY_RANK, Priority } from '../../common/priority.enum';
import { findActiveUserOrFail } from '../user/user.service';
import { HandoffEventKind } from './handoff-event-kind.enum';
import { recordHandoffEvent } from './handoff-history';
import { authorizeHandoff, type HandoffAction } from './handoff.policy';
import { HandoffStatus } from './handoff-status.enum';
import { ACTIVE, TRANSITIONS, type Transition } from './handoff-transitions';
import { Handoff } from './handoff.entity';
import type { CreateHandoffInput, UpdateHandoffInput } from './handoff.inputs';
import { Shift } from './shift.entity';
import { findShiftOrFail } from './shift.service';

/** What an event records of a handoff; the shift by its key, people by id. */
function snapshot(handoff: Handoff, shift: Shift): Record<string, unknown> {
  return {
    title: handoff.title,
    description: handoff.description,
    ticket: handoff.ticket,
    hostname: handoff.hostname,
    priority: handoff.priority,
    dueDate: handoff.dueDate,
    status: handoff.status,
    shift: shift.key,
    assigneeId: handoff.assignee?.id ?? null,
    acknowledgedAt: handoff.acknowledgedAt,
    closedAt: handoff.closedAt,
    resolution: handoff.resolution,
  };
}

function setPriority(handoff: Handoff, priority: Priority): void {
  handoff.priority = priority;
  handoff.priorityRank = PRIORITY_RANK[priority];
}

/**
 * Takes the handoff for a change when its status is one of `from`: one conditional UPDATE that
 * raises the version, so that two concurrent changes cannot both start from the same status (on
 * PostgreSQL the second waits for the first's row lock, then re-checks the status and matches
 * nothing). Anything else is CONFLICT with the current status, and nothing changes. Answers the
 * handoff as it is now, checked again for `action` (a concurrent reassignment may have changed
 * its assignee).
 */
async function claimHandoff(
  ctx: Context,
  id: string,
  action: HandoffAction,
  from: readonly HandoffStatus[],
  verb: string,
): Promise<{ handoff: Handoff; shift: Shift }> {
  const handoff = await findOrFail(ctx.em, Handoff, id);
  // Whoever may not act is refused before taking any lock.
  authorizeHandoff(ctx, action, handoff);
  await claimFromStatus(ctx, 'Handoff', 'handoffs', handoff, from, verb);
  authorizeHandoff(ctx, action, handoff);
  const shift = await ctx.em.findOneOrFail(Shift, handoff.shift.id);
  return { handoff, shift };
}

export async function createHandoff(ctx: Context, input: CreateHandoffInput): Promise<Handoff> {
  const shift = await findShiftOrFail(ctx, input.shift);
  const assignee = input.assigneeId ? await findActiveUserOrFail(ctx, input.assigneeId) : null;
  const handoff = ctx.em.create(Handoff, {
    title: input.title,
    description: input.description ?? null,
    ticket: input.ticket ?? null,
    hostname: input.hostname ?? null,
    shift,
    reporter: ref(ctx.user!),
    assignee,
    dueDate: input.dueDate ?? null,
  });
  setPriority(handoff, input.priority ?? Priority.MEDIUM);
  recordHandoffEvent(
    ctx,
    handoff,
    HandoffEventKind.CREATED,
    changedFields({}, snapshot(handoff, shift)),
  );
  await ctx.em.flush();
  return handoff;
}

/** Edits the details of a handoff that is not closed; status and people change otherwise. */
export async function updateHandoff(
  ctx: Context,
  id: string,
  input: UpdateHandoffInput,
): Promise<Handoff> {
  const { handoff, shift } = await claimHandoff(ctx, id, 'change', ACTIVE, 'edited');
  const before = snapshot(handoff, shift);
  if (input.title) handoff.title = input.title;
  if (input.description !== undefined) handoff.description = input.description;
  if (input.ticket !== undefined) handoff.ticket = input.ticket;
  if (input.hostname !== undefined) handoff.hostname = input.hostname;
  if (input.priority) setPriority(handoff, input.priority);
  if (input.dueDate !== undefined) handoff.dueDate = input.dueDate;
  const changes = changedFields(before, snapshot(handoff, shift));
  if (Object.keys(changes).length)
    recordHandoffEvent(ctx, handoff, HandoffEventKind.UPDATED, changes);
  await ctx.em.flush();
  return handoff;
}

/** Runs one transition of the state machine, setting what goes with its target status. */
async function transition(
  ctx: Context,
  id: string,
  action: HandoffAction,
  { from, to, verb, kind }: Transition,
  resolution: string | null = null,
): Promise<Handoff> {
  const { handoff, shift } = await claimHandoff(ctx, id, action, from, verb);
  const before = snapshot(handoff, shift);
  const now = new Date();
  handoff.status = to;
  if (to === HandoffStatus.ACKNOWLEDGED) handoff.acknowledgedAt = now;
  if (to === HandoffStatus.CLOSED) {
    handoff.closedAt = now;
    handoff.resolution = resolution;
  }
  if (to === HandoffStatus.OPEN) {
    handoff.acknowledgedAt = null;
    handoff.closedAt = null;
    handoff.resolution = null;
  }
  recordHandoffEvent(ctx, handoff, kind, changedFields(before, snapshot(handoff, shift)));
  await ctx.em.flush();
  return handoff;
}

export function acknowledgeHandoff(ctx: Context, id: string): Promise<Handoff> {
  return transition(ctx, id, 'acknowledge', TRANSITIONS.acknowledge);
}

export function closeHandoff(ctx: Context, id: string, resolution: string): Promise<Handoff> {
  const text = resolution.trim();
  if (!text)
    throw userInputError('A resolution is required to close a handoff', { field: 'resolution' });
  return transition(ctx, id, 'change', TRANSITIONS.close, text);
}

export function reopenHandoff(ctx: Context, id: string): Promise<Handoff> {
  return transition(ctx, id, 'change', TRANSITIONS.reopen);
}

/**
 * Hands a handoff that is not closed to another shift and/or assignee (`assigneeId` null
 * unassigns). Its status stays: the state machine has no transition for it.
 */
export async function reassignHandoff(
  ctx: Context,
  id: string,
  shiftKey: string | null | undefined,
  assigneeId: string | null | undefined,
): Promise<Handoff> {
  if (shiftKey == null && assigneeId === undefined) {
    throw userInputError('Give a shift, an assigneeId, or both', { field: 'shift' });
  }
  const { handoff, shift } = await claimHandoff(ctx, id, 'change', ACTIVE, 'reassigned');
  const before = snapshot(handoff, shift);
  const target = shiftKey != null ? await findShiftOrFail(ctx, shiftKey) : shift;
  handoff.shift = ref(target);
  if (assigneeId !== undefined) {
    handoff.assignee = assigneeId ? ref(await findActiveUserOrFail(ctx, assigneeId)) : null;
  }
  const changes = changedFields(before, snapshot(handoff, target));
  if (Object.keys(changes).length)
    recordHandoffEvent(ctx, handoff, HandoffEventKind.REASSIGNED, changes);
  await ctx.em.flush();
  return handoff;
}

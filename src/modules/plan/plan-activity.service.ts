import { raw } from '@mikro-orm/core';
import type { Context } from '../../context';
import { conflictError, notFoundError, userInputError } from '../../common/errors';
import { findOrFail } from '../../common/find-or-fail';
import { checkAmount } from '../../common/money';
import { timeOfDay } from '../../common/time-zone';
import { ACTIVITY_METADATA_MAX_BYTES, boundedObject } from './plan-data';
import { PlanActivity } from './plan-activity.entity';
import type { CreateActivityInput, UpdateActivityInput } from './plan-activity.inputs';
import type { Plan } from './plan.entity';
import { openPlanForChange } from './plan.policy';

/** Activities per plan: `days` and `reorderActivities` handle a plan's activities at once. */
export const PLAN_MAX_ACTIVITIES = 500;

function apply(activity: PlanActivity, input: UpdateActivityInput, plan: Plan): void {
  if (input.title) activity.title = input.title;
  const fields = [
    'description',
    'activityType',
    'locationName',
    'latitude',
    'longitude',
    'address',
    'scheduledDate',
    'durationMinutes',
  ] as const;
  for (const field of fields) {
    if (input[field] !== undefined)
      (activity as unknown as Record<string, unknown>)[field] = input[field];
  }
  if (input.activityType) activity.activityType = input.activityType.toLowerCase();
  if (input.startTime !== undefined) activity.startTime = timeOfDay(input.startTime);
  if (input.endTime !== undefined) activity.endTime = timeOfDay(input.endTime);
  for (const field of ['estimatedCost', 'actualCost'] as const) {
    const value = input[field];
    if (value !== undefined) activity[field] = value && checkAmount(value, plan.currency, field);
  }
  if (input.metadata) {
    activity.metadata = boundedObject(input.metadata, 'metadata', ACTIVITY_METADATA_MAX_BYTES);
  }
  if (activity.startTime && activity.endTime && activity.startTime > activity.endTime) {
    throw userInputError('endTime must be at or after startTime', { field: 'endTime' });
  }
}

/** The activity, and its plan opened for a change (see `openPlanForChange`). */
async function openActivity(
  ctx: Context,
  id: string,
): Promise<{ activity: PlanActivity; plan: Plan }> {
  const activity = await findOrFail(ctx.em, PlanActivity, id);
  // An activity of a plan the caller may not read does not exist for them.
  const plan = await openPlanForChange(ctx, activity.plan.id, {
    missing: notFoundError('PlanActivity', id),
  });
  // Re-read under the plan's lock: a concurrent reorder may have moved it.
  if (!(await ctx.em.refresh(activity))) throw notFoundError('PlanActivity', id);
  return { activity, plan };
}

/** Appends an activity to a plan that is not archived. */
export async function createActivity(
  ctx: Context,
  planId: string,
  input: CreateActivityInput,
): Promise<PlanActivity> {
  const plan = await openPlanForChange(ctx, planId);
  const count = await ctx.em.count(PlanActivity, { plan });
  if (count >= PLAN_MAX_ACTIVITIES) {
    throw conflictError(`A plan holds at most ${PLAN_MAX_ACTIVITIES} activities`, {
      limit: PLAN_MAX_ACTIVITIES,
    });
  }
  const activity = ctx.em.create(PlanActivity, { plan, title: input.title, orderIndex: count });
  apply(activity, input, plan);
  await ctx.em.flush();
  return activity;
}

export async function updateActivity(
  ctx: Context,
  id: string,
  input: UpdateActivityInput,
): Promise<PlanActivity> {
  const { activity, plan } = await openActivity(ctx, id);
  apply(activity, input, plan);
  await ctx.em.flush();
  return activity;
}

export async function completeActivity(
  ctx: Context,
  id: string,
  completed: boolean,
): Promise<PlanActivity> {
  const { activity } = await openActivity(ctx, id);
  activity.isCompleted = completed;
  await ctx.em.flush();
  return activity;
}

/** Removes an activity and closes the gap it leaves. */
export async function deleteActivity(ctx: Context, id: string): Promise<string> {
  const { activity, plan } = await openActivity(ctx, id);
  const { orderIndex } = activity;
  ctx.em.remove(activity);
  await ctx.em.flush();
  await ctx.em.nativeUpdate(
    PlanActivity,
    { plan, orderIndex: { $gt: orderIndex } },
    { orderIndex: raw('order_index - 1') },
  );
  return id;
}

/**
 * Puts a plan's activities in the order of `ids`, which must name each of them exactly once;
 * positions are 0..n-1 afterwards. Under the plan's lock, so that two concurrent reorders run
 * one after the other and the later one wins whole.
 */
export async function reorderActivities(
  ctx: Context,
  planId: string,
  ids: readonly string[],
): Promise<PlanActivity[]> {
  const plan = await openPlanForChange(ctx, planId);
  const activities = await ctx.em.find(PlanActivity, { plan }, { orderBy: { orderIndex: 'asc' } });
  const byId = new Map(activities.map((activity) => [activity.id, activity]));
  const distinct = new Set(ids);
  if (
    distinct.size !== ids.length ||
    ids.length !== activities.length ||
    ids.some((id) => !byId.has(id))
  ) {
    throw userInputError(
      `ids must list each of the plan's ${activities.length} activities exactly once`,
      { field: 'ids' },
    );
  }
  const ordered = ids.map((id, index) => {
    const activity = byId.get(id)!;
    activity.orderIndex = index;
    return activity;
  });
  await ctx.em.flush();
  return ordered;
}

import { raw, ref } from '@mikro-orm/core';
import type { Context } from '../../context';
import { currencyCode } from '../../common/currency';
import { conflictError, userInputError } from '../../common/errors';
import { checkAmount } from '../../common/money';
import { boundedObject, PLAN_DATA_MAX_BYTES } from './plan-data';
import { PlanStatus } from './plan-status.enum';
import { Plan } from './plan.entity';
import type { CreatePlanInput, UpdatePlanInput } from './plan.inputs';
import { openPlanForChange } from './plan.policy';

/** The rules a plan's fields keep together, checked before the database's own CHECKs. */
function checkPlan(plan: Plan): void {
  if (plan.startDate && plan.endDate && plan.startDate > plan.endDate) {
    throw userInputError('endDate must be on or after startDate', { field: 'endDate' });
  }
  if (plan.budget != null) checkAmount(plan.budget, plan.currency, 'budget');
}

export async function createPlan(ctx: Context, input: CreatePlanInput): Promise<Plan> {
  const plan = ctx.em.create(Plan, {
    owner: ref(ctx.user!),
    title: input.title,
    description: input.description ?? null,
    destination: input.destination ?? null,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    budget: input.budget ?? null,
    currency: input.currency ? currencyCode(input.currency) : 'USD',
    data: input.data ? boundedObject(input.data, 'data', PLAN_DATA_MAX_BYTES) : {},
    isPublic: input.isPublic ?? false,
  });
  checkPlan(plan);
  await ctx.em.flush();
  return plan;
}

/**
 * Saves version `expectedVersion + 1`, or refuses with CONFLICT when the plan is no longer at
 * `expectedVersion` (a lost update otherwise). The check runs under the plan's lock.
 */
export async function updatePlan(
  ctx: Context,
  id: string,
  expectedVersion: number,
  input: UpdatePlanInput,
): Promise<Plan> {
  const plan = await openPlanForChange(ctx, id);
  if (plan.version !== expectedVersion) {
    throw conflictError(
      `Plan ${id} is at version ${plan.version}, not ${expectedVersion}; reload and retry`,
      { currentVersion: plan.version, expectedVersion },
    );
  }
  if (input.title) plan.title = input.title;
  if (input.description !== undefined) plan.description = input.description;
  if (input.destination !== undefined) plan.destination = input.destination;
  if (input.startDate !== undefined) plan.startDate = input.startDate;
  if (input.endDate !== undefined) plan.endDate = input.endDate;
  if (input.budget !== undefined) plan.budget = input.budget;
  if (input.currency) plan.currency = currencyCode(input.currency);
  if (input.data) plan.data = boundedObject(input.data, 'data', PLAN_DATA_MAX_BYTES);
  if (input.isPublic != null) plan.isPublic = input.isPublic;
  checkPlan(plan);
  plan.version += 1;
  await ctx.em.flush();
  return plan;
}

/** DRAFT → PUBLISHED; a public plan then shows in publicPlans. */
export async function publishPlan(ctx: Context, id: string): Promise<Plan> {
  const plan = await openPlanForChange(ctx, id);
  if (plan.status !== PlanStatus.DRAFT) {
    throw conflictError(`Plan ${id} is ${plan.status}; only a DRAFT is published`, {
      currentStatus: plan.status,
    });
  }
  plan.status = PlanStatus.PUBLISHED;
  plan.version += 1;
  await ctx.em.flush();
  return plan;
}

/** → ARCHIVED: read-only from then on. */
export async function archivePlan(ctx: Context, id: string): Promise<Plan> {
  const plan = await openPlanForChange(ctx, id);
  plan.status = PlanStatus.ARCHIVED;
  plan.version += 1;
  await ctx.em.flush();
  return plan;
}

/** Removes a plan with its activities and share links (archived ones too). */
export async function deletePlan(ctx: Context, id: string): Promise<string> {
  const plan = await openPlanForChange(ctx, id, { archived: true });
  ctx.em.remove(plan);
  await ctx.em.flush();
  return id;
}

/** The seed's archival: every plan not updated since `olderThan` becomes ARCHIVED. Admins. */
export async function archiveStalePlans(ctx: Context, olderThan: Date): Promise<number> {
  if (!(olderThan.getTime() < Date.now())) {
    throw userInputError('olderThan must be in the past', { field: 'olderThan' });
  }
  return ctx.em.nativeUpdate(
    Plan,
    { updatedAt: { $lt: olderThan }, status: { $ne: PlanStatus.ARCHIVED } },
    { status: PlanStatus.ARCHIVED, updatedAt: new Date(), version: raw('version + 1') },
  );
}

import type { Knex } from '@mikro-orm/knex';
import type { GraphQLError } from 'graphql';
import type { Context } from '../../context';
import { lockRow } from '../../common/dialect';
import { conflictError, forbiddenError, notFoundError } from '../../common/errors';
import { isUuid } from '../../common/uuid';
import { PlanStatus } from './plan-status.enum';
import { Plan } from './plan.entity';

/**
 * Who may do what with a plan, in one place. Its owner reads and changes it; every signed-in
 * user reads a PUBLISHED plan that is public; a live share token reads one plan (see
 * plan-share.service.ts). Admins have no read right over others' plans (they are personal),
 * only `archiveStalePlans`. Anything else answers exactly like a plan that does not exist.
 */
export function mayReadPlan(
  ctx: Context,
  plan: { owner: { id: string }; status: PlanStatus; isPublic: boolean },
): boolean {
  if (!ctx.user) return false;
  return plan.owner.id === ctx.user.id || (plan.status === PlanStatus.PUBLISHED && plan.isPublic);
}

/** The read rule as SQL on a query whose `planId` column holds a plan id. */
export function wherePlanReadable(ctx: Context, qb: Knex.QueryBuilder, planId: string): void {
  qb.whereRaw(
    `exists (select 1 from plans rp where rp.id = ${planId} and (rp.owner_id = ? or (rp.status = 'PUBLISHED' and rp.is_public = true)))`,
    [ctx.user?.id ?? null],
  );
}

/**
 * How every change of a plan and its activities and links begins: the plan, managed and locked
 * until the transaction ends, when the caller owns it. One the caller may not read is NOT_FOUND,
 * one it reads but does not own FORBIDDEN, and an ARCHIVED one CONFLICT (read-only) unless
 * `archived` allows it. The status is checked again under the lock. `missing` and `notOwner`
 * replace the NOT_FOUND and FORBIDDEN answers for what the operation names (an activity, a link).
 */
export async function openPlanForChange(
  ctx: Context,
  planId: string,
  {
    archived = false,
    missing = notFoundError('Plan', planId),
    notOwner = forbiddenError('Only its owner may change a plan'),
  }: { archived?: boolean; missing?: GraphQLError; notOwner?: GraphQLError } = {},
): Promise<Plan> {
  const plan = isUuid(planId) ? await ctx.em.findOne(Plan, planId) : null;
  if (!plan || !mayReadPlan(ctx, plan)) throw missing;
  if (plan.owner.id !== ctx.user?.id) throw notOwner;
  await lockRow(ctx, 'plans', plan.id);
  if (!(await ctx.em.refresh(plan))) throw missing;
  if (!archived && plan.status === PlanStatus.ARCHIVED) {
    throw conflictError(`Plan ${plan.id} is archived and read-only`, {
      currentStatus: plan.status,
    });
  }
  return plan;
}

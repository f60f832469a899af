import type { Where } from '../../common/batch';
import { whereContains } from '../../common/dialect';
import { chosenOrder, type SortKey } from '../../common/keyset';
import type { Context } from '../../context';
import { whereJsonContains } from './plan-data';
import type { PlanFilter, PlanOrder } from './plan.inputs';

const LATEST_UPDATED_FIRST: readonly SortKey[] = [
  { property: 'updatedAt', direction: 'desc' },
  { property: 'id', direction: 'desc' },
];

/** The keyset of a plans list: the chosen field, latest updated first by default. */
export function planSortKeys(order: PlanOrder | null | undefined): readonly SortKey[] {
  return chosenOrder(order, LATEST_UPDATED_FIRST);
}

/** The signed-in user's own plans, filtered. */
export function myPlansWhere(ctx: Context, filter: PlanFilter | null | undefined): Where {
  return (qb) => {
    qb.where('plans.owner_id', ctx.user?.id ?? null);
    if (filter?.status) qb.where('plans.status', filter.status);
    if (filter?.destination) whereContains(ctx, qb, ['plans.destination'], filter.destination);
    if (filter?.startsAfter) qb.where('plans.start_date', '>=', filter.startsAfter);
    if (filter?.startsBefore) qb.where('plans.start_date', '<=', filter.startsBefore);
    if (filter?.dataContains) whereJsonContains(ctx, qb, 'plans.data', filter.dataContains);
  };
}

/**
 * Published public plans. The condition is written as literals, the same as the partial index's
 * (plans_public_index), so that the planner can prove the index applies.
 */
export function publicPlansWhere(ctx: Context, destination: string | null | undefined): Where {
  return (qb) => {
    qb.whereRaw(`plans.is_public = true and plans.status = 'PUBLISHED'`);
    if (destination) whereContains(ctx, qb, ['plans.destination'], destination);
  };
}

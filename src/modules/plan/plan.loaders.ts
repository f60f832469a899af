import { listByParent, loadByIds } from '../../common/batch';
import { defineChildList } from '../../common/child-list';
import { whereKeyIn } from '../../common/dialect';
import type { SortKey } from '../../common/keyset';
import { MoneyType } from '../../common/money';
import { selectRows } from '../../common/select-rows';
import type { Context } from '../../context';
import { PlanActivity } from './plan-activity.entity';
import { PlanShareLink } from './plan-share-link.entity';
import { Plan } from './plan.entity';
import { wherePlanReadable } from './plan.policy';

/** A plan's order of activities, and the keys of an activity cursor. */
export const ACTIVITY_ORDER: readonly SortKey[] = [
  { property: 'orderIndex', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];

/** A plan's activities in order, optionally those of one day. */
export const activityList = defineChildList<PlanActivity, string>({
  name: 'plan.activities',
  entity: PlanActivity,
  partition: 'plan',
  order: ACTIVITY_ORDER,
  where: (_ctx, date) =>
    date ? (qb) => qb.where('plan_activities.scheduled_date', date) : undefined,
});

/** A plan's share links, newest first. */
export const shareLinkList = defineChildList({
  name: 'plan.shareLinks',
  entity: PlanShareLink,
  partition: 'plan',
  order: [{ property: 'id', direction: 'desc' }],
});

/** The sums of a plan's activity costs, exact. */
export interface PlanTotals {
  estimated: string;
  actual: string;
}

const money = new MoneyType();

export const planLoaders = {
  /** Only plans the user may read (plan.policy.ts): any other id answers null. */
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Plan | null>('plan.byId', (ids) =>
      loadByIds(ctx.em, Plan, ids, (qb) => wherePlanReadable(ctx, qb, 'plans.id')),
    ),
  /** Both cost sums of each plan in one grouped statement; the database adds them exactly. */
  totals: (ctx: Context) =>
    ctx.loaders.get<string, PlanTotals>('plan.totals', async (ids) => {
      const platform = ctx.em.getPlatform();
      const qb = ctx.em
        .getKnex()('plan_activities')
        .select({ k: 'plan_id' })
        .sum({ estimated: 'estimated_cost', actual: 'actual_cost' })
        .groupBy('plan_id');
      whereKeyIn(ctx.em, qb, 'plan_id', ids);
      const rows = await selectRows<{ k: string; estimated: unknown; actual: unknown }>(ctx.em, qb);
      const sum = (value: unknown) =>
        money.convertToJSValue((value ?? 0) as string | number, platform) as string;
      const byPlan = new Map(
        rows.map((row) => [
          String(row.k),
          { estimated: sum(row.estimated), actual: sum(row.actual) },
        ]),
      );
      return ids.map((id) => byPlan.get(id) ?? { estimated: '0.00', actual: '0.00' });
    }),
  /** Every activity of each plan (at most PLAN_MAX_ACTIVITIES), in order, for `days`. */
  allActivities: (ctx: Context) =>
    ctx.loaders.get<string, PlanActivity[]>('plan.allActivities', (ids) =>
      listByParent(ctx.em, PlanActivity, 'plan_activities', 'plan_id', ['order_index', 'id'], ids),
    ),
};

export const planActivityLoaders = {
  /** Only activities of plans the user may read. */
  byId: (ctx: Context) =>
    ctx.loaders.get<string, PlanActivity | null>('planActivity.byId', (ids) =>
      loadByIds(ctx.em, PlanActivity, ids, (qb) =>
        wherePlanReadable(ctx, qb, 'plan_activities.plan_id'),
      ),
    ),
};

export const shareLinkLoaders = {
  /** Only links of the caller's own plans. */
  byId: (ctx: Context) =>
    ctx.loaders.get<string, PlanShareLink | null>('planShareLink.byId', (ids) =>
      loadByIds(ctx.em, PlanShareLink, ids, (qb) =>
        qb.whereExists((sub) =>
          sub
            .select(sub.client.raw('1'))
            .from('plans')
            .whereRaw('plans.id = plan_share_links.plan_id')
            .where('plans.owner_id', ctx.user?.id ?? null),
        ),
      ),
    ),
};

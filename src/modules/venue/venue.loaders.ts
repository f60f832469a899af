import { groupBy, listByParent, listThroughPivot, loadByIds } from '../../common/batch';
import { whereKeyIn } from '../../common/dialect';
import { loaderKey } from '../../common/loader-registry';
import { rowsAs } from '../../common/row-mapper';
import { selectRows } from '../../common/select-rows';
import type { Context } from '../../context';
import { User } from '../user/user.entity';
import { VenueClosure } from './venue-closure.entity';
import { VenueHours } from './venue-hours.entity';
import { Venue } from './venue.entity';

/** Every signed-in user reads every venue (venue.policy.ts): no access condition. */
export const venueLoaders = {
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Venue | null>('venue.byId', (ids) => loadByIds(ctx.em, Venue, ids)),
  /** The week, Monday first. */
  hours: (ctx: Context) =>
    ctx.loaders.get<string, VenueHours[]>('venue.hours', (ids) =>
      listByParent(ctx.em, VenueHours, 'venue_hours', 'venue_id', ['day_of_week'], ids),
    ),
  managers: (ctx: Context) =>
    ctx.loaders.get<string, User[]>('venue.managers', (ids) =>
      listThroughPivot(
        ctx.em,
        User,
        { table: 'venue_managers', owner: 'venue_id', target: 'user_id' },
        'users',
        ['username', 'id'],
        ids,
      ),
    ),
  /** Closures from `from` to `to` (inclusive), by date, for every venue of a batch at once. */
  closures: (ctx: Context, from: string, to: string) =>
    ctx.loaders.get<string, VenueClosure[]>(loaderKey('venue.closures', from, to), async (ids) => {
      const qb = ctx.em
        .getKnex()('venue_closures')
        .select('venue_id', 'date', 'note')
        .whereBetween('date', [from, to])
        .orderBy(['venue_id', 'date']);
      whereKeyIn(ctx.em, qb, 'venue_id', ids);
      const rows = await selectRows(ctx.em, qb);
      return groupBy(ids, rows, 'venue_id', rowsAs(ctx.em, VenueClosure, rows));
    }),
};

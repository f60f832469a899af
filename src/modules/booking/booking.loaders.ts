import { groupBy, loadByIds, type Where } from '../../common/batch';
import { defineChildList } from '../../common/child-list';
import { whereKeyIn } from '../../common/dialect';
import { ID_ORDER, type SortKey } from '../../common/keyset';
import { loaderKey } from '../../common/loader-registry';
import { rowsAs } from '../../common/row-mapper';
import { selectRows } from '../../common/select-rows';
import type { Context } from '../../context';
import { Role } from '../user/role.enum';
import { BookingChange } from './booking-change.entity';
import { BookingStatus } from './booking-status.enum';
import { Booking } from './booking.entity';

/** Bookings by start, then id. */
export const BOOKING_ORDER: readonly SortKey[] = [
  { property: 'startsAt', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];

export interface BookingRange {
  from: Date;
  to: Date;
}

/** A venue's bookings that overlap a range, by start: batched per (range, page). */
export const venueBookingList = defineChildList<Booking, BookingRange>({
  name: 'venue.bookings',
  entity: Booking,
  partition: 'venue',
  order: BOOKING_ORDER,
  where: (_ctx, range) =>
    range
      ? (qb) =>
          qb.where('bookings.starts_at', '<', range.to).where('bookings.ends_at', '>', range.from)
      : undefined,
});

/** The signed-in user's bookings, optionally of one status. */
export function myBookingsWhere(ctx: Context, status: BookingStatus | null | undefined): Where {
  return (qb) => {
    qb.where('bookings.booked_by_id', ctx.user?.id ?? null);
    if (status) qb.where('bookings.status', status);
  };
}

export const bookingChangeList = defineChildList({
  name: 'booking.changes',
  entity: BookingChange,
  partition: 'booking',
  order: ID_ORDER,
});

export const bookingLoaders = {
  /** Every signed-in user sees when venues are booked: no access condition on the row. */
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Booking | null>('booking.byId', (ids) =>
      loadByIds(ctx.em, Booking, ids),
    ),
  /** Whether the signed-in user manages each venue (admins manage all). */
  managesVenue: (ctx: Context) =>
    ctx.loaders.get<string, boolean>('booking.managesVenue', async (ids) => {
      if (ctx.user?.role === Role.ADMIN) return ids.map(() => true);
      const qb = ctx.em
        .getKnex()('venue_managers')
        .select('venue_id')
        .where('user_id', ctx.user?.id ?? null);
      whereKeyIn(ctx.em, qb, 'venue_id', ids);
      const managed = new Set(
        (await selectRows<{ venue_id: string }>(ctx.em, qb)).map((row) => String(row.venue_id)),
      );
      return ids.map((id) => managed.has(id));
    }),
  /** Non-cancelled bookings of each venue overlapping [from, to): for free slots. */
  holding: (ctx: Context, from: Date, to: Date) =>
    ctx.loaders.get<string, Booking[]>(loaderKey('booking.holding', from, to), async (ids) => {
      const qb = ctx.em
        .getKnex()('bookings')
        .select('venue_id', 'starts_at', 'ends_at', 'slot', 'id')
        .whereNot('status', BookingStatus.CANCELLED)
        .where('starts_at', '<', to)
        .where('ends_at', '>', from)
        .orderBy(['venue_id', 'starts_at']);
      whereKeyIn(ctx.em, qb, 'venue_id', ids);
      const rows = await selectRows(ctx.em, qb);
      return groupBy(ids, rows, 'venue_id', rowsAs(ctx.em, Booking, rows));
    }),
};

export const bookingChangeLoaders = {
  /** Only changes of bookings the caller may see in full: its own, its venues', all for admins. */
  byId: (ctx: Context) =>
    ctx.loaders.get<string, BookingChange | null>('bookingChange.byId', (ids) =>
      loadByIds(ctx.em, BookingChange, ids, (qb) => {
        if (ctx.user?.role === Role.ADMIN) return;
        qb.whereRaw(
          `exists (select 1 from bookings rb where rb.id = booking_changes.booking_id and (rb.booked_by_id = ? or exists (select 1 from venue_managers rm where rm.venue_id = rb.venue_id and rm.user_id = ?)))`,
          [ctx.user?.id ?? null, ctx.user?.id ?? null],
        );
      }),
    ),
};

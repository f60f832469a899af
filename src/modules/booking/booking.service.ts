import { ref } from '@mikro-orm/core';
import type { Context } from '../../context';
import { claimFromStatus } from '../../common/claim';
import { currencyCode } from '../../common/currency';
import { lockRow } from '../../common/dialect';
import { conflictError, userInputError } from '../../common/errors';
import { changedFields, type FieldChanges } from '../../common/field-changes';
import { findOrFail } from '../../common/find-or-fail';
import { checkAmount } from '../../common/money';
import { addDays, localDate } from '../../common/time-zone';
import { VenueClosure } from '../venue/venue-closure.entity';
import { VenueHours } from '../venue/venue-hours.entity';
import { Venue } from '../venue/venue.entity';
import { BookingChange } from './booking-change.entity';
import { BookingChangeKind } from './booking-change-kind.enum';
import { BookingStatus } from './booking-status.enum';
import { Booking } from './booking.entity';
import type { CreateBookingInput } from './booking.inputs';
import { authorizeBooking, type BookingAction } from './booking.policy';
import { openingHolding } from './opening-hours';

const MAX_BOOKING_MS = 86_400_000;
const { PENDING, CONFIRMED, CANCELLED, COMPLETED } = BookingStatus;

function record(ctx: Context, booking: Booking, kind: BookingChangeKind, changes: FieldChanges) {
  ctx.em.create(BookingChange, { booking, actor: ctx.user ? ref(ctx.user) : null, kind, changes });
}

const snapshot = (booking: Booking) => ({
  startsAt: booking.startsAt,
  endsAt: booking.endsAt,
  status: booking.status,
  cancellationReason: booking.cancellationReason ?? null,
});

const iso = (instant: Date | number) => new Date(instant).toISOString();

/**
 * Where [startsAt, endsAt) may go at the venue: inside one opening, in the future, and with a
 * place free among the venue's `capacity`. Runs under the venue's row lock (PostgreSQL; SQLite
 * runs one write transaction at a time), so that the check and the write that follows are one
 * step for concurrent requests; the exclusion constraint (PostgreSQL) and a trigger (SQLite)
 * refuse an overlap even so. Answers the free place; CONFLICT names the range in the way.
 */
async function placeFor(
  ctx: Context,
  venue: Venue,
  startsAt: Date,
  endsAt: Date,
  except: string | null,
): Promise<number> {
  const from = startsAt.getTime();
  const to = endsAt.getTime();
  if (!(from < to)) throw userInputError('endsAt must be after startsAt', { field: 'endsAt' });
  if (to - from > MAX_BOOKING_MS) {
    throw userInputError('A booking lasts at most 24 hours', { field: 'endsAt' });
  }
  if (from <= Date.now())
    throw userInputError('A booking cannot start in the past', { field: 'startsAt' });
  if (!venue.isActive) throw conflictError(`${venue.name} takes no bookings now (inactive)`);
  await lockRow(ctx, 'venues', venue.id);
  const today = localDate(from, venue.timezone);
  const [week, closures] = await Promise.all([
    ctx.em.find(VenueHours, { venue }),
    ctx.em.find(VenueClosure, { venue, date: { $in: [addDays(today, -1), today] } }),
  ]);
  const closed = new Set(closures.map((closure) => closure.date));
  if (!openingHolding(venue.timezone, week, closed, from, to)) {
    throw userInputError(`${venue.name} is not open for the whole of ${iso(from)}–${iso(to)}`, {
      field: 'startsAt',
    });
  }
  const overlapping = await ctx.em.find(
    Booking,
    {
      venue,
      status: { $ne: CANCELLED },
      startsAt: { $lt: endsAt },
      endsAt: { $gt: startsAt },
      ...(except ? { id: { $ne: except } } : {}),
    },
    { orderBy: { startsAt: 'asc' } },
  );
  const taken = new Set(overlapping.map((booking) => booking.slot));
  for (let slot = 1; slot <= venue.capacity; slot++) if (!taken.has(slot)) return slot;
  const clash = overlapping[0];
  throw conflictError(
    `${venue.name} is booked from ${iso(clash.startsAt)} to ${iso(clash.endsAt)}`,
    { conflictingStartsAt: iso(clash.startsAt), conflictingEndsAt: iso(clash.endsAt) },
  );
}

export async function createBooking(ctx: Context, input: CreateBookingInput): Promise<Booking> {
  const venue = await findOrFail(ctx.em, Venue, input.venueId);
  const currency = input.currency ? currencyCode(input.currency) : 'USD';
  const price = input.price == null ? null : checkAmount(input.price, currency, 'price');
  const slot = await placeFor(ctx, venue, input.startsAt, input.endsAt, null);
  const booking = ctx.em.create(Booking, {
    venue,
    bookedBy: ref(ctx.user!),
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    slot,
    notes: input.notes ?? null,
    price,
    currency,
  });
  record(ctx, booking, BookingChangeKind.CREATED, changedFields({}, snapshot(booking)));
  await ctx.em.flush();
  return booking;
}

/**
 * The booking taken for a change from one of `from` (see `claimByStatus`), checked for `action`
 * before and after; CONFLICT with the current status when it is in another.
 */
async function claimBooking(
  ctx: Context,
  id: string,
  action: BookingAction,
  from: readonly BookingStatus[],
  verb: string,
): Promise<Booking> {
  const booking = await findOrFail(ctx.em, Booking, id);
  await authorizeBooking(ctx, action, booking);
  return claimFromStatus(ctx, 'Booking', 'bookings', booking, from, verb);
}

/** Moves a PENDING or CONFIRMED booking to another range, under the same rules as a new one. */
export async function rescheduleBooking(
  ctx: Context,
  id: string,
  startsAt: Date,
  endsAt: Date,
): Promise<Booking> {
  const booking = await claimBooking(ctx, id, 'change', [PENDING, CONFIRMED], 'rescheduled');
  const venue = await ctx.em.findOneOrFail(Venue, booking.venue.id);
  const before = snapshot(booking);
  booking.slot = await placeFor(ctx, venue, startsAt, endsAt, booking.id);
  booking.startsAt = startsAt;
  booking.endsAt = endsAt;
  record(ctx, booking, BookingChangeKind.RESCHEDULED, changedFields(before, snapshot(booking)));
  await ctx.em.flush();
  return booking;
}

async function transition(
  ctx: Context,
  id: string,
  action: BookingAction,
  from: readonly BookingStatus[],
  to: BookingStatus,
  verb: string,
  kind: BookingChangeKind,
  reason: string | null = null,
): Promise<Booking> {
  const booking = await claimBooking(ctx, id, action, from, verb);
  const before = snapshot(booking);
  booking.status = to;
  if (to === CANCELLED) {
    booking.cancelledAt = new Date();
    booking.cancellationReason = reason;
  }
  record(ctx, booking, kind, changedFields(before, snapshot(booking)));
  await ctx.em.flush();
  return booking;
}

export function confirmBooking(ctx: Context, id: string): Promise<Booking> {
  return transition(
    ctx,
    id,
    'manage',
    [PENDING],
    CONFIRMED,
    'confirmed',
    BookingChangeKind.CONFIRMED,
  );
}

export function completeBooking(ctx: Context, id: string): Promise<Booking> {
  return transition(
    ctx,
    id,
    'manage',
    [CONFIRMED],
    COMPLETED,
    'completed',
    BookingChangeKind.COMPLETED,
  );
}

export function cancelBooking(ctx: Context, id: string, reason: string): Promise<Booking> {
  const text = reason.trim();
  if (!text) throw userInputError('A reason is required to cancel', { field: 'reason' });
  return transition(
    ctx,
    id,
    'change',
    [PENDING, CONFIRMED],
    CANCELLED,
    'cancelled',
    BookingChangeKind.CANCELLED,
    text,
  );
}

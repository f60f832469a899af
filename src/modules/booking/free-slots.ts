import type { Context } from '../../context';
import { addDays } from '../../common/time-zone';
import type { Venue } from '../venue/venue.entity';
import { venueLoaders } from '../venue/venue.loaders';
import { bookingLoaders } from './booking.loaders';
import { openingOn } from './opening-hours';

export interface TimeSlot {
  startsAt: Date;
  endsAt: Date;
}

const MINUTE = 60_000;

/**
 * The venue's free slots of `minutes` in the opening that starts on local `date`: back to back
 * from opening time, each kept when one of the venue's places has no booking overlapping it and
 * it starts in the future. Batched for every venue of a request: their hours, the closures around
 * the date and the bookings around it are one statement each.
 */
export async function freeSlots(
  ctx: Context,
  venue: Venue,
  date: string,
  minutes: number,
): Promise<TimeSlot[]> {
  // Every zone is within a day of UTC: this window holds the opening whatever the zone.
  const window = {
    from: new Date(`${addDays(date, -1)}T00:00:00Z`),
    to: new Date(`${addDays(date, 3)}T00:00:00Z`),
  };
  const [week, closures, bookings] = await Promise.all([
    venueLoaders.hours(ctx).load(venue.id),
    venueLoaders.closures(ctx, date, date).load(venue.id),
    bookingLoaders.holding(ctx, window.from, window.to).load(venue.id),
  ]);
  const opening = openingOn(
    venue.timezone,
    week,
    new Set(closures.map((closure) => closure.date)),
    date,
  );
  if (!opening) return [];
  const slots: TimeSlot[] = [];
  const now = Date.now();
  for (
    let start = opening.start;
    start + minutes * MINUTE <= opening.end;
    start += minutes * MINUTE
  ) {
    const end = start + minutes * MINUTE;
    if (start <= now) continue;
    const taken = new Set(
      bookings
        .filter((booking) => booking.startsAt.getTime() < end && booking.endsAt.getTime() > start)
        .map((booking) => booking.slot),
    );
    if (taken.size < venue.capacity)
      slots.push({ startsAt: new Date(start), endsAt: new Date(end) });
  }
  return slots;
}

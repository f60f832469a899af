import { addDays, isoWeekday, localDate, zonedInstant } from '../../common/time-zone';
import type { VenueHours } from '../venue/venue-hours.entity';

/** One opening of a venue, as instants (ms): from its local opening time to its closing time. */
export interface Opening {
  /** The local date it opens on. */
  date: string;
  start: number;
  end: number;
}

type Hours = Pick<VenueHours, 'dayOfWeek' | 'opensAt' | 'closesAt' | 'isClosed'>;

/**
 * The opening that starts on local `date`, or null when the venue is closed that day (no hours
 * for the weekday, a closed day, a dated closure). Hours whose closing time is at or before the
 * opening time close after midnight. Local times become instants in the venue's time zone, so
 * a day when the clocks change is an hour shorter or longer.
 */
export function openingOn(
  timeZone: string,
  week: readonly Hours[],
  closures: ReadonlySet<string>,
  date: string,
): Opening | null {
  const day = week.find((hours) => hours.dayOfWeek === isoWeekday(date));
  if (!day || day.isClosed || !day.opensAt || !day.closesAt || closures.has(date)) return null;
  const overnight = day.closesAt <= day.opensAt;
  const start = zonedInstant(date, day.opensAt, timeZone);
  const end = zonedInstant(overnight ? addDays(date, 1) : date, day.closesAt, timeZone);
  return end > start ? { date, start, end } : null;
}

/**
 * The opening that holds [from, to) whole: the one starting on `from`'s local date, or the
 * previous day's when it runs past midnight. Null when none does.
 */
export function openingHolding(
  timeZone: string,
  week: readonly Hours[],
  closures: ReadonlySet<string>,
  from: number,
  to: number,
): Opening | null {
  const today = localDate(from, timeZone);
  for (const date of [today, addDays(today, -1)]) {
    const opening = openingOn(timeZone, week, closures, date);
    if (opening && opening.start <= from && to <= opening.end) return opening;
  }
  return null;
}

import { userInputError } from './errors';

/** The IANA time zone as Intl knows it (e.g. "europe/lisbon" → "Europe/Lisbon"), or BAD_USER_INPUT. */
export function timeZoneName(value: string, field = 'timezone'): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw userInputError(`${value} is not an IANA time zone`, { field });
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone` is ahead of UTC at the instant `utc` (ms), in ms. */
function offsetAt(utc: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(utc)).map((part) => [part.type, Number(part.value)]),
  );
  const local = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return local - Math.floor(utc / 1000) * 1000;
}

/**
 * The instant (ms) at which the wall clock of `timeZone` shows `date` (YYYY-MM-DD) at `time`
 * (HH:MM[:SS]). A time the clocks skip (spring forward) is the instant the gap ends, read with
 * the offset before it (02:30 in a 02:00→03:00 gap is 03:30); a time shown twice (fall back) is
 * its first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute, second = 0] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // The offsets a day either side are far from any change: the instant is the wall time less
  // one of them, whichever the clock really shows then.
  const before = wall - offsetAt(wall - 86_400_000, timeZone);
  const after = wall - offsetAt(wall + 86_400_000, timeZone);
  const shows = (instant: number) => instant + offsetAt(instant, timeZone) === wall;
  if (shows(before) && shows(after)) return Math.min(before, after);
  if (shows(after)) return after;
  return before;
}

/** The date (YYYY-MM-DD) `days` after `date`. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

/** The local date (YYYY-MM-DD) in `timeZone` at the instant `utc`. */
export function localDate(utc: number, timeZone: string): string {
  return new Date(utc + offsetAt(utc, timeZone)).toISOString().slice(0, 10);
}

/** "09:30" and "09:30:00" are one time of day: stored with seconds, so that they compare as text. */
export function timeOfDay(value: string | null | undefined): string | null {
  if (value == null) return null;
  return value.length === 5 ? `${value}:00` : value.slice(0, 8);
}

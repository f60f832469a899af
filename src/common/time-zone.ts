import { userInputError } from './errors';

/** The IANA time zone as Intl knows it (e.g. "europe/lisbon" → "Europe/Lisbon"), or BAD_USER_INPUT. */
export function timeZoneName(value: string, field = 'timezone'): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw userInputError(`${value} is not an IANA time zone`, { field });
  }
}

import type { SqlEntityManager } from '@mikro-orm/knex';
import { zonedInstant } from '../../common/time-zone';
import { BookingStatus } from '../../modules/booking/booking-status.enum';
import { Booking } from '../../modules/booking/booking.entity';
import { VenueClosure } from '../../modules/venue/venue-closure.entity';
import { VenueHours } from '../../modules/venue/venue-hours.entity';
import { VenueManager } from '../../modules/venue/venue-manager.entity';
import { Venue } from '../../modules/venue/venue.entity';
import type { User } from '../../modules/user/user.entity';

const VENUES = [
  { name: 'Court 1', city: 'Lisbon', timezone: 'Europe/Lisbon', capacity: 1 },
  { name: 'Court 2', city: 'Lisbon', timezone: 'Europe/Lisbon', capacity: 1 },
  { name: 'Meeting room Tagus', city: 'Lisbon', timezone: 'Europe/Lisbon', capacity: 1 },
  { name: 'Studio B', city: 'New York', timezone: 'America/New_York', capacity: 2 },
];

/** The day the demo bookings are on (a Monday), and the bench reads. */
export const BOOKING_DAY = '2027-06-07';

/** Bookings on BOOKING_DAY, local times: none overlap. */
const DAY_BOOKINGS = [
  ['09:00', '10:00', BookingStatus.CONFIRMED],
  ['11:00', '12:30', BookingStatus.PENDING],
  ['15:00', '16:00', BookingStatus.CONFIRMED],
] as const;

/**
 * `count` venues (the four above, then numbered courts in Lisbon): open 08:00–22:00 on weekdays,
 * 10:00 until 02:00 the next morning on Saturdays, closed on Sundays and on Christmas Day, with
 * three bookings each on BOOKING_DAY; member1 (`users[1]`) manages the first.
 */
export async function seedVenues(
  em: SqlEntityManager,
  users: readonly User[],
  count = VENUES.length,
): Promise<void> {
  for (let index = 0; index < count; index++) {
    const fields = VENUES[index] ?? {
      name: `Court ${index + 1}`,
      city: 'Lisbon',
      timezone: 'Europe/Lisbon',
      capacity: 1,
    };
    const venue = em.create(Venue, fields);
    for (let day = 1; day <= 5; day++) {
      em.create(VenueHours, { venue, dayOfWeek: day, opensAt: '08:00:00', closesAt: '22:00:00' });
    }
    em.create(VenueHours, { venue, dayOfWeek: 6, opensAt: '10:00:00', closesAt: '02:00:00' });
    em.create(VenueHours, {
      venue,
      dayOfWeek: 7,
      isClosed: true,
      specialNote: 'Closed on Sundays',
    });
    em.create(VenueClosure, { venue, date: '2027-12-25', note: 'Christmas Day' });
    if (index === 0 && users[1]) em.create(VenueManager, { venue, user: users[1] });
    for (const [n, [from, to, status]] of DAY_BOOKINGS.entries()) {
      em.create(Booking, {
        venue,
        bookedBy: users[(index + n) % users.length],
        startsAt: new Date(zonedInstant(BOOKING_DAY, from, fields.timezone)),
        endsAt: new Date(zonedInstant(BOOKING_DAY, to, fields.timezone)),
        status,
      });
    }
  }
  await em.flush();
}

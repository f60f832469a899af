import type { SqlEntityManager } from '@mikro-orm/knex';
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

/**
 * A few venues: open 08:00–22:00 on weekdays, 10:00 until 02:00 the next morning on Saturdays,
 * closed on Sundays and on Christmas Day; member1 (`users[1]`) manages the first.
 */
export async function seedVenues(em: SqlEntityManager, users: readonly User[]): Promise<void> {
  for (const [index, fields] of VENUES.entries()) {
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
  }
  await em.flush();
}

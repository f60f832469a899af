import type { Context } from '../../context';
import { conflictError, notFoundError, userInputError } from '../../common/errors';
import { isUuid } from '../../common/uuid';
import { timeOfDay, timeZoneName } from '../../common/time-zone';
import { findActiveUserOrFail } from '../user/user.service';
import { VenueClosure } from './venue-closure.entity';
import { VenueHours } from './venue-hours.entity';
import { VenueManager } from './venue-manager.entity';
import { Venue } from './venue.entity';
import type { CreateVenueInput, UpdateVenueInput, VenueHoursInput } from './venue.inputs';
import { openVenueForChange } from './venue.policy';

export async function createVenue(ctx: Context, input: CreateVenueInput): Promise<Venue> {
  const venue = ctx.em.create(Venue, {
    name: input.name,
    city: input.city,
    timezone: timeZoneName(input.timezone),
    capacity: input.capacity ?? 1,
  });
  await ctx.em.flush();
  return venue;
}

export async function updateVenue(
  ctx: Context,
  id: string,
  input: UpdateVenueInput,
): Promise<Venue> {
  const venue = await openVenueForChange(ctx, id);
  if (input.name) venue.name = input.name;
  if (input.city) venue.city = input.city;
  if (input.timezone) venue.timezone = timeZoneName(input.timezone);
  if (input.capacity != null) venue.capacity = input.capacity;
  if (input.isActive != null) venue.isActive = input.isActive;
  await ctx.em.flush();
  return venue;
}

/** Replaces the venue's week: one row per day given; a day left out is closed. */
export async function setVenueHours(
  ctx: Context,
  venueId: string,
  days: readonly VenueHoursInput[],
): Promise<Venue> {
  const seen = new Set<number>();
  for (const day of days) {
    if (seen.has(day.dayOfWeek)) {
      throw userInputError(`Day ${day.dayOfWeek} is given twice`, { field: 'hours' });
    }
    seen.add(day.dayOfWeek);
    if (!day.isClosed && (!day.opensAt || !day.closesAt)) {
      throw userInputError(`Day ${day.dayOfWeek} needs opensAt and closesAt, or isClosed`, {
        field: 'hours',
      });
    }
  }
  const venue = await openVenueForChange(ctx, venueId);
  await ctx.em.nativeDelete(VenueHours, { venue });
  for (const day of days) {
    ctx.em.create(VenueHours, {
      venue,
      dayOfWeek: day.dayOfWeek,
      opensAt: day.isClosed ? null : timeOfDay(day.opensAt),
      closesAt: day.isClosed ? null : timeOfDay(day.closesAt),
      isClosed: day.isClosed ?? false,
      specialNote: day.specialNote ?? null,
    });
  }
  await ctx.em.flush();
  return venue;
}

/** Closes the venue on a date (or changes that closure's note). */
export async function setVenueClosure(
  ctx: Context,
  venueId: string,
  date: string,
  note: string | null | undefined,
): Promise<VenueClosure> {
  const venue = await openVenueForChange(ctx, venueId);
  const closure =
    (await ctx.em.findOne(VenueClosure, { venue, date })) ??
    ctx.em.create(VenueClosure, { venue, date });
  closure.note = note ?? null;
  await ctx.em.flush();
  return closure;
}

/** Opens the date again; false when it was not closed. */
export async function removeVenueClosure(
  ctx: Context,
  venueId: string,
  date: string,
): Promise<boolean> {
  const venue = await openVenueForChange(ctx, venueId);
  return (await ctx.em.nativeDelete(VenueClosure, { venue, date })) > 0;
}

export async function addVenueManager(
  ctx: Context,
  venueId: string,
  userId: string,
): Promise<Venue> {
  const venue = await openVenueForChange(ctx, venueId);
  const user = await findActiveUserOrFail(ctx, userId);
  if (await ctx.em.findOne(VenueManager, { venue, user })) {
    throw conflictError(`${user.username} already manages ${venue.name}`);
  }
  ctx.em.create(VenueManager, { venue, user });
  await ctx.em.flush();
  return venue;
}

export async function removeVenueManager(
  ctx: Context,
  venueId: string,
  userId: string,
): Promise<Venue> {
  const venue = await openVenueForChange(ctx, venueId);
  const removed =
    isUuid(userId) && (await ctx.em.nativeDelete(VenueManager, { venue, user: userId }));
  if (!removed) throw notFoundError('VenueManager', userId);
  return venue;
}

import type { Context } from '../../context';
import { lockRow } from '../../common/dialect';
import { forbiddenError } from '../../common/errors';
import { findOrFail } from '../../common/find-or-fail';
import { Role } from '../user/role.enum';
import { VenueManager } from './venue-manager.entity';
import { Venue } from './venue.entity';

/**
 * Who may do what with venues, in one place. Every signed-in user reads venues, their hours and
 * closures. A venue's managers and admins change its details, hours and closures; admins create
 * venues and name their managers (`@Authorized`).
 */
export async function mayManageVenue(ctx: Context, venueId: string): Promise<boolean> {
  if (!ctx.user) return false;
  if (ctx.user.role === Role.ADMIN) return true;
  return (await ctx.em.count(VenueManager, { venue: venueId, user: ctx.user.id })) > 0;
}

/**
 * How every change of a venue begins: the venue, managed and locked until the transaction ends
 * (so that two replacements of its week run one after the other), when the caller manages it.
 * NOT_FOUND when there is no such venue, FORBIDDEN when the caller does not manage it.
 */
export async function openVenueForChange(ctx: Context, venueId: string): Promise<Venue> {
  const venue = await findOrFail(ctx.em, Venue, venueId);
  if (!(await mayManageVenue(ctx, venue.id))) {
    throw forbiddenError("Only the venue's managers or an admin may change it");
  }
  await lockRow(ctx, 'venues', venue.id);
  return venue;
}

import type { Context } from '../../context';
import { forbiddenError } from '../../common/errors';
import { Role } from '../user/role.enum';
import { mayManageVenue } from '../venue/venue.policy';
import type { Row } from '../../common/row.type';
import type { Booking } from './booking.entity';
import { bookingLoaders } from './booking.loaders';

/**
 * Who may do what with bookings, in one place. Everyone signed in books an active venue and sees
 * when a venue is booked (times and status). Its booker, the venue's managers and admins see a
 * booking's booker, notes and changes, reschedule it and cancel it; the venue's managers and
 * admins confirm and complete it.
 */
export type BookingAction = 'change' | 'manage';

interface Held {
  venue: { id: string };
  bookedBy: { id: string };
}

export async function mayOnBooking(
  ctx: Context,
  action: BookingAction,
  booking: Held,
): Promise<boolean> {
  if (!ctx.user) return false;
  if (ctx.user.role === Role.ADMIN) return true;
  if (action === 'change' && booking.bookedBy.id === ctx.user.id) return true;
  return mayManageVenue(ctx, booking.venue.id);
}

export async function authorizeBooking(
  ctx: Context,
  action: BookingAction,
  booking: Held,
): Promise<void> {
  if (!(await mayOnBooking(ctx, action, booking))) {
    throw forbiddenError(
      action === 'manage'
        ? "Only the venue's managers or an admin may do this"
        : "Only the booker, the venue's managers or an admin may change a booking",
    );
  }
}

/**
 * Whether the caller sees a booking in full (its booker, notes and changes): its booker, the
 * venue's managers and admins; everyone else sees its times and status. Batched over a list; a
 * list reads only the selected columns, so the booker and venue are looked up when not read.
 */
export async function seesBookingInFull(ctx: Context, booking: Row<Booking>): Promise<boolean> {
  if (!ctx.user) return false;
  if (ctx.user.role === Role.ADMIN) return true;
  const row =
    booking.bookedBy && booking.venue ? booking : await bookingLoaders.byId(ctx).load(booking.id);
  if (!row) return false;
  if (row.bookedBy.id === ctx.user.id) return true;
  return bookingLoaders.managesVenue(ctx).load(row.venue.id);
}

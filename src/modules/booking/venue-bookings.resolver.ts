import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { userInputError } from '../../common/errors';
import type { Row } from '../../common/row.type';
import { Venue } from '../venue/venue.entity';
import { venueLoaders } from '../venue/venue.loaders';
import { FreeSlotsArgs, VenueBookingsArgs } from './booking.args';
import { venueBookingList } from './booking.loaders';
import { BookingConnection, TimeSlot } from './booking.types';
import { freeSlots } from './free-slots';

const MAX_RANGE_MS = 31 * 86_400_000;

/** Adds the booking fields of `Venue` from this module. */
@Resolver(() => Venue)
export class VenueBookingsResolver {
  @FieldResolver(() => BookingConnection, {
    description: 'Bookings overlapping [from, to) (at most 31 days), by start, every status.',
  })
  async bookings(
    @Root() venue: Row<Venue>,
    @Args() { from, to, ...args }: VenueBookingsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<BookingConnection> {
    const span = to.getTime() - from.getTime();
    if (!(span > 0 && span <= MAX_RANGE_MS)) {
      throw userInputError('to must be after from, at most 31 days on', { field: 'to' });
    }
    return new BookingConnection(
      await venueBookingList.connection(ctx, venue.id, args, { info, filter: { from, to } }),
    );
  }

  @FieldResolver(() => [TimeSlot], {
    description:
      'Free slots of `duration` minutes in the opening that starts on `date` (local), back to back from opening time, in the future only.',
  })
  async freeSlots(
    @Root() venue: Row<Venue>,
    @Args() { date, duration }: FreeSlotsArgs,
    @Ctx() ctx: Context,
  ): Promise<TimeSlot[]> {
    if (duration % 5)
      throw userInputError('duration must be a multiple of 5', { field: 'duration' });
    // A list reads only the selected columns: the time zone and capacity may need reading.
    const full =
      venue.timezone && venue.capacity ? venue : await venueLoaders.byId(ctx).load(venue.id);
    return full ? freeSlots(ctx, full as Venue, date, duration) : [];
  }
}

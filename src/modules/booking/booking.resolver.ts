import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context';
import { listPage } from '../../common/list';
import { PageArgs } from '../../common/page.args';
import type { Row } from '../../common/row.type';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import { Venue } from '../venue/venue.entity';
import { venueLoaders } from '../venue/venue.loaders';
import { seesBookingInFull } from './booking.policy';
import { CancelBookingArgs, MyBookingsArgs, RescheduleBookingArgs } from './booking.args';
import { Booking } from './booking.entity';
import { CreateBookingInput } from './booking.inputs';
import {
  BOOKING_ORDER,
  bookingChangeList,
  bookingLoaders,
  myBookingsWhere,
} from './booking.loaders';
import * as bookings from './booking.service';
import { BookingChangeConnection, BookingConnection } from './booking.types';

@Resolver(() => Booking)
export class BookingResolver {
  @Query(() => Booking, { nullable: true, description: 'One booking by id, or null.' })
  booking(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Booking | null> {
    return bookingLoaders.byId(ctx).load(id);
  }

  @Query(() => BookingConnection, {
    description: 'Your bookings by start, optionally of a status.',
  })
  async myBookings(
    @Args() { status, ...args }: MyBookingsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<BookingConnection> {
    const query = { entity: Booking, order: BOOKING_ORDER, where: myBookingsWhere(ctx, status) };
    return new BookingConnection(await listPage(ctx, query, args, info));
  }

  @FieldResolver(() => Venue)
  venue(@Root() booking: Row<Booking>, @Ctx() ctx: Context) {
    return venueLoaders.byId(ctx).load(booking.venue.id);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: "null unless you are the booker, one of the venue's managers or an admin.",
  })
  async bookedBy(@Root() booking: Row<Booking>, @Ctx() ctx: Context) {
    if (!(await seesBookingInFull(ctx, booking))) return null;
    const row = booking.bookedBy ? booking : await bookingLoaders.byId(ctx).load(booking.id);
    return loadUser(ctx, row?.bookedBy);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "null unless you are the booker, one of the venue's managers or an admin.",
  })
  async notes(@Root() booking: Row<Booking>, @Ctx() ctx: Context): Promise<string | null> {
    if (!(await seesBookingInFull(ctx, booking))) return null;
    if (booking.notes !== undefined) return booking.notes ?? null;
    return (await bookingLoaders.byId(ctx).load(booking.id))?.notes ?? null;
  }

  @FieldResolver(() => BookingChangeConnection, {
    nullable: true,
    description: 'Every change, oldest first; null unless you may see the booking in full.',
  })
  async changes(
    @Root() booking: Row<Booking>,
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<BookingChangeConnection | null> {
    if (!(await seesBookingInFull(ctx, booking))) return null;
    return new BookingChangeConnection(
      await bookingChangeList.connection(ctx, booking.id, args, { info }),
    );
  }

  @Mutation(() => Booking, {
    description:
      'Books an active venue: in the future, inside one opening (in its time zone), never overlapping beyond its capacity (CONFLICT naming the range in the way). PENDING until confirmed.',
  })
  createBooking(@Arg('input') input: CreateBookingInput, @Ctx() ctx: Context): Promise<Booking> {
    return bookings.createBooking(ctx, input);
  }

  @Mutation(() => Booking, {
    description:
      "Moves a PENDING or CONFIRMED booking, under the same rules. Its booker, the venue's managers, admins.",
  })
  rescheduleBooking(
    @Args() { id, startsAt, endsAt }: RescheduleBookingArgs,
    @Ctx() ctx: Context,
  ): Promise<Booking> {
    return bookings.rescheduleBooking(ctx, id, startsAt, endsAt);
  }

  @Mutation(() => Booking, { description: "PENDING → CONFIRMED. The venue's managers, admins." })
  confirmBooking(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Booking> {
    return bookings.confirmBooking(ctx, id);
  }

  @Mutation(() => Booking, { description: "CONFIRMED → COMPLETED. The venue's managers, admins." })
  completeBooking(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Booking> {
    return bookings.completeBooking(ctx, id);
  }

  @Mutation(() => Booking, {
    description:
      "PENDING or CONFIRMED → CANCELLED, with a reason; frees the range. Its booker, the venue's managers, admins.",
  })
  cancelBooking(@Args() { id, reason }: CancelBookingArgs, @Ctx() ctx: Context): Promise<Booking> {
    return bookings.cancelBooking(ctx, id, reason);
  }
}

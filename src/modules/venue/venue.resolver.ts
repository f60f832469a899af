import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
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
import { userInputError } from '../../common/errors';
import { listPage } from '../../common/list';
import type { Row } from '../../common/row.type';
import { Role } from '../user/role.enum';
import { User } from '../user/user.entity';
import {
  ClosuresArgs,
  SetVenueClosureArgs,
  VenueClosureArgs,
  VenueManagerArgs,
  VenuesArgs,
} from './venue.args';
import { VenueClosure } from './venue-closure.entity';
import { VenueHours } from './venue-hours.entity';
import { Venue } from './venue.entity';
import { CreateVenueInput, UpdateVenueInput, VenueHoursInput } from './venue.inputs';
import { VENUE_ORDER, venueWhere } from './venue-list';
import { venueLoaders } from './venue.loaders';
import * as venues from './venue.service';
import { VenueConnection } from './venue.types';

const DAY = 86_400_000;
/** Closures are read for at most a year and a day at once. */
const MAX_CLOSURE_DAYS = 366;

@Resolver(() => Venue)
export class VenueResolver {
  @Query(() => Venue, { nullable: true, description: 'One venue by id, or null.' })
  venue(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Venue | null> {
    return venueLoaders.byId(ctx).load(id);
  }

  @Query(() => VenueConnection, { description: 'Venues by name, filtered by city and activity.' })
  async venues(
    @Args() { filter, ...args }: VenuesArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<VenueConnection> {
    const query = { entity: Venue, order: VENUE_ORDER, where: venueWhere(filter) };
    return new VenueConnection(await listPage(ctx, query, args, info));
  }

  @FieldResolver(() => [VenueHours], {
    description: 'The weekly hours, Monday first; a weekday without a row is closed.',
  })
  hours(@Root() venue: Row<Venue>, @Ctx() ctx: Context): Promise<VenueHours[]> {
    return venueLoaders.hours(ctx).load(venue.id);
  }

  @FieldResolver(() => [VenueClosure], {
    description: 'Dated closures from `from` to `to` (at most 366 days), by date.',
  })
  closures(
    @Root() venue: Row<Venue>,
    @Args() { from, to }: ClosuresArgs,
    @Ctx() ctx: Context,
  ): Promise<VenueClosure[]> {
    const days = (Date.parse(to) - Date.parse(from)) / DAY + 1;
    if (!(days >= 1 && days <= MAX_CLOSURE_DAYS)) {
      throw userInputError(`to must be on or after from, at most ${MAX_CLOSURE_DAYS} days on`, {
        field: 'to',
        limit: MAX_CLOSURE_DAYS,
      });
    }
    return venueLoaders.closures(ctx, from, to).load(venue.id);
  }

  @FieldResolver(() => [User], { description: 'Who manages it besides admins.' })
  managers(@Root() venue: Row<Venue>, @Ctx() ctx: Context): Promise<User[]> {
    return venueLoaders.managers(ctx).load(venue.id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Venue, {
    description: 'A new venue, open no day until its hours are set. Admins.',
  })
  createVenue(@Arg('input') input: CreateVenueInput, @Ctx() ctx: Context): Promise<Venue> {
    return venues.createVenue(ctx, input);
  }

  @Mutation(() => Venue, { description: "Changes a venue's details. Its managers and admins." })
  updateVenue(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateVenueInput,
    @Ctx() ctx: Context,
  ): Promise<Venue> {
    return venues.updateVenue(ctx, id, input);
  }

  @Mutation(() => Venue, {
    description:
      "Replaces the venue's week (each weekday at most once; one left out is closed). Its managers and admins.",
  })
  setVenueHours(
    @Arg('venueId', () => ID) venueId: string,
    @Arg('hours', () => [VenueHoursInput]) hours: VenueHoursInput[],
    @Ctx() ctx: Context,
  ): Promise<Venue> {
    return venues.setVenueHours(ctx, venueId, hours);
  }

  @Mutation(() => VenueClosure, {
    description:
      'Closes the venue on a date, or changes that closure’s note. Its managers and admins.',
  })
  setVenueClosure(
    @Args() { venueId, date, note }: SetVenueClosureArgs,
    @Ctx() ctx: Context,
  ): Promise<VenueClosure> {
    return venues.setVenueClosure(ctx, venueId, date, note);
  }

  @Mutation(() => Boolean, {
    description: 'Opens the date again; false when it was not closed. Its managers and admins.',
  })
  removeVenueClosure(
    @Args() { venueId, date }: VenueClosureArgs,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return venues.removeVenueClosure(ctx, venueId, date);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Venue, { description: 'Makes an active user a manager of the venue. Admins.' })
  addVenueManager(@Args() { venueId, userId }: VenueManagerArgs, @Ctx() ctx: Context) {
    return venues.addVenueManager(ctx, venueId, userId);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Venue, { description: 'Ends a user’s management of the venue. Admins.' })
  removeVenueManager(@Args() { venueId, userId }: VenueManagerArgs, @Ctx() ctx: Context) {
    return venues.removeVenueManager(ctx, venueId, userId);
  }
}

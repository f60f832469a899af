import { IsInt, Length, Max, Min } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { PageArgs } from '../../common/page.args';
import { BookingStatus } from './booking-status.enum';

@ArgsType()
export class MyBookingsArgs extends PageArgs {
  @Field(() => BookingStatus, { nullable: true })
  status?: BookingStatus | null;
}

@ArgsType()
export class VenueBookingsArgs extends PageArgs {
  @Field(() => Date, { description: 'Bookings ending after this instant…' })
  from!: Date;

  @Field(() => Date, { description: '…and starting before this one; at most 31 days later.' })
  to!: Date;
}

@ArgsType()
export class FreeSlotsArgs {
  @Field(() => GraphQLLocalDate, { description: 'A local date in the venue’s time zone.' })
  date!: string;

  @Field(() => Int, { description: 'Minutes, 5 to 1440, a multiple of 5.' })
  @IsInt()
  @Min(5)
  @Max(1_440)
  duration!: number;
}

@ArgsType()
export class RescheduleBookingArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;
}

@ArgsType()
export class CancelBookingArgs {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Why, 1 to 1,000 characters.' })
  @Length(1, 1_000)
  reason!: string;
}

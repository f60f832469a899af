import { Field, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection.type';
import { BookingChange } from './booking-change.entity';
import { Booking } from './booking.entity';

@ObjectType({ simpleResolvers: true })
export class BookingConnection extends Connection(Booking) {}

@ObjectType({ simpleResolvers: true })
export class BookingChangeConnection extends Connection(BookingChange) {}

@ObjectType({ simpleResolvers: true, description: 'A free range of a venue, [startsAt, endsAt).' })
export class TimeSlot {
  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;
}

import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  Property,
  type Opt,
  type Ref,
} from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { DecimalScalar, MoneyType } from '../../common/money';
import { Node } from '../../common/node.interface';
import { User } from '../user/user.entity';
import { Venue } from '../venue/venue.entity';
import { BookingStatus } from './booking-status.enum';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description:
    'A venue held for a time range [startsAt, endsAt). Non-cancelled bookings of one venue never overlap beyond its capacity: the database enforces it.',
})
@Entity({ tableName: 'bookings' })
@Index({ name: 'bookings_venue_id_starts_at_index', properties: ['venue', 'startsAt'] })
@Index({ name: 'bookings_booked_by_id_status_index', properties: ['bookedBy', 'status'] })
@Check({ name: 'bookings_range_check', expression: 'starts_at < ends_at' })
@Check({ name: 'bookings_slot_check', expression: 'slot >= 1' })
@Check({ name: 'bookings_price_check', expression: 'price is null or price >= 0' })
@Check({
  name: 'bookings_cancelled_check',
  expression: "(status = 'CANCELLED') = (cancelled_at is not null)",
})
@Check({ name: 'bookings_version_check', expression: 'version >= 1' })
@Check({
  name: 'bookings_currency_check',
  expression: 'length(currency) = 3 and upper(currency) = currency',
})
export class Booking extends BaseEntity {
  @ManyToOne(() => Venue, { ref: true, deleteRule: 'cascade' })
  venue!: Ref<Venue>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  bookedBy!: Ref<User>;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Field(() => Date, { description: 'Exclusive: a booking may start when another ends.' })
  @Property({ type: 'datetime' })
  endsAt!: Date;

  /** Which of the venue's `capacity` places it holds, from 1: overlaps are refused per place. */
  @Property({ type: 'smallint' })
  slot: number & Opt = 1;

  @Field(() => BookingStatus)
  @Enum({ items: () => BookingStatus })
  status: BookingStatus & Opt = BookingStatus.PENDING;

  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  @Property({ type: MoneyType, nullable: true })
  price?: string | null;

  @Field(() => String, { description: 'ISO 4217, of the price.' })
  @Property({ length: 3 })
  currency: string & Opt = 'USD';

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  cancelledAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  cancellationReason?: string | null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  version: number & Opt = 1;
}

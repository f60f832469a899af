import { Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import type { FieldChanges } from '../../common/field-changes';
import { Node } from '../../common/node.interface';
import { User } from '../user/user.entity';
import { BookingChangeKind } from './booking-change-kind.enum';
import { Booking } from './booking.entity';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'One change of a booking (made, rescheduled, confirmed, cancelled, completed).',
})
@Entity({ tableName: 'booking_changes' })
export class BookingChange extends BaseEntity {
  @ManyToOne(() => Booking, { ref: true, deleteRule: 'cascade', index: true })
  booking!: Ref<Booking>;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  actor?: Ref<User> | null;

  @Field(() => BookingChangeKind)
  @Enum({ items: () => BookingChangeKind })
  kind!: BookingChangeKind;

  @Field(() => GraphQLJSONObject, { description: 'Field name → { from, to }.' })
  @Property({ type: 'json' })
  changes!: FieldChanges;
}

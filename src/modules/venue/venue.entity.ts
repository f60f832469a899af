import { Check, Entity, Index, Property, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Node } from '../../common/node.interface';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A bookable place (a room, a chair, a court…) with weekly opening hours.',
})
@Entity({ tableName: 'venues' })
// venues(filter: { city, isActive }), by city regardless of case.
@Index({
  name: 'venues_city_is_active_index',
  expression: 'create index "venues_city_is_active_index" on "venues" (lower("city"), "is_active")',
})
@Check({ name: 'venues_name_check', expression: 'length(name) >= 1 and length(name) <= 200' })
@Check({ name: 'venues_capacity_check', expression: 'capacity >= 1' })
export class Venue extends BaseEntity {
  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field()
  @Property({ length: 100 })
  city!: string;

  @Field({ description: 'IANA time zone (e.g. Europe/Lisbon): opening hours are local to it.' })
  @Property({ length: 64 })
  timezone!: string;

  @Field(() => Int, {
    description: 'How many bookings may run at once; 1 (the default) means one at a time.',
  })
  @Property({ type: 'integer' })
  capacity: number & Opt = 1;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  isActive: boolean & Opt = true;
}

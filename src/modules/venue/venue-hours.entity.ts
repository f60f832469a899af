import {
  Check,
  Entity,
  ManyToOne,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
  type Opt,
} from '@mikro-orm/core';
import { GraphQLLocalTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Venue } from './venue.entity';

@ObjectType({
  simpleResolvers: true,
  description:
    'Opening hours of one weekday, in the venue’s time zone. closesAt at or before opensAt means it closes after midnight, on the next day.',
})
@Entity({ tableName: 'venue_hours' })
@Check({
  name: 'venue_hours_day_of_week_check',
  expression: 'day_of_week >= 1 and day_of_week <= 7',
})
@Check({
  name: 'venue_hours_times_check',
  expression: 'is_closed = true or (opens_at is not null and closes_at is not null)',
})
export class VenueHours {
  [PrimaryKeyProp]?: ['venue', 'dayOfWeek'];

  @ManyToOne(() => Venue, { primary: true, deleteRule: 'cascade' })
  venue!: Venue;

  @Field(() => Int, { description: 'ISO weekday: 1 Monday … 7 Sunday.' })
  @PrimaryKey({ type: 'smallint' })
  dayOfWeek!: number;

  @Field(() => GraphQLLocalTime, { nullable: true })
  @Property({ type: 'time', nullable: true })
  opensAt?: string | null;

  @Field(() => GraphQLLocalTime, { nullable: true })
  @Property({ type: 'time', nullable: true })
  closesAt?: string | null;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  isClosed: boolean & Opt = false;

  @Field(() => String, { nullable: true, description: 'e.g. "Closed for maintenance".' })
  @Property({ length: 200, nullable: true })
  specialNote?: string | null;
}

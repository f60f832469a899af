import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Venue } from './venue.entity';

@ObjectType({
  simpleResolvers: true,
  description: 'A date the venue is closed whatever its weekly hours say (a holiday, works).',
})
@Entity({ tableName: 'venue_closures' })
export class VenueClosure {
  [PrimaryKeyProp]?: ['venue', 'date'];

  @ManyToOne(() => Venue, { primary: true, deleteRule: 'cascade' })
  venue!: Venue;

  @Field(() => GraphQLLocalDate, { description: 'A local date in the venue’s time zone.' })
  @PrimaryKey({ type: 'date' })
  date!: string;

  @Field(() => String, { nullable: true })
  @Property({ length: 200, nullable: true })
  note?: string | null;
}

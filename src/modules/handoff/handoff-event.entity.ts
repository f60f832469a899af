import { Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import type { FieldChanges } from '../../common/field-changes';
import { Node } from '../../common/node.interface';
import { User } from '../user/user.entity';
import { HandoffEventKind } from './handoff-event-kind.enum';
import { Handoff } from './handoff.entity';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'One transition or edit of a handoff: who, when, and each field before and after.',
})
@Entity({ tableName: 'handoff_events' })
export class HandoffEvent extends BaseEntity {
  @ManyToOne(() => Handoff, { ref: true, deleteRule: 'cascade', index: true })
  handoff!: Ref<Handoff>;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  actor?: Ref<User> | null;

  @Field(() => HandoffEventKind)
  @Enum({ items: () => HandoffEventKind })
  kind!: HandoffEventKind;

  @Field(() => GraphQLJSONObject, { description: 'Field name → { from, to }.' })
  @Property({ type: 'json' })
  changes!: FieldChanges;
}

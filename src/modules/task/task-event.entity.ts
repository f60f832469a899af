import { Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import type { FieldChanges } from '../../common/field-changes';
import { Node } from '../../common/node.interface';
import { User } from '../user/user.entity';
import { TaskEventKind } from './task-event-kind.enum';
import { Task } from './task.entity';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'One recorded change to a task: who, when, and each field before and after.',
})
@Entity({ tableName: 'task_events' })
export class TaskEvent extends BaseEntity {
  @ManyToOne(() => Task, { ref: true, deleteRule: 'cascade', index: true })
  task!: Ref<Task>;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  actor?: Ref<User> | null;

  @Field(() => TaskEventKind)
  @Enum({ items: () => TaskEventKind })
  kind!: TaskEventKind;

  @Field(() => GraphQLJSONObject, { description: 'Field name → { from, to }.' })
  @Property({ type: 'json' })
  changes!: FieldChanges;
}

import { Check, Entity, Index, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Node } from '../../common/node.interface';
import { Task } from './task.entity';

@ObjectType({ implements: Node, simpleResolvers: true, description: 'A checklist item on a task.' })
@Entity({ tableName: 'todos' })
@Index({ name: 'todos_task_id_position_index', properties: ['task', 'position'] })
@Index({ name: 'todos_due_date_index', properties: ['dueDate'] })
@Check({ name: 'todos_position_check', expression: 'position >= 0' })
export class Todo extends BaseEntity {
  @ManyToOne(() => Task, { ref: true, deleteRule: 'cascade', index: true })
  task!: Ref<Task>;

  @Field()
  @Property({ length: 500 })
  text!: string;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  done: boolean & Opt = false;

  @Field(() => Int)
  @Property({ type: 'integer' })
  position: number & Opt = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  dueDate?: Date | null;
}

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
import { Node } from '../../common/node.interface';
import { Priority } from '../../common/priority.enum';
import { Project } from '../project/project.entity';
import { User } from '../user/user.entity';
import { TaskStatus } from './task-status.enum';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A unit of work in a project; tasks nest up to the configured depth.',
})
@Entity({ tableName: 'tasks' })
@Index({ name: 'tasks_project_id_position_index', properties: ['project', 'position'] })
@Index({ name: 'tasks_status_priority_index', properties: ['status', 'priority'] })
@Index({ name: 'tasks_parent_id_project_id_index', properties: ['parent', 'project'] })
@Index({ name: 'tasks_parent_id_position_index', properties: ['parent', 'position'] })
@Check({ name: 'tasks_depth_check', expression: 'depth >= 0' })
@Check({ name: 'tasks_position_check', expression: 'position >= 0' })
export class Task extends BaseEntity {
  @ManyToOne(() => Project, { ref: true, deleteRule: 'cascade', index: true })
  project!: Ref<Project>;

  @ManyToOne(() => Task, { ref: true, nullable: true, deleteRule: 'cascade', index: true })
  parent?: Ref<Task> | null;

  @Field(() => Int, { description: '0 for a root task, parent depth + 1 below it.' })
  @Property({ type: 'integer' })
  depth: number & Opt = 0;

  @Field(() => Int, { description: 'Order among siblings, from 0.' })
  @Property({ type: 'integer' })
  position: number & Opt = 0;

  @Field()
  @Property({ length: 300 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => TaskStatus)
  @Enum({ items: () => TaskStatus })
  status: TaskStatus & Opt = TaskStatus.TODO;

  @Field(() => Priority)
  @Enum({ items: () => Priority })
  priority: Priority & Opt = Priority.MEDIUM;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  assignee?: Ref<User> | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  dueDate?: Date | null;
}

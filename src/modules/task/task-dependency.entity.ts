import { Entity, Index, ManyToOne, PrimaryKeyProp, Property, type Opt } from '@mikro-orm/core';
import { Task } from './task.entity';

/** `task` waits for `blockedBy`; both tasks belong to one project and the graph has no cycle. */
@Entity({ tableName: 'task_dependencies' })
@Index({ name: 'task_dependencies_blocked_by_id_index', properties: ['blockedBy'] })
export class TaskDependency {
  [PrimaryKeyProp]?: ['task', 'blockedBy'];

  @ManyToOne(() => Task, { primary: true, deleteRule: 'cascade' })
  task!: Task;

  @ManyToOne(() => Task, { primary: true, deleteRule: 'cascade' })
  blockedBy!: Task;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}

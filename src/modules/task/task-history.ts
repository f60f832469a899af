import { ref } from '@mikro-orm/core';
import type { FieldChanges } from '../../common/field-changes';
import type { Context } from '../../context';
import type { TaskEventKind } from './task-event-kind.enum';
import { TaskEvent } from './task-event.entity';
import type { Task } from './task.entity';

/** Every change to a task goes through here, in the same unit of work as the change. */
export function recordTaskEvent(
  ctx: Context,
  task: Task,
  kind: TaskEventKind,
  changes: FieldChanges,
): void {
  ctx.em.create(TaskEvent, { task, actor: ctx.user ? ref(ctx.user) : null, kind, changes });
}

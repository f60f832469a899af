import { ref } from '@mikro-orm/core';
import type { Context } from '../../context';
import type { TaskEventKind } from './task-event-kind.enum';
import { TaskEvent, type FieldChanges } from './task-event.entity';
import type { Task } from './task.entity';

type Snapshot = Record<string, unknown>;

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

/** The fields whose values differ between two snapshots, as { from, to }. */
export function changedFields(before: Snapshot, after: Snapshot): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of Object.keys(after)) {
    const from = comparable(before[field]);
    const to = comparable(after[field]);
    if (from !== to) changes[field] = { from, to };
  }
  return changes;
}

/** Every change to a task goes through here, in the same unit of work as the change. */
export function recordTaskEvent(
  ctx: Context,
  task: Task,
  kind: TaskEventKind,
  changes: FieldChanges,
): void {
  ctx.em.create(TaskEvent, { task, actor: ctx.user ? ref(ctx.user) : null, kind, changes });
}

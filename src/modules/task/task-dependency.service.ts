import type { Context } from '../../context';
import { ErrorReason, userInputError } from '../../common/errors';
import { TaskEventKind } from './task-event-kind.enum';
import { recordTaskEvent } from './task-history';
import { TaskDependency } from './task-dependency.entity';
import type { Task } from './task.entity';
import { findTaskOfProject, findTaskOrFail, openTaskProject } from './task.service';

async function pair(ctx: Context, taskId: string, blockedById: string): Promise<[Task, Task]> {
  const task = await findTaskOrFail(ctx, taskId);
  await openTaskProject(ctx, task);
  const blocker = await findTaskOfProject(
    ctx,
    blockedById,
    task.project.id,
    'blockedById',
    'Dependencies link tasks of the same project',
  );
  return [task, blocker];
}

function findEdge(ctx: Context, task: Task, blockedBy: Task): Promise<TaskDependency | null> {
  return ctx.em.findOne(TaskDependency, { task, blockedBy });
}

/** True when `from` already waits, directly or through others, on `to`. */
async function dependsOn(ctx: Context, from: string, to: string): Promise<boolean> {
  const rows = await ctx.em.execute(
    `with recursive chain(id) as (
       select blocked_by_id from task_dependencies where task_id = ?
       union
       select d.blocked_by_id from task_dependencies d join chain c on d.task_id = c.id
     )
     select 1 from chain where id = ? limit 1`,
    [from, to],
  );
  return rows.length > 0;
}

/** `task` waits for `blockedBy`. Refused when `blockedBy` already waits for `task` (a cycle). */
export async function addTaskDependency(
  ctx: Context,
  taskId: string,
  blockedById: string,
): Promise<Task> {
  const [task, blocker] = await pair(ctx, taskId, blockedById);
  if (task === blocker)
    throw userInputError('A task cannot block itself', { reason: ErrorReason.CYCLE });
  if (await findEdge(ctx, task, blocker)) return task;
  if (await dependsOn(ctx, blocker.id, task.id)) {
    throw userInputError(
      `"${blocker.title}" already waits for "${task.title}": this dependency would close a cycle`,
      {
        reason: ErrorReason.CYCLE,
      },
    );
  }
  ctx.em.create(TaskDependency, { task, blockedBy: blocker });
  recordTaskEvent(ctx, task, TaskEventKind.DEPENDENCY_ADDED, {
    blockedBy: { from: null, to: blocker.id },
  });
  await ctx.em.flush();
  return task;
}

export async function removeTaskDependency(
  ctx: Context,
  taskId: string,
  blockedById: string,
): Promise<Task> {
  const [task, blocker] = await pair(ctx, taskId, blockedById);
  const edge = await findEdge(ctx, task, blocker);
  if (!edge) return task;
  ctx.em.remove(edge);
  recordTaskEvent(ctx, task, TaskEventKind.DEPENDENCY_REMOVED, {
    blockedBy: { from: blocker.id, to: null },
  });
  await ctx.em.flush();
  return task;
}

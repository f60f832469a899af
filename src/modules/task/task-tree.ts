import { ErrorReason, userInputError } from '../../common/errors';
import { columnsOf, rowsAs } from '../../common/row-mapper';
import type { Context } from '../../context';
import { Task } from './task.entity';
import { selectRows } from '../../common/select-rows';

/**
 * Every task of a project in depth-first order (siblings by position), from one statement. A
 * project larger than TASK_TREE_MAX_NODES is refused rather than read: the answer is one list,
 * built in one piece, so its size is the time the event loop is held.
 */
export async function taskTree(ctx: Context, projectId: string): Promise<Task[]> {
  const max = ctx.config.taskTreeMaxNodes;
  const query = ctx.em
    .getKnex()('tasks')
    .select(columnsOf(ctx.em, Task))
    .where('project_id', projectId)
    .orderBy(['position', 'id'])
    .limit(max + 1);
  const rows = await selectRows(ctx.em, query);
  if (rows.length > max) {
    throw userInputError(
      `The project has more than ${max} tasks (TASK_TREE_MAX_NODES): read it a level at a time through rootTasks and subtasks`,
      { field: 'projectId', reason: ErrorReason.TOO_LARGE, limit: max },
    );
  }
  const tasks = rowsAs(ctx.em, Task, rows);
  const children = new Map<string | null, Task[]>();
  for (const task of tasks) {
    const parentId = task.parent?.id ?? null;
    const siblings = children.get(parentId);
    if (siblings) siblings.push(task);
    else children.set(parentId, [task]);
  }
  const ordered: Task[] = [];
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length) {
    const task = stack.pop()!;
    ordered.push(task);
    stack.push(...[...(children.get(task.id) ?? [])].reverse());
  }
  return ordered;
}

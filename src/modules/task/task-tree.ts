import { columnsOf, rowsAs } from '../../common/row-mapper';
import type { Context } from '../../context';
import { Task } from './task.entity';
import { selectRows } from '../../common/select-rows';

/** Every task of a project in depth-first order (siblings by position), from one statement. */
export async function taskTree(ctx: Context, projectId: string): Promise<Task[]> {
  const query = ctx.em
    .getKnex()('tasks')
    .select(columnsOf(ctx.em, Task))
    .where('project_id', projectId)
    .orderBy(['position', 'id']);
  const tasks = rowsAs(ctx.em, Task, await selectRows(ctx.em, query));
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

import type { Context } from '../../context';
import { Task } from './task.entity';

/** Every task of a project in depth-first order (siblings by position), from one statement. */
export async function taskTree(ctx: Context, projectId: string): Promise<Task[]> {
  const tasks = await ctx.em.find(
    Task,
    { project: projectId },
    { orderBy: { position: 'asc', id: 'asc' } },
  );
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

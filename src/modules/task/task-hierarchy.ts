import type { Context } from '../../context';
import { Task } from './task.entity';

/** The children of one parent (or the roots of a project), in sibling order. */
export function findSiblings(
  ctx: Context,
  projectId: string,
  parentId: string | null,
): Promise<Task[]> {
  return ctx.em.find(
    Task,
    { project: projectId, parent: parentId },
    { orderBy: { position: 'asc', id: 'asc' } },
  );
}

/** Every descendant of a task, in one recursive statement. */
export async function findDescendants(ctx: Context, taskId: string): Promise<Task[]> {
  const rows = await ctx.em.execute(
    `with recursive subtree(id) as (
       select id from tasks where parent_id = ?
       union all
       select t.id from tasks t join subtree s on t.parent_id = s.id
     )
     select tasks.* from tasks join subtree on subtree.id = tasks.id`,
    [taskId],
  );
  return rows.map((row) => ctx.em.map(Task, row));
}

/** Levels below the task: 0 for a leaf. */
export function subtreeHeight(task: Task, descendants: Task[]): number {
  return descendants.reduce((height, d) => Math.max(height, d.depth - task.depth), 0);
}

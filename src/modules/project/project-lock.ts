import type { Context } from '../../context';
import { isUuid } from '../../common/uuid';

/**
 * Serialises structural changes (task moves, dependencies, membership) within one project.
 * PostgreSQL takes a row lock until the transaction ends; SQLite already has a single writer.
 */
export async function lockProject(ctx: Context, projectId: string): Promise<void> {
  if (ctx.config.dialect !== 'postgresql' || !isUuid(projectId)) return;
  await ctx.em.execute('select id from projects where id = ? for update', [projectId]);
}

import type { Context } from '../../context';
import { lockRow } from '../../common/dialect';
import { isUuid } from '../../common/uuid';

/** Serialises structural changes (task moves, dependencies, membership) within one project. */
export async function lockProject(ctx: Context, projectId: string): Promise<void> {
  if (isUuid(projectId)) await lockRow(ctx, 'projects', projectId);
}

import type { GraphQLError } from 'graphql';
import type { Context } from '../../context';
import { lockRow } from '../../common/dialect';
import { conflictError } from '../../common/errors';
import { isUuid } from '../../common/uuid';
import { ProjectStatus } from './project-status.enum';
import type { Project } from './project.entity';
import { authorizeProject, type ProjectAction } from './project.policy';

/** Serialises structural changes (task moves, dependencies, membership) within one project. */
export async function lockProject(ctx: Context, projectId: string): Promise<void> {
  if (isUuid(projectId)) await lockRow(ctx, 'projects', projectId);
}

/**
 * Locks the project until the transaction ends, then checks that the user may do `action` on
 * it. The lock comes first, so that a concurrent change of the user's role is seen.
 */
export async function lockProjectFor(
  ctx: Context,
  projectId: string,
  action: ProjectAction,
  missing?: GraphQLError,
): Promise<Project> {
  await lockProject(ctx, projectId);
  return authorizeProject(ctx, projectId, action, missing);
}

export function assertOpen(project: Project): void {
  if (project.status === ProjectStatus.ARCHIVED) {
    throw conflictError(`Project ${project.key} is archived; its tasks cannot change`);
  }
}

/**
 * How every change of a project's tasks, todos and dependencies begins: lock the project, check
 * that the user may edit it (a project it may not read is `missing`, by default NOT_FOUND) and
 * that it is not archived (CONFLICT).
 */
export async function openProjectForChange(
  ctx: Context,
  projectId: string,
  missing?: GraphQLError,
): Promise<Project> {
  const project = await lockProjectFor(ctx, projectId, 'edit', missing);
  assertOpen(project);
  return project;
}

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
 * The project, locked until the transaction ends, when the user may do `action` on it. Checked
 * before the lock, so that whoever may not act never holds it, and again under it, so that a
 * role changed meanwhile by a concurrent transaction counts (two leads demoting each other).
 */
export async function lockProjectFor(
  ctx: Context,
  projectId: string,
  action: ProjectAction,
  missing?: GraphQLError,
): Promise<Project> {
  await authorizeProject(ctx, projectId, action, missing);
  await lockProject(ctx, projectId);
  return authorizeProject(ctx, projectId, action, missing, true);
}

export function assertOpen(project: Project): void {
  if (project.status === ProjectStatus.ARCHIVED) {
    throw conflictError(`Project ${project.key} is archived; its tasks cannot change`);
  }
}

/**
 * How every change of a project's tasks, todos and dependencies begins: check that the user may
 * edit the project (one it may not read is `missing`, by default NOT_FOUND) and that it is not
 * archived (CONFLICT), then lock it. The lock comes last: who may not act never holds it, and
 * the section that concurrent changes of one project wait for stays short.
 */
export async function openProjectForChange(
  ctx: Context,
  projectId: string,
  missing?: GraphQLError,
): Promise<Project> {
  const project = await authorizeProject(ctx, projectId, 'edit', missing);
  assertOpen(project);
  await lockProject(ctx, project.id);
  return project;
}

import { ref } from '@mikro-orm/core';
import type { Context } from '../../context';
import { conflictError, forbiddenError } from '../../common/errors';
import { findOrFail } from '../../common/find-or-fail';
import { Role } from '../user/role.enum';
import { findActiveUserOrFail } from '../user/user.service';
import { ProjectStakeholder } from './project-stakeholder.entity';
import { ProjectStatus } from './project-status.enum';
import { ProjectWatcher } from './project-watcher.entity';
import { Project } from './project.entity';
import type { CreateProjectInput, UpdateProjectInput } from './project.inputs';

export function findProjectOrFail(ctx: Context, id: string): Promise<Project> {
  return findOrFail(ctx.em, Project, id);
}

export function isProjectManager(ctx: Context, project: Project): boolean {
  return ctx.user?.role === Role.ADMIN || project.lead.id === ctx.user?.id;
}

/** Settings change only by the project's lead or an admin. */
export function assertProjectManager(ctx: Context, project: Project): void {
  if (!isProjectManager(ctx, project)) {
    throw forbiddenError(`Only the lead of ${project.key} or an admin may change its settings`);
  }
}

async function assertKeyFree(ctx: Context, key: string): Promise<void> {
  if (await ctx.em.count(Project, { key }))
    throw conflictError(`The project key ${key} is taken`, { field: 'key' });
}

export async function createProject(ctx: Context, input: CreateProjectInput): Promise<Project> {
  await assertKeyFree(ctx, input.key);
  const lead = input.leadId ? await findActiveUserOrFail(ctx, input.leadId) : ctx.user!;
  const project = ctx.em.create(Project, {
    key: input.key,
    name: input.name,
    description: input.description ?? null,
    priority: input.priority ?? undefined,
    lead,
  });
  await ctx.em.flush();
  return project;
}

export async function updateProject(
  ctx: Context,
  id: string,
  input: UpdateProjectInput,
): Promise<Project> {
  const project = await findProjectOrFail(ctx, id);
  assertProjectManager(ctx, project);
  if (input.key && input.key !== project.key) {
    await assertKeyFree(ctx, input.key);
    project.key = input.key;
  }
  if (input.name) project.name = input.name;
  if (input.description !== undefined) project.description = input.description;
  if (input.priority) project.priority = input.priority;
  if (input.status) setStatus(project, input.status);
  if (input.leadId) project.lead = ref(await findActiveUserOrFail(ctx, input.leadId));
  await ctx.em.flush();
  return project;
}

function setStatus(project: Project, status: ProjectStatus): void {
  if (status === project.status) return;
  project.archivedAt = status === ProjectStatus.ARCHIVED ? new Date() : null;
  project.status = status;
}

export async function archiveProject(ctx: Context, id: string): Promise<Project> {
  const project = await findProjectOrFail(ctx, id);
  assertProjectManager(ctx, project);
  setStatus(project, ProjectStatus.ARCHIVED);
  await ctx.em.flush();
  return project;
}

export type MemberList = 'watchers' | 'stakeholders';

/**
 * Anyone may watch or unwatch a project for themselves; every other change of watchers or
 * stakeholders is a settings change.
 */
export async function changeMembers(
  ctx: Context,
  projectId: string,
  userId: string,
  list: MemberList,
  add: boolean,
): Promise<Project> {
  const project = await findProjectOrFail(ctx, projectId);
  if (!(list === 'watchers' && userId === ctx.user?.id)) assertProjectManager(ctx, project);
  const user = await findActiveUserOrFail(ctx, userId);
  const pivot = list === 'watchers' ? ProjectWatcher : ProjectStakeholder;
  const existing = await ctx.em.findOne(pivot, { project, user });
  if (add && !existing) ctx.em.create(pivot, { project, user });
  if (!add && existing) ctx.em.remove(existing);
  await ctx.em.flush();
  return project;
}

/**
 * Serialises structural changes (task moves, dependencies) within one project. PostgreSQL
 * takes a row lock until the transaction ends; SQLite already has a single writer.
 */
export async function lockProject(ctx: Context, projectId: string): Promise<void> {
  if (ctx.config.dialect !== 'postgresql') return;
  await ctx.em.execute('select id from projects where id = ? for update', [projectId]);
}

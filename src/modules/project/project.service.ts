import { ref } from '@mikro-orm/core';
import type { Context } from '../../context';
import { conflictError } from '../../common/errors';
import { findActiveUserOrFail } from '../user/user.service';
import { ProjectMember } from './project-member.entity';
import { makeMember } from './project-members.service';
import { ProjectRole } from './project-role.enum';
import { ProjectStakeholder } from './project-stakeholder.entity';
import { ProjectStatus } from './project-status.enum';
import { ProjectWatcher } from './project-watcher.entity';
import { Project } from './project.entity';
import type { CreateProjectInput, UpdateProjectInput } from './project.inputs';
import { authorizeProject } from './project.policy';

async function assertKeyFree(ctx: Context, key: string): Promise<void> {
  if (await ctx.em.count(Project, { key }))
    throw conflictError(`The project key ${key} is taken`, { field: 'key' });
}

/** The lead (`leadId`, or the signed-in user) and the creator become its LEAD members. */
export async function createProject(ctx: Context, input: CreateProjectInput): Promise<Project> {
  await assertKeyFree(ctx, input.key);
  const lead = input.leadId ? await findActiveUserOrFail(ctx, input.leadId) : ctx.user!;
  const project = ctx.em.create(Project, {
    key: input.key,
    name: input.name,
    description: input.description ?? null,
    priority: input.priority ?? undefined,
    visibility: input.visibility ?? undefined,
    lead,
  });
  for (const user of new Set([lead, ctx.user!]))
    ctx.em.create(ProjectMember, { project, user, role: ProjectRole.LEAD });
  await ctx.em.flush();
  return project;
}

/** Settings, visibility and the named lead: a LEAD member or an admin. */
export async function updateProject(
  ctx: Context,
  id: string,
  input: UpdateProjectInput,
): Promise<Project> {
  const project = await authorizeProject(ctx, id, 'manage');
  if (input.key && input.key !== project.key) {
    await assertKeyFree(ctx, input.key);
    project.key = input.key;
  }
  if (input.name) project.name = input.name;
  if (input.description !== undefined) project.description = input.description;
  if (input.priority) project.priority = input.priority;
  if (input.visibility) project.visibility = input.visibility;
  if (input.status) setStatus(project, input.status);
  if (input.leadId && input.leadId !== project.lead.id) {
    const lead = await findActiveUserOrFail(ctx, input.leadId);
    project.lead = ref(lead);
    await makeMember(ctx, project, lead, ProjectRole.LEAD);
  }
  await ctx.em.flush();
  return project;
}

function setStatus(project: Project, status: ProjectStatus): void {
  if (status === project.status) return;
  project.archivedAt = status === ProjectStatus.ARCHIVED ? new Date() : null;
  project.status = status;
}

export async function archiveProject(ctx: Context, id: string): Promise<Project> {
  const project = await authorizeProject(ctx, id, 'manage');
  setStatus(project, ProjectStatus.ARCHIVED);
  await ctx.em.flush();
  return project;
}

export type PeopleList = 'watchers' | 'stakeholders';

/**
 * Anyone who reads a project may watch or unwatch it for themselves; every other change of
 * watchers or stakeholders is a settings change.
 */
export async function changePeople(
  ctx: Context,
  projectId: string,
  userId: string,
  list: PeopleList,
  add: boolean,
): Promise<Project> {
  const self = list === 'watchers' && userId === ctx.user?.id;
  const project = await authorizeProject(ctx, projectId, self ? 'read' : 'manage');
  const user = await findActiveUserOrFail(ctx, userId);
  const pivot = list === 'watchers' ? ProjectWatcher : ProjectStakeholder;
  const existing = await ctx.em.findOne(pivot, { project, user });
  if (add && !existing) ctx.em.create(pivot, { project, user });
  if (!add && existing) ctx.em.remove(existing);
  await ctx.em.flush();
  return project;
}

import { ref } from '@mikro-orm/core';
import type { Context } from '../../context';
import { conflictError, ErrorReason, notFoundError } from '../../common/errors';
import type { User } from '../user/user.entity';
import { findActiveUserOrFail } from '../user/user.service';
import { ProjectMember } from './project-member.entity';
import { ProjectRole } from './project-role.enum';
import type { Project } from './project.entity';
import { authorizeProject } from './project.policy';
import { lockProjectFor } from './project-change';

/** Gives `user` this role in the project, as a new member or an existing one (no flush). */
export async function makeMember(
  ctx: Context,
  project: Project,
  user: User,
  role: ProjectRole,
): Promise<ProjectMember> {
  const member = await ctx.em.findOne(ProjectMember, { project, user });
  if (member) {
    member.role = role;
    return member;
  }
  return ctx.em.create(ProjectMember, { project, user, role });
}

export async function addProjectMember(
  ctx: Context,
  projectId: string,
  userId: string,
  role: ProjectRole,
): Promise<ProjectMember> {
  const project = await authorizeProject(ctx, projectId, 'manage');
  const user = await findActiveUserOrFail(ctx, userId);
  if (await ctx.em.count(ProjectMember, { project, user })) {
    throw conflictError(`${user.username} is already a member of ${project.key}`, {
      field: 'userId',
    });
  }
  const member = ctx.em.create(ProjectMember, { project, user, role });
  await ctx.em.flush();
  return member;
}

/**
 * A project always keeps a LEAD: the last one can be neither demoted nor removed. When the
 * member named as the project's `lead` steps down, the longest-serving other lead takes over.
 */
async function stepDown(ctx: Context, project: Project, member: ProjectMember): Promise<void> {
  if (member.role !== ProjectRole.LEAD) return;
  const others = await ctx.em.find(
    ProjectMember,
    { project, role: ProjectRole.LEAD, user: { $ne: member.user } },
    { orderBy: { createdAt: 'asc' }, limit: 1 },
  );
  if (!others.length) {
    throw conflictError(`${project.key} must keep at least one lead`, {
      reason: ErrorReason.LAST_LEAD,
    });
  }
  if (project.lead.id === member.user.id) project.lead = ref(others[0].user);
}

async function findMember(ctx: Context, project: Project, userId: string) {
  const member = await ctx.em.findOne(ProjectMember, { project, user: userId });
  if (!member) throw notFoundError('ProjectMember', `${project.id}/${userId}`);
  return member;
}

export async function setProjectMemberRole(
  ctx: Context,
  projectId: string,
  userId: string,
  role: ProjectRole,
): Promise<ProjectMember> {
  const project = await lockProjectFor(ctx, projectId, 'manage');
  const member = await findMember(ctx, project, userId);
  if (role !== ProjectRole.LEAD) await stepDown(ctx, project, member);
  member.role = role;
  await ctx.em.flush();
  return member;
}

/** A lead or an admin removes anyone; any member may leave. */
export async function removeProjectMember(
  ctx: Context,
  projectId: string,
  userId: string,
): Promise<boolean> {
  const leaving = userId === ctx.user?.id;
  const project = await lockProjectFor(ctx, projectId, leaving ? 'read' : 'manage');
  const member = await findMember(ctx, project, userId);
  await stepDown(ctx, project, member);
  ctx.em.remove(member);
  await ctx.em.flush();
  return true;
}

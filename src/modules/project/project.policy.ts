import type { Knex } from '@mikro-orm/knex';
import type { GraphQLError } from 'graphql';
import type { Context } from '../../context';
import { forbiddenError, notFoundError } from '../../common/errors';
import { isUuid } from '../../common/uuid';
import { Role } from '../user/role.enum';
import { ProjectMember } from './project-member.entity';
import { ProjectRole } from './project-role.enum';
import { ProjectVisibility } from './project-visibility.enum';
import { Project } from './project.entity';

/**
 * Who may do what with a project, in one place. Reading a project reads its tasks, todos,
 * history and documents; `edit` changes them; `manage` changes settings, visibility and members.
 * What a user may not read answers exactly like something that does not exist.
 */
export type ProjectAction = 'read' | 'edit' | 'manage';

const RANK: Record<ProjectRole, number> = { VIEWER: 1, EDITOR: 2, LEAD: 3 };
const NEEDS: Record<Exclude<ProjectAction, 'read'>, ProjectRole> = {
  edit: ProjectRole.EDITOR,
  manage: ProjectRole.LEAD,
};

export function isAdmin(ctx: Context): boolean {
  return ctx.user?.role === Role.ADMIN;
}

/** The rule itself: the project's visibility and the user's role in it. */
export function mayOnProject(
  ctx: Context,
  action: ProjectAction,
  project: { visibility: ProjectVisibility },
  role: ProjectRole | null,
): boolean {
  if (!ctx.user) return false;
  if (isAdmin(ctx)) return true;
  if (action === 'read') return project.visibility === ProjectVisibility.INTERNAL || role !== null;
  return role !== null && RANK[role] >= RANK[NEEDS[action]];
}

/**
 * The read rule as SQL over a column holding a project id: `null` for admins (no condition),
 * so that lists, pages and counts are filtered by the database, in the same statement.
 */
export function readableProjectSql(
  ctx: Context,
  projectIdColumn: string,
): { sql: string; bindings: string[] } | null {
  if (isAdmin(ctx)) return null;
  if (!ctx.user) return { sql: '1 = 0', bindings: [] };
  return {
    sql: `exists (select 1 from projects rp where rp.id = ${projectIdColumn} and (rp.visibility = 'INTERNAL' or exists (select 1 from project_members rm where rm.project_id = rp.id and rm.user_id = ?)))`,
    bindings: [ctx.user.id],
  };
}

/** The read rule applied to a knex query whose `column` holds a project id. */
export function whereProjectReadable(ctx: Context, qb: Knex.QueryBuilder, column: string): void {
  const condition = readableProjectSql(ctx, column);
  if (condition) qb.whereRaw(condition.sql, condition.bindings);
}

/** The signed-in user's role in a project, or null. */
export async function memberRole(
  ctx: Context,
  projectId: string,
  refresh = false,
): Promise<ProjectRole | null> {
  if (!ctx.user) return null;
  const member = await ctx.em.findOne(
    ProjectMember,
    { project: projectId, user: ctx.user.id },
    { refresh },
  );
  return member?.role ?? null;
}

/**
 * The project, managed, when the user may do `action` on it. One it may not read is reported
 * as `missing` (by default: this project was not found); one it reads but may not change is
 * FORBIDDEN. `refresh` reads the project and the role again rather than from this request's
 * identity map (after taking a lock).
 */
export async function authorizeProject(
  ctx: Context,
  projectId: string,
  action: ProjectAction,
  missing: GraphQLError = notFoundError('Project', projectId),
  refresh = false,
): Promise<Project> {
  const project = isUuid(projectId) ? await ctx.em.findOne(Project, projectId, { refresh }) : null;
  if (!project) throw missing;
  const role = isAdmin(ctx) ? null : await memberRole(ctx, project.id, refresh);
  if (!mayOnProject(ctx, 'read', project, role)) throw missing;
  if (!mayOnProject(ctx, action, project, role)) {
    throw forbiddenError(
      action === 'manage'
        ? `Only a lead of ${project.key} or an admin may do this`
        : `Only an editor or a lead of ${project.key} may change it`,
    );
  }
  return project;
}

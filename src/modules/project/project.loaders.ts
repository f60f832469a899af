import { listThroughPivot, loadByIds, loadByUnique } from '../../common/batch';
import { defineChildList } from '../../common/child-list';
import type { Context } from '../../context';
import { User } from '../user/user.entity';
import { ProjectMember } from './project-member.entity';
import type { ProjectRole } from './project-role.enum';
import { Project } from './project.entity';
import { whereProjectReadable } from './project.policy';
import { selectRows } from '../../common/select-rows';

/** A project's members, in the order the users signed up (their ids are UUIDv7). */
export const memberList = defineChildList({
  name: 'project.members',
  entity: ProjectMember,
  partition: 'project',
  order: [{ property: 'user', direction: 'asc' }],
});

const people = (ctx: Context, table: string) => (ids: readonly string[]) =>
  listThroughPivot(
    ctx.em,
    User,
    { table, owner: 'project_id', target: 'user_id' },
    'users',
    ['username', 'id'],
    ids,
  );

export const projectLoaders = {
  /** Only projects the user may read: any other id answers null, as a missing one does. */
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Project | null>('project.byId', (ids) =>
      loadByIds(ctx.em, Project, ids, (qb) => whereProjectReadable(ctx, qb, 'projects.id')),
    ),
  byKey: (ctx: Context) =>
    ctx.loaders.get<string, Project | null>('project.byKey', (keys) =>
      loadByUnique(ctx.em, Project, 'key', keys, (qb) =>
        whereProjectReadable(ctx, qb, 'projects.id'),
      ),
    ),
  /** The signed-in user's role in each project. */
  myRole: (ctx: Context) =>
    ctx.loaders.get<string, ProjectRole | null>('project.myRole', async (ids) => {
      const query = ctx.em
        .getKnex()('project_members')
        .select('project_id', 'role')
        .where('user_id', ctx.user?.id ?? null)
        .whereIn('project_id', [...ids]);
      const rows = await selectRows<{ project_id: string; role: ProjectRole }>(ctx.em, query);
      const byId = new Map(rows.map((row) => [String(row.project_id), row.role]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  watchers: (ctx: Context) =>
    ctx.loaders.get<string, User[]>('project.watchers', people(ctx, 'project_watchers')),
  stakeholders: (ctx: Context) =>
    ctx.loaders.get<string, User[]>('project.stakeholders', people(ctx, 'project_stakeholders')),
};

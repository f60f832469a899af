import { countByParent, listThroughPivot, loadByIds } from '../../common/batch';
import type { Context } from '../../context';
import { User } from '../user/user.entity';
import { Project } from './project.entity';

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
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Project | null>('project.byId', (ids) =>
      loadByIds(ctx.em, Project, ids),
    ),
  watchers: (ctx: Context) =>
    ctx.loaders.get<string, User[]>('project.watchers', people(ctx, 'project_watchers')),
  stakeholders: (ctx: Context) =>
    ctx.loaders.get<string, User[]>('project.stakeholders', people(ctx, 'project_stakeholders')),
  taskCount: (ctx: Context) =>
    ctx.loaders.get<string, number>('project.taskCount', (ids) =>
      countByParent(ctx.em, 'tasks', 'project_id', ids),
    ),
};

import type { Knex } from '@mikro-orm/knex';
import {
  countByParent,
  listByParent,
  listThroughPivot,
  loadByIds,
  pageByParent,
  type Where,
} from '../../common/batch';
import { ID_ORDER, type PageRequest, type PageSlice } from '../../common/page';
import { loaderKey } from '../../common/loader-registry';
import type { Context } from '../../context';
import { whereProjectReadable } from '../project/project.policy';
import { TaskEvent } from './task-event.entity';
import { Task } from './task.entity';
import type { TaskFilter } from './task.inputs';
import { Todo } from './todo.entity';

/** Sibling order, and the keys of a task cursor. */
export const TASK_ORDER = ['position', 'id'];

const rootsOnly: Where = (qb) => qb.whereNull('parent_id');

function filterWhere(filter: TaskFilter | null | undefined): Where | undefined {
  if (!filter) return undefined;
  return (qb: Knex.QueryBuilder) => {
    if (filter.status) qb.where('status', filter.status);
    if (filter.priority) qb.where('priority', filter.priority);
    if (filter.assigneeId) qb.where('assignee_id', filter.assigneeId);
  };
}

export const taskLoaders = {
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Task | null>('task.byId', (ids) =>
      loadByIds(ctx.em, Task, ids, (qb) => whereProjectReadable(ctx, qb, 'tasks.project_id')),
    ),

  subtasks: (ctx: Context, page: PageRequest, fields: Set<string>) =>
    ctx.loaders.get<string, PageSlice<Task>>(loaderKey('task.subtasks', page, [...fields]), (ids) =>
      pageByParent(
        ctx.em,
        Task,
        { table: 'tasks', partition: 'parent_id', order: TASK_ORDER, fields },
        page,
        ids,
      ),
    ),
  subtaskCount: (ctx: Context) =>
    ctx.loaders.get<string, number>('task.subtaskCount', (ids) =>
      countByParent(ctx.em, 'tasks', 'parent_id', ids),
    ),

  /** Keyed by project id. */
  rootTasks: (ctx: Context, page: PageRequest, fields: Set<string>) =>
    ctx.loaders.get<string, PageSlice<Task>>(
      loaderKey('project.rootTasks', page, [...fields]),
      (ids) =>
        pageByParent(
          ctx.em,
          Task,
          { table: 'tasks', partition: 'project_id', order: TASK_ORDER, where: rootsOnly, fields },
          page,
          ids,
        ),
    ),
  rootTaskCount: (ctx: Context) =>
    ctx.loaders.get<string, number>('project.rootTaskCount', (ids) =>
      countByParent(ctx.em, 'tasks', 'project_id', ids, rootsOnly),
    ),

  /** Keyed by project id; every task of the project matching the filter, in creation order. */
  projectTasks: (
    ctx: Context,
    page: PageRequest,
    filter: TaskFilter | null | undefined,
    fields: Set<string>,
  ) =>
    ctx.loaders.get<string, PageSlice<Task>>(
      loaderKey('project.tasks', page, filter, [...fields]),
      (ids) =>
        pageByParent(
          ctx.em,
          Task,
          {
            table: 'tasks',
            partition: 'project_id',
            order: ID_ORDER,
            where: filterWhere(filter),
            fields,
          },
          page,
          ids,
        ),
    ),
  projectTaskCount: (ctx: Context, filter: TaskFilter | null | undefined) =>
    ctx.loaders.get<string, number>(loaderKey('project.taskCount', filter), (ids) =>
      countByParent(ctx.em, 'tasks', 'project_id', ids, filterWhere(filter)),
    ),

  blockedBy: (ctx: Context) =>
    ctx.loaders.get<string, Task[]>('task.blockedBy', (ids) =>
      listThroughPivot(
        ctx.em,
        Task,
        { table: 'task_dependencies', owner: 'task_id', target: 'blocked_by_id' },
        'tasks',
        ID_ORDER,
        ids,
      ),
    ),
  blocking: (ctx: Context) =>
    ctx.loaders.get<string, Task[]>('task.blocking', (ids) =>
      listThroughPivot(
        ctx.em,
        Task,
        { table: 'task_dependencies', owner: 'blocked_by_id', target: 'task_id' },
        'tasks',
        ID_ORDER,
        ids,
      ),
    ),

  todos: (ctx: Context) =>
    ctx.loaders.get<string, Todo[]>('task.todos', (ids) =>
      listByParent(ctx.em, Todo, 'todos', 'task_id', TASK_ORDER, ids),
    ),

  history: (ctx: Context, page: PageRequest) =>
    ctx.loaders.get<string, PageSlice<TaskEvent>>(loaderKey('task.history', page), (ids) =>
      pageByParent(
        ctx.em,
        TaskEvent,
        { table: 'task_events', partition: 'task_id', order: ID_ORDER },
        page,
        ids,
      ),
    ),
  historyCount: (ctx: Context) =>
    ctx.loaders.get<string, number>('task.historyCount', (ids) =>
      countByParent(ctx.em, 'task_events', 'task_id', ids),
    ),
};

import type { Knex } from '@mikro-orm/knex';
import type { GraphQLResolveInfo } from 'graphql';
import { listByParent, listThroughPivot, loadByIds, type Where } from '../../common/batch';
import { defineChildList } from '../../common/child-list';
import { ID_ORDER, type SortKey } from '../../common/keyset';
import { objectColumns } from '../../common/list';
import type { Context } from '../../context';
import { whereProjectReadable } from '../project/project.policy';
import { whereTaskOfReadable } from './task.policy';
import { TaskEvent } from './task-event.entity';
import { Task } from './task.entity';
import type { TaskFilter } from './task.inputs';
import { Todo } from './todo.entity';

/** Sibling order, and the keys of a task cursor. */
export const TASK_ORDER: readonly SortKey[] = [
  { property: 'position', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];

const rootsOnly: Where = (qb) => qb.whereNull('parent_id');

function filterWhere(filter: TaskFilter | null): Where | undefined {
  if (!filter) return undefined;
  return (qb: Knex.QueryBuilder) => {
    if (filter.status) qb.where('status', filter.status);
    if (filter.priority) qb.where('priority', filter.priority);
    if (filter.assigneeId) qb.where('assignee_id', filter.assigneeId);
  };
}

/** Direct subtasks of a task, in sibling order. */
export const subtaskList = defineChildList({
  name: 'task.subtasks',
  entity: Task,
  partition: 'parent',
  order: TASK_ORDER,
});

/** A project's top-level tasks, in board order. */
export const rootTaskList = defineChildList({
  name: 'project.rootTasks',
  entity: Task,
  partition: 'project',
  order: TASK_ORDER,
  where: () => rootsOnly,
});

/** Every task of a project (matching a filter), oldest first unless ordered otherwise. */
export const projectTaskList = defineChildList<Task, TaskFilter>({
  name: 'project.tasks',
  entity: Task,
  partition: 'project',
  order: ID_ORDER,
  where: (_ctx, filter) => filterWhere(filter),
});

/** Every recorded change of a task, oldest first. */
export const taskHistoryList = defineChildList({
  name: 'task.history',
  entity: TaskEvent,
  partition: 'task',
  order: ID_ORDER,
});

const NO_COLUMNS: readonly string[] = [];
const TODO_KEYS: readonly string[] = ['task_id', 'position'];

/** Tasks on the other side of a dependency, with the columns the field selects. */
const dependencies =
  (name: string, owner: string, target: string) => (ctx: Context, info?: GraphQLResolveInfo) => {
    const { columns, key } = objectColumns(ctx, name, Task, info, NO_COLUMNS);
    return ctx.loaders.get<string, Task[]>(key, (ids) =>
      listThroughPivot(
        ctx.em,
        Task,
        { table: 'task_dependencies', owner, target },
        'tasks',
        ['id'],
        ids,
        columns,
      ),
    );
  };

export const taskLoaders = {
  /** Only tasks of projects the user may read: any other id answers null. */
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Task | null>('task.byId', (ids) =>
      loadByIds(ctx.em, Task, ids, (qb) => whereProjectReadable(ctx, qb, 'tasks.project_id')),
    ),
  /** With `info`, only the columns behind the selected fields are read. */
  blockedBy: dependencies('task.blockedBy', 'task_id', 'blocked_by_id'),
  blocking: dependencies('task.blocking', 'blocked_by_id', 'task_id'),
  todos: (ctx: Context, info?: GraphQLResolveInfo) => {
    const { columns, key } = objectColumns(ctx, 'task.todos', Todo, info, TODO_KEYS);
    return ctx.loaders.get<string, Todo[]>(key, (ids) =>
      listByParent(ctx.em, Todo, 'todos', 'task_id', ['position', 'id'], ids, columns),
    );
  },
};

export const todoLoaders = {
  /** Only todos of tasks of projects the user may read: any other id answers null. */
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Todo | null>('todo.byId', (ids) =>
      loadByIds(ctx.em, Todo, ids, (qb) => whereTaskOfReadable(ctx, qb, 'todos.task_id')),
    ),
};

export const taskEventLoaders = {
  /** Only events of tasks of projects the user may read: any other id answers null. */
  byId: (ctx: Context) =>
    ctx.loaders.get<string, TaskEvent | null>('taskEvent.byId', (ids) =>
      loadByIds(ctx.em, TaskEvent, ids, (qb) =>
        whereTaskOfReadable(ctx, qb, 'task_events.task_id'),
      ),
    ),
};

import type { GraphQLError } from 'graphql';
import type { Context } from '../../context';
import { changedFields } from '../../common/field-changes';
import { notFoundError } from '../../common/errors';
import { closeGap, placeAt } from '../../common/ordering';
import { findOrFail } from '../../common/find-or-fail';
import { TaskEventKind } from './task-event-kind.enum';
import { recordTaskEvent } from './task-history';
import { findTaskOrFail, openTaskProject } from './task.service';
import type { Task } from './task.entity';
import { Todo } from './todo.entity';
import type { AddTodoInput, UpdateTodoInput } from './todo.inputs';

function checklistOf(ctx: Context, task: Task): Promise<Todo[]> {
  return ctx.em.find(Todo, { task }, { orderBy: { position: 'asc', id: 'asc' } });
}

function findTodoOrFail(ctx: Context, id: string): Promise<Todo> {
  return findOrFail(ctx.em, Todo, id, {}, { populate: ['task'] });
}

/**
 * Checklists of an archived project are read-only; changes are serialised per project. A todo
 * the user may not read is reported as `missing`.
 */
async function lockChecklist(ctx: Context, task: Task, missing?: GraphQLError): Promise<void> {
  await openTaskProject(ctx, task, missing);
}

function snapshot(todo: Todo): Record<string, unknown> {
  return { text: todo.text, done: todo.done, dueDate: todo.dueDate, position: todo.position };
}

export async function addTodo(ctx: Context, input: AddTodoInput): Promise<Todo> {
  const task = await findTaskOrFail(ctx, input.taskId);
  await lockChecklist(ctx, task);
  const todos = await checklistOf(ctx, task);
  const todo = ctx.em.create(Todo, { task, text: input.text, dueDate: input.dueDate ?? null });
  placeAt(todos, todo, input.position);
  recordTaskEvent(ctx, task, TaskEventKind.TODO_ADDED, {
    [`todo:${todo.id}`]: { from: null, to: todo.text },
  });
  await ctx.em.flush();
  return todo;
}

export async function updateTodo(ctx: Context, id: string, input: UpdateTodoInput): Promise<Todo> {
  const todo = await findTodoOrFail(ctx, id);
  const task = todo.task.getEntity();
  await lockChecklist(ctx, task, notFoundError('Todo', id));
  // Re-read under the lock: a concurrent change may have moved or removed it.
  if (!(await ctx.em.refresh(todo))) throw notFoundError('Todo', id);
  const before = snapshot(todo);
  if (input.text) todo.text = input.text;
  if (input.done !== undefined && input.done !== null) todo.done = input.done;
  if (input.dueDate !== undefined) todo.dueDate = input.dueDate;
  if (input.position !== undefined && input.position !== null)
    placeAt(await checklistOf(ctx, task), todo, input.position);
  const changes = changedFields(before, snapshot(todo));
  const keyed = Object.fromEntries(
    Object.entries(changes).map(([field, change]) => [`todo:${todo.id}:${field}`, change]),
  );
  if (Object.keys(keyed).length) recordTaskEvent(ctx, task, TaskEventKind.TODO_UPDATED, keyed);
  await ctx.em.flush();
  return todo;
}

export async function removeTodo(ctx: Context, id: string): Promise<boolean> {
  const todo = await findTodoOrFail(ctx, id);
  const task = todo.task.getEntity();
  await lockChecklist(ctx, task, notFoundError('Todo', id));
  if (!(await ctx.em.refresh(todo))) throw notFoundError('Todo', id);
  closeGap(await checklistOf(ctx, task), todo);
  ctx.em.remove(todo);
  recordTaskEvent(ctx, task, TaskEventKind.TODO_REMOVED, {
    [`todo:${todo.id}`]: { from: todo.text, to: null },
  });
  await ctx.em.flush();
  return true;
}

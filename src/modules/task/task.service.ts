import { ref } from '@mikro-orm/core';
import type { Context } from '../../context';
import { changedFields } from '../../common/field-changes';
import { conflictError, ErrorReason, notFoundError, userInputError } from '../../common/errors';
import { closeGap, placeAt } from '../../common/ordering';
import { findOrFail } from '../../common/find-or-fail';
import type { Project } from '../project/project.entity';
import { openProjectForChange } from '../project/project-change';
import { findActiveUserOrFail } from '../user/user.service';
import { TaskEventKind } from './task-event-kind.enum';
import { recordTaskEvent } from './task-history';
import { findDescendants, findSiblings, subtreeHeight } from './task-hierarchy';
import { Task } from './task.entity';
import type { CreateTaskInput, UpdateTaskInput } from './task.inputs';
import { taskLoaders } from './task.loaders';

export function findTaskOrFail(ctx: Context, id: string): Promise<Task> {
  return findOrFail(ctx.em, Task, id);
}

/**
 * Opens the task's project for a change (see `openProjectForChange`). A task the user may not
 * read is reported as `missing` (by default: this task was not found).
 */
export function openTaskProject(
  ctx: Context,
  task: Task,
  missing = notFoundError('Task', task.id),
): Promise<Project> {
  return openProjectForChange(ctx, task.project.id, missing);
}

/**
 * A second task an operation names (a parent, a blocker), which must be of `projectId`. One in
 * a project the user may not read is NOT_FOUND, so that the answer tells nothing about it.
 */
export async function findTaskOfProject(
  ctx: Context,
  id: string,
  projectId: string,
  field: string,
  message: string,
): Promise<Task> {
  const task = await findTaskOrFail(ctx, id);
  if (task.project.id === projectId) return task;
  if (!(await taskLoaders.byId(ctx).load(id))) throw notFoundError('Task', id);
  throw userInputError(message, { field });
}

function assertDepth(ctx: Context, deepest: number): void {
  const limit = ctx.config.taskMaxDepth;
  if (deepest >= limit) {
    throw userInputError(
      `Tasks nest at most ${limit} levels deep; this would need ${deepest + 1}`,
      {
        reason: ErrorReason.DEPTH_LIMIT,
        limit,
      },
    );
  }
}

function snapshot(task: Task): Record<string, unknown> {
  return {
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    assigneeId: task.assignee?.id ?? null,
    dueDate: task.dueDate,
  };
}

export async function createTask(ctx: Context, input: CreateTaskInput): Promise<Task> {
  const project = await openProjectForChange(ctx, input.projectId);
  const parent = input.parentId
    ? await findTaskOfProject(
        ctx,
        input.parentId,
        project.id,
        'parentId',
        'The parent task belongs to another project',
      )
    : null;
  const depth = parent ? parent.depth + 1 : 0;
  assertDepth(ctx, depth);
  const assignee = input.assigneeId ? await findActiveUserOrFail(ctx, input.assigneeId) : null;
  // Appending (the common case) needs only the number of siblings, not the siblings themselves.
  const parentId = parent?.id ?? null;
  const siblings = input.position == null ? null : await findSiblings(ctx, project.id, parentId);
  const position = siblings ? 0 : await ctx.em.count(Task, { project, parent: parentId });
  const task = ctx.em.create(Task, {
    project,
    parent,
    depth,
    title: input.title,
    description: input.description ?? null,
    status: input.status ?? undefined,
    priority: input.priority ?? undefined,
    assignee,
    dueDate: input.dueDate ?? null,
    position,
  });
  if (siblings) placeAt(siblings, task, input.position);
  recordTaskEvent(
    ctx,
    task,
    TaskEventKind.CREATED,
    changedFields({}, { ...snapshot(task), parentId: parent?.id ?? null }),
  );
  await ctx.em.flush();
  return task;
}

export async function updateTask(ctx: Context, id: string, input: UpdateTaskInput): Promise<Task> {
  const task = await findTaskOrFail(ctx, id);
  await openTaskProject(ctx, task);
  const before = snapshot(task);
  if (input.title) task.title = input.title;
  if (input.description !== undefined) task.description = input.description;
  if (input.status) task.status = input.status;
  if (input.priority) task.priority = input.priority;
  if (input.dueDate !== undefined) task.dueDate = input.dueDate;
  if (input.assigneeId !== undefined) {
    task.assignee = input.assigneeId
      ? ref(await findActiveUserOrFail(ctx, input.assigneeId))
      : null;
  }
  const changes = changedFields(before, snapshot(task));
  if (Object.keys(changes).length) recordTaskEvent(ctx, task, TaskEventKind.UPDATED, changes);
  await ctx.em.flush();
  return task;
}

/**
 * Re-parents and reorders a task with its whole subtree (`parentId` undefined keeps the parent,
 * null makes a root). Refused when the new parent is the task or one of its descendants (a
 * cycle), or when the subtree would reach past the depth limit.
 */
export async function moveTask(
  ctx: Context,
  id: string,
  parentId: string | null | undefined,
  position?: number | null,
): Promise<Task> {
  const task = await findTaskOrFail(ctx, id);
  const projectId = task.project.id;
  await openTaskProject(ctx, task);
  // Re-read under the lock: a concurrent move may have changed its parent, depth or position.
  if (!(await ctx.em.refresh(task))) throw notFoundError('Task', id);
  const targetId = parentId === undefined ? (task.parent?.id ?? null) : parentId;
  const parent = targetId
    ? await findTaskOfProject(
        ctx,
        targetId,
        projectId,
        'parentId',
        'A task can only move within its project',
      )
    : null;
  const descendants = await findDescendants(ctx, task.id);
  if (parent && (parent === task || descendants.includes(parent))) {
    throw userInputError('A task cannot move under itself or one of its own subtasks', {
      reason: ErrorReason.CYCLE,
    });
  }
  const depth = parent ? parent.depth + 1 : 0;
  assertDepth(ctx, depth + subtreeHeight(task, descendants));

  const before = { parentId: task.parent?.id ?? null, position: task.position, depth: task.depth };
  const oldParentId = task.parent?.id ?? null;
  const newParentId = parent?.id ?? null;
  if (oldParentId !== newParentId) closeGap(await findSiblings(ctx, projectId, oldParentId), task);
  placeAt(await findSiblings(ctx, projectId, newParentId), task, position);
  const shift = depth - task.depth;
  descendants.forEach((descendant) => (descendant.depth += shift));
  task.depth = depth;
  task.parent = parent ? ref(parent) : null;

  const changes = changedFields(before, { parentId: newParentId, position: task.position, depth });
  if (Object.keys(changes).length) recordTaskEvent(ctx, task, TaskEventKind.MOVED, changes);
  await ctx.em.flush();
  return task;
}

/** Removes a task; one with subtasks only when `cascade` is set, and then its whole subtree. */
export async function deleteTask(ctx: Context, id: string, cascade: boolean): Promise<number> {
  const task = await findTaskOrFail(ctx, id);
  const projectId = task.project.id;
  await openTaskProject(ctx, task);
  // Re-read under the lock: a concurrent move may have changed its parent or position.
  if (!(await ctx.em.refresh(task))) throw notFoundError('Task', id);
  const descendants = await findDescendants(ctx, task.id);
  if (descendants.length && !cascade) {
    throw conflictError(
      `The task has ${descendants.length} subtasks; delete them first or pass cascade: true`,
      {
        subtasks: descendants.length,
      },
    );
  }
  closeGap(await findSiblings(ctx, projectId, task.parent?.id ?? null), task);
  // The database cascades to the subtree, its todos, events and dependencies.
  ctx.em.remove(task);
  descendants.forEach((descendant) => ctx.em.getUnitOfWork().unsetIdentity(descendant));
  await ctx.em.flush();
  return descendants.length + 1;
}

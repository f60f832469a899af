import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Info,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context';
import type { Row } from '../../common/row.type';
import { PageArgs } from '../../common/page.args';
import { Project } from '../project/project.entity';
import { projectLoaders } from '../project/project.loaders';
import { notFoundError } from '../../common/errors';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import { MoveTaskArgs, TaskDependencyArgs } from './task.args';
import { TaskDeletion } from './task-deletion.type';
import { addTaskDependency, removeTaskDependency } from './task-dependency.service';
import { taskTree } from './task-tree';
import { Task } from './task.entity';
import { CreateTaskInput, UpdateTaskInput } from './task.inputs';
import { subtaskList, taskHistoryList, taskLoaders } from './task.loaders';
import * as tasks from './task.service';
import { TaskConnection, TaskEventConnection } from './task.types';
import { Todo } from './todo.entity';

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => Task, { nullable: true, description: 'One task by id, or null.' })
  task(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Task | null> {
    return taskLoaders.byId(ctx).load(id);
  }

  @Query(() => [Task], {
    description:
      'Every task of a project in depth-first order (siblings by position), each with its depth.',
  })
  async taskTree(
    @Arg('projectId', () => ID) projectId: string,
    @Ctx() ctx: Context,
  ): Promise<Task[]> {
    if (!(await projectLoaders.byId(ctx).load(projectId)))
      throw notFoundError('Project', projectId);
    return taskTree(ctx, projectId);
  }

  @FieldResolver(() => Project)
  project(@Root() task: Row<Task>, @Ctx() ctx: Context) {
    return projectLoaders.byId(ctx).load(task.project.id);
  }

  @FieldResolver(() => Task, { nullable: true, description: 'null for a root task.' })
  parent(@Root() task: Row<Task>, @Ctx() ctx: Context) {
    return task.parent ? taskLoaders.byId(ctx).load(task.parent.id) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() task: Row<Task>, @Ctx() ctx: Context) {
    return loadUser(ctx, task.assignee);
  }

  @FieldResolver(() => TaskConnection, { description: 'Direct subtasks in sibling order.' })
  async subtasks(
    @Root() task: Row<Task>,
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskConnection> {
    return new TaskConnection(await subtaskList.connection(ctx, task.id, args, { info }));
  }

  @FieldResolver(() => Int, { description: 'Number of direct subtasks.' })
  subtaskCount(@Root() task: Row<Task>, @Ctx() ctx: Context): Promise<number> {
    return subtaskList.count(ctx, task.id);
  }

  @FieldResolver(() => [Task], { description: 'Tasks this one waits for.' })
  blockedBy(
    @Root() task: Row<Task>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Task[]> {
    return taskLoaders.blockedBy(ctx, info).load(task.id);
  }

  @FieldResolver(() => [Task], { description: 'Tasks waiting for this one.' })
  blocking(
    @Root() task: Row<Task>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Task[]> {
    return taskLoaders.blocking(ctx, info).load(task.id);
  }

  @FieldResolver(() => [Todo], { description: 'The checklist, in order.' })
  todos(
    @Root() task: Row<Task>,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Todo[]> {
    return taskLoaders.todos(ctx, info).load(task.id);
  }

  @FieldResolver(() => TaskEventConnection, { description: 'Every recorded change, oldest first.' })
  async history(
    @Root() task: Row<Task>,
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskEventConnection> {
    return new TaskEventConnection(await taskHistoryList.connection(ctx, task.id, args, { info }));
  }

  @Mutation(() => Task, {
    description: 'Creates a task, under `parentId` when given; refused past the depth limit.',
  })
  createTask(@Arg('input') input: CreateTaskInput, @Ctx() ctx: Context): Promise<Task> {
    return tasks.createTask(ctx, input);
  }

  @Mutation(() => Task)
  updateTask(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateTaskInput,
    @Ctx() ctx: Context,
  ): Promise<Task> {
    return tasks.updateTask(ctx, id, input);
  }

  @Mutation(() => Task, {
    description:
      'Re-parents and/or reorders a task with its subtree. Refused under its own descendant or past the depth limit.',
  })
  moveTask(@Args() { id, parentId, position }: MoveTaskArgs, @Ctx() ctx: Context): Promise<Task> {
    return tasks.moveTask(ctx, id, parentId, position);
  }

  @Mutation(() => TaskDeletion, {
    description: 'Deletes a task; one with subtasks only with cascade: true.',
  })
  async deleteTask(
    @Arg('id', () => ID) id: string,
    @Arg('cascade', { defaultValue: false }) cascade: boolean,
    @Ctx() ctx: Context,
  ): Promise<TaskDeletion> {
    return { id, deletedCount: await tasks.deleteTask(ctx, id, cascade) };
  }

  @Mutation(() => Task, {
    description: 'Makes a task wait for another of its project; a cycle is refused.',
  })
  addTaskDependency(
    @Args() { taskId, blockedById }: TaskDependencyArgs,
    @Ctx() ctx: Context,
  ): Promise<Task> {
    return addTaskDependency(ctx, taskId, blockedById);
  }

  @Mutation(() => Task)
  removeTaskDependency(
    @Args() { taskId, blockedById }: TaskDependencyArgs,
    @Ctx() ctx: Context,
  ): Promise<Task> {
    return removeTaskDependency(ctx, taskId, blockedById);
  }
}

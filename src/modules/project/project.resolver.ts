import type { GraphQLResolveInfo } from 'graphql';
import type { FilterQuery } from '@mikro-orm/core';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Info,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context';
import { connectionNodeFields } from '../../common/selection';
import type { Row } from '../../common/row.type';
import { Connection } from '../../common/connection.type';
import { childConnection, findPage } from '../../common/find-page';
import type { SortKey } from '../../common/keyset';
import { PageArgs } from '../../common/page.args';
import { ID_ORDER, pageRequest } from '../../common/page';
import { TASK_ORDER, taskLoaders } from '../task/task.loaders';
import { TaskConnection } from '../task/task.types';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import { ProjectMemberArgs, ProjectTasksArgs, ProjectsArgs } from './project.args';
import { Project } from './project.entity';
import {
  CreateProjectInput,
  ProjectSortField,
  UpdateProjectInput,
  type ProjectFilter,
} from './project.inputs';
import { projectLoaders } from './project.loaders';
import * as projects from './project.service';

@ObjectType({ simpleResolvers: true })
export class ProjectConnection extends Connection(Project) {}

function projectWhere(
  filter: ProjectFilter | null | undefined,
  dialect: Context['config']['dialect'],
): FilterQuery<Project> {
  const where: Record<string, unknown> = {};
  if (filter?.status) where.status = filter.status;
  if (filter?.priority) where.priority = filter.priority;
  if (filter?.leadId) where.lead = filter.leadId;
  if (filter?.search) {
    const pattern = `%${filter.search}%`;
    // SQLite has no ILIKE; its LIKE is already case-insensitive (for ASCII).
    const op = dialect === 'postgresql' ? '$ilike' : '$like';
    where.$or = [{ name: { [op]: pattern } }, { key: { [op]: pattern } }];
  }
  return where as FilterQuery<Project>;
}

@Resolver(() => Project)
export class ProjectResolver {
  @Authorized()
  @Query(() => ProjectConnection, {
    description: 'Projects, filtered and ordered (newest first by default).',
  })
  async projects(@Args() args: ProjectsArgs, @Ctx() ctx: Context): Promise<ProjectConnection> {
    const order = args.orderBy ?? {
      field: ProjectSortField.CREATED_AT,
      direction: 'desc' as const,
    };
    const keys: SortKey[] = [
      { property: order.field, direction: order.direction, isDate: order.field.endsWith('At') },
      { property: 'id', direction: order.direction },
    ];
    const page = pageRequest(args, ctx.config, keys.length);
    return new ProjectConnection(
      await findPage(ctx.em, Project, projectWhere(args.filter, ctx.config.dialect), keys, page),
    );
  }

  @Authorized()
  @Query(() => Project, { nullable: true, description: 'One project by id, or null.' })
  project(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Project | null> {
    return projectLoaders.byId(ctx).load(id);
  }

  @Authorized()
  @Query(() => Project, {
    nullable: true,
    description: 'One project by its key (e.g. OPS), or null.',
  })
  projectByKey(@Arg('key') key: string, @Ctx() ctx: Context): Promise<Project | null> {
    return ctx.em.findOne(Project, { key: key.toUpperCase() });
  }

  @FieldResolver(() => User)
  lead(@Root() project: Row<Project>, @Ctx() ctx: Context) {
    return loadUser(ctx, project.lead);
  }

  @FieldResolver(() => [User])
  watchers(@Root() project: Row<Project>, @Ctx() ctx: Context): Promise<User[]> {
    return projectLoaders.watchers(ctx).load(project.id);
  }

  @FieldResolver(() => [User])
  stakeholders(@Root() project: Row<Project>, @Ctx() ctx: Context): Promise<User[]> {
    return projectLoaders.stakeholders(ctx).load(project.id);
  }

  @FieldResolver(() => Int, { description: 'All tasks of the project, at every level.' })
  taskCount(@Root() project: Row<Project>, @Ctx() ctx: Context): Promise<number> {
    return projectLoaders.taskCount(ctx).load(project.id);
  }

  @FieldResolver(() => TaskConnection, { description: 'Top-level tasks in board order.' })
  async rootTasks(
    @Root() project: Row<Project>,
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskConnection> {
    const page = pageRequest(args, ctx.config, TASK_ORDER.length);
    const pages = taskLoaders.rootTasks(ctx, page, connectionNodeFields(info));
    return new TaskConnection(
      await childConnection(page, TASK_ORDER, pages, taskLoaders.rootTaskCount(ctx), project.id),
    );
  }

  @FieldResolver(() => TaskConnection, {
    description: 'Tasks at every level, oldest first, optionally filtered.',
  })
  async tasks(
    @Root() project: Row<Project>,
    @Args() args: ProjectTasksArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskConnection> {
    const page = pageRequest(args, ctx.config, ID_ORDER.length);
    const pages = taskLoaders.projectTasks(ctx, page, args.filter, connectionNodeFields(info));
    const counts = taskLoaders.projectTaskCount(ctx, args.filter);
    return new TaskConnection(await childConnection(page, ID_ORDER, pages, counts, project.id));
  }

  @Authorized()
  @Mutation(() => Project, {
    description: 'Creates a project led by `leadId` or by the signed-in user.',
  })
  createProject(@Arg('input') input: CreateProjectInput, @Ctx() ctx: Context): Promise<Project> {
    return projects.createProject(ctx, input);
  }

  @Authorized()
  @Mutation(() => Project, {
    description: "Changes a project's settings. Its lead or an admin only.",
  })
  updateProject(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateProjectInput,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return projects.updateProject(ctx, id, input);
  }

  @Authorized()
  @Mutation(() => Project, {
    description: 'Sets the status to ARCHIVED; its tasks become read-only. Lead or admin.',
  })
  archiveProject(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Project> {
    return projects.archiveProject(ctx, id);
  }

  @Authorized()
  @Mutation(() => Project, {
    description: 'Anyone may add themselves; adding others needs the lead or an admin.',
  })
  addProjectWatcher(
    @Args() { projectId, userId }: ProjectMemberArgs,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return projects.changeMembers(ctx, projectId, userId, 'watchers', true);
  }

  @Authorized()
  @Mutation(() => Project, {
    description: 'Anyone may remove themselves; removing others needs the lead or an admin.',
  })
  removeProjectWatcher(
    @Args() { projectId, userId }: ProjectMemberArgs,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return projects.changeMembers(ctx, projectId, userId, 'watchers', false);
  }

  @Authorized()
  @Mutation(() => Project, { description: 'Lead or admin.' })
  addProjectStakeholder(
    @Args() { projectId, userId }: ProjectMemberArgs,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return projects.changeMembers(ctx, projectId, userId, 'stakeholders', true);
  }

  @Authorized()
  @Mutation(() => Project, { description: 'Lead or admin.' })
  removeProjectStakeholder(
    @Args() { projectId, userId }: ProjectMemberArgs,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return projects.changeMembers(ctx, projectId, userId, 'stakeholders', false);
  }
}

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
import { connectionNodeFields } from '../../common/selection';
import type { Row } from '../../common/row.type';
import { childConnection, findPage } from '../../common/find-page';
import { PageArgs } from '../../common/page.args';
import { ID_ORDER, pageRequest } from '../../common/page';
import { TASK_ORDER, taskLoaders } from '../task/task.loaders';
import { TaskConnection } from '../task/task.types';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import { ProjectMemberArgs, ProjectTasksArgs, ProjectsArgs } from './project.args';
import { Project } from './project.entity';
import { ProjectRole } from './project-role.enum';
import { CreateProjectInput, UpdateProjectInput } from './project.inputs';
import { memberOfWhere, projectSortKeys, projectWhere } from './project-list';
import { membersOf, projectLoaders } from './project.loaders';
import { ProjectConnection, ProjectMemberConnection } from './project.types';
import * as projects from './project.service';

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => ProjectConnection, {
    description: 'Projects, filtered and ordered (newest first by default).',
  })
  async projects(@Args() args: ProjectsArgs, @Ctx() ctx: Context): Promise<ProjectConnection> {
    const keys = projectSortKeys(args.orderBy);
    const page = pageRequest(args, ctx.config, keys.length);
    return new ProjectConnection(
      await findPage(ctx.em, Project, () => projectWhere(ctx, args.filter), keys, page),
    );
  }

  @Query(() => ProjectConnection, {
    description: 'Projects the signed-in user is a member of, newest first.',
  })
  async myProjects(
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ProjectConnection> {
    const keys = projectSortKeys(null);
    const page = pageRequest(args, ctx.config, keys.length);
    return new ProjectConnection(
      await findPage(ctx.em, Project, () => memberOfWhere(ctx), keys, page),
    );
  }

  @Query(() => Project, { nullable: true, description: 'One project by id, or null.' })
  project(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Project | null> {
    return projectLoaders.byId(ctx).load(id);
  }

  @Query(() => Project, {
    nullable: true,
    description: 'One project by its key (e.g. OPS), or null.',
  })
  projectByKey(@Arg('key') key: string, @Ctx() ctx: Context): Promise<Project | null> {
    return projectLoaders.byKey(ctx).load(key.toUpperCase());
  }

  @FieldResolver(() => User)
  lead(@Root() project: Row<Project>, @Ctx() ctx: Context) {
    return loadUser(ctx, project.lead);
  }

  @FieldResolver(() => ProjectRole, {
    nullable: true,
    description: "The signed-in user's role in the project; null when not a member.",
  })
  myRole(@Root() project: Row<Project>, @Ctx() ctx: Context): Promise<ProjectRole | null> {
    return projectLoaders.myRole(ctx).load(project.id);
  }

  @FieldResolver(() => ProjectMemberConnection, {
    description: 'Members with their roles, in sign-up order.',
  })
  async members(
    @Root() project: Row<Project>,
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ProjectMemberConnection> {
    const page = pageRequest(args, ctx.config, 1);
    return new ProjectMemberConnection(await membersOf(ctx, page, project.id));
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

  @Mutation(() => Project, {
    description:
      'Creates a project led by `leadId` or by the signed-in user; the lead and the creator become LEAD members.',
  })
  createProject(@Arg('input') input: CreateProjectInput, @Ctx() ctx: Context): Promise<Project> {
    return projects.createProject(ctx, input);
  }

  @Mutation(() => Project, {
    description: "Changes a project's settings or visibility. A LEAD member or an admin.",
  })
  updateProject(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateProjectInput,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return projects.updateProject(ctx, id, input);
  }

  @Mutation(() => Project, {
    description: 'Sets the status to ARCHIVED; its tasks become read-only. A LEAD or an admin.',
  })
  archiveProject(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Project> {
    return projects.archiveProject(ctx, id);
  }

  @Mutation(() => Project, {
    description:
      'Anyone who reads the project may add themselves; adding others needs a LEAD or an admin.',
  })
  addProjectWatcher(
    @Args() { projectId, userId }: ProjectMemberArgs,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return projects.changePeople(ctx, projectId, userId, 'watchers', true);
  }

  @Mutation(() => Project, {
    description: 'Anyone may remove themselves; removing others needs a LEAD or an admin.',
  })
  removeProjectWatcher(
    @Args() { projectId, userId }: ProjectMemberArgs,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return projects.changePeople(ctx, projectId, userId, 'watchers', false);
  }

  @Mutation(() => Project, { description: 'A LEAD or an admin.' })
  addProjectStakeholder(
    @Args() { projectId, userId }: ProjectMemberArgs,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return projects.changePeople(ctx, projectId, userId, 'stakeholders', true);
  }

  @Mutation(() => Project, { description: 'A LEAD or an admin.' })
  removeProjectStakeholder(
    @Args() { projectId, userId }: ProjectMemberArgs,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return projects.changePeople(ctx, projectId, userId, 'stakeholders', false);
  }
}

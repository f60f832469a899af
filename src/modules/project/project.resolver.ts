import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Info,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context';
import type { Row } from '../../common/row.type';
import { listPage } from '../../common/list';
import { PageArgs } from '../../common/page.args';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import { ProjectMemberArgs, ProjectsArgs } from './project.args';
import { Project } from './project.entity';
import { ProjectRole } from './project-role.enum';
import { CreateProjectInput, UpdateProjectInput } from './project.inputs';
import { memberOfWhere, projectSortKeys, projectWhere } from './project-list';
import { memberList, projectLoaders } from './project.loaders';
import { ProjectConnection, ProjectMemberConnection } from './project.types';
import * as projects from './project.service';

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => ProjectConnection, {
    description: 'Projects, filtered and ordered (newest first by default).',
  })
  async projects(
    @Args() { filter, orderBy, ...args }: ProjectsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProjectConnection> {
    const query = {
      entity: Project,
      order: projectSortKeys(orderBy),
      where: projectWhere(ctx, filter),
    };
    return new ProjectConnection(await listPage(ctx, query, args, info));
  }

  @Query(() => ProjectConnection, {
    description: 'Projects the signed-in user is a member of, newest first.',
  })
  async myProjects(
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProjectConnection> {
    const query = { entity: Project, order: projectSortKeys(null), where: memberOfWhere(ctx) };
    return new ProjectConnection(await listPage(ctx, query, args, info));
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProjectMemberConnection> {
    return new ProjectMemberConnection(
      await memberList.connection(ctx, project.id, args, { info }),
    );
  }

  @FieldResolver(() => [User])
  watchers(@Root() project: Row<Project>, @Ctx() ctx: Context): Promise<User[]> {
    return projectLoaders.watchers(ctx).load(project.id);
  }

  @FieldResolver(() => [User])
  stakeholders(@Root() project: Row<Project>, @Ctx() ctx: Context): Promise<User[]> {
    return projectLoaders.stakeholders(ctx).load(project.id);
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

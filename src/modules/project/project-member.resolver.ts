import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notFoundError } from '../../common/errors';
import type { Row } from '../../common/row.type';
import type { Context } from '../../context';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import { ProjectMember } from './project-member.entity';
import * as members from './project-members.service';
import { ProjectMemberArgs, ProjectMemberRoleArgs, ProjectMembersArgs } from './project.args';
import { Project } from './project.entity';
import { memberList, projectLoaders } from './project.loaders';
import { ProjectMemberConnection } from './project.types';

@Resolver(() => ProjectMember)
export class ProjectMemberResolver {
  @Query(() => ProjectMemberConnection, {
    description:
      "A project's members with their roles, in sign-up order. NOT_FOUND when the project cannot be read.",
  })
  async projectMembers(
    @Args() { projectId, ...args }: ProjectMembersArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProjectMemberConnection> {
    if (!(await projectLoaders.byId(ctx).load(projectId)))
      throw notFoundError('Project', projectId);
    return new ProjectMemberConnection(await memberList.connection(ctx, projectId, args, { info }));
  }

  @FieldResolver(() => User)
  user(@Root() member: Row<ProjectMember>, @Ctx() ctx: Context) {
    return loadUser(ctx, member.user);
  }

  @FieldResolver(() => Project)
  project(@Root() member: Row<ProjectMember>, @Ctx() ctx: Context) {
    return projectLoaders.byId(ctx).load(member.project.id);
  }

  @Mutation(() => ProjectMember, {
    description: 'Makes an active user a member with this role. A LEAD or an admin.',
  })
  addProjectMember(
    @Args() { projectId, userId, role }: ProjectMemberRoleArgs,
    @Ctx() ctx: Context,
  ): Promise<ProjectMember> {
    return members.addProjectMember(ctx, projectId, userId, role);
  }

  @Mutation(() => ProjectMember, {
    description:
      "Changes a member's role. A LEAD or an admin; the last LEAD cannot be demoted (CONFLICT, reason LAST_LEAD).",
  })
  setProjectMemberRole(
    @Args() { projectId, userId, role }: ProjectMemberRoleArgs,
    @Ctx() ctx: Context,
  ): Promise<ProjectMember> {
    return members.setProjectMemberRole(ctx, projectId, userId, role);
  }

  @Mutation(() => Boolean, {
    description:
      'Removes a member. A LEAD or an admin, or the member themselves; the last LEAD cannot be removed (CONFLICT, reason LAST_LEAD).',
  })
  removeProjectMember(
    @Args() { projectId, userId }: ProjectMemberArgs,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return members.removeProjectMember(ctx, projectId, userId);
  }
}

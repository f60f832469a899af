import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { chosenOrder, ID_ORDER } from '../../common/keyset';
import { PageArgs } from '../../common/page.args';
import type { Row } from '../../common/row.type';
import type { Context } from '../../context';
import { Project } from '../project/project.entity';
import { ProjectTasksArgs } from './task.args';
import { projectTaskList, rootTaskList } from './task.loaders';
import { TaskConnection } from './task.types';

/** Adds the task fields of `Project` from this module; type-graphql merges them into the type. */
@Resolver(() => Project)
export class ProjectTasksResolver {
  @FieldResolver(() => Int, { description: 'All tasks of the project, at every level.' })
  taskCount(@Root() project: Row<Project>, @Ctx() ctx: Context): Promise<number> {
    return projectTaskList.count(ctx, project.id);
  }

  @FieldResolver(() => TaskConnection, { description: 'Top-level tasks in board order.' })
  async rootTasks(
    @Root() project: Row<Project>,
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskConnection> {
    return new TaskConnection(await rootTaskList.connection(ctx, project.id, args, { info }));
  }

  @FieldResolver(() => TaskConnection, {
    description: 'Tasks at every level, optionally filtered; oldest first unless ordered.',
  })
  async tasks(
    @Root() project: Row<Project>,
    @Args() { filter, orderBy, ...args }: ProjectTasksArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskConnection> {
    const order = orderBy ? chosenOrder(orderBy, ID_ORDER) : undefined;
    return new TaskConnection(
      await projectTaskList.connection(ctx, project.id, args, { info, filter, order }),
    );
  }
}

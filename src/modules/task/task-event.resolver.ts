import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { Row } from '../../common/row.type';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import { TaskEvent } from './task-event.entity';

@Resolver(() => TaskEvent)
export class TaskEventResolver {
  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who made the change; null once their account is gone.',
  })
  actor(@Root() event: Row<TaskEvent>, @Ctx() ctx: Context) {
    return loadUser(ctx, event.actor);
  }
}

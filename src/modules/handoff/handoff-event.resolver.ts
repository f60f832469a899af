import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { Row } from '../../common/row.type';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import { HandoffEvent } from './handoff-event.entity';

@Resolver(() => HandoffEvent)
export class HandoffEventResolver {
  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who made the change; null once their account is gone.',
  })
  actor(@Root() event: Row<HandoffEvent>, @Ctx() ctx: Context) {
    return loadUser(ctx, event.actor);
  }
}

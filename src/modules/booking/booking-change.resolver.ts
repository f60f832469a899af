import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { Row } from '../../common/row.type';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import { BookingChange } from './booking-change.entity';

@Resolver(() => BookingChange)
export class BookingChangeResolver {
  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who made the change; null once their account is gone.',
  })
  actor(@Root() change: Row<BookingChange>, @Ctx() ctx: Context) {
    return loadUser(ctx, change.actor);
  }
}

import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context';
import { PageArgs } from '../../common/page.args';
import { listPage } from '../../common/list';
import type { Row } from '../../common/row.type';
import { Session } from './session.entity';
import { liveSessionList, revokeSessionOf, revokeSessionsOf } from './session.service';
import { SessionConnection } from './session.types';

@Resolver(() => Session)
export class SessionResolver {
  @Query(() => SessionConnection, {
    description: 'Your live sessions (neither revoked nor expired), newest first.',
  })
  async mySessions(
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SessionConnection> {
    return new SessionConnection(await listPage(ctx, liveSessionList(ctx.user!.id), args, info));
  }

  @Mutation(() => Boolean, {
    description:
      'Revokes one of your live sessions (the current one too: that is logOut). Any other id is NOT_FOUND.',
  })
  async revokeSession(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    await revokeSessionOf(ctx.em, ctx.user!.id, id);
    return true;
  }

  @Mutation(() => Int, {
    description: 'Revokes every live session of yours but the current one; returns how many.',
  })
  revokeOtherSessions(@Ctx() ctx: Context): Promise<number> {
    return revokeSessionsOf(ctx.em, ctx.user!.id, ctx.session!.id);
  }

  @FieldResolver(() => Boolean, { description: 'True for the session making this request.' })
  current(@Root() session: Row<Session>, @Ctx() ctx: Context): boolean {
    return session.id === ctx.session?.id;
  }
}

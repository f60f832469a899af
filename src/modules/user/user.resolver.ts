import {
  Arg,
  Args,
  Authorized,
  Ctx,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import type { Context } from '../../context';
import { Connection } from '../../common/connection.type';
import { findPage } from '../../common/find-page';
import { PageArgs } from '../../common/page.args';
import { pageRequest } from '../../common/page';
import { findOrFail } from '../../common/find-or-fail';
import { Role } from './role.enum';
import { Session } from './session.entity';
import { User } from './user.entity';
import { userLoaders } from './user.loaders';

@ObjectType({ simpleResolvers: true })
export class UserConnection extends Connection(User) {}

@Resolver(() => User)
export class UserResolver {
  @Authorized(Role.ADMIN)
  @Query(() => UserConnection, { description: 'Every account, oldest first. Admins only.' })
  async users(
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<UserConnection> {
    const page = pageRequest(args, ctx.config, 1);
    return new UserConnection(
      await findPage(ctx.em, User, {}, [{ property: 'id', direction: 'asc' }], page),
    );
  }

  @Authorized()
  @Query(() => User, { nullable: true, description: 'One user by id, or null.' })
  user(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<User | null> {
    return userLoaders.byId(ctx).load(id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, {
    description: 'Deactivates an account and revokes its sessions. Admins only.',
  })
  async deactivateUser(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<User> {
    const user = await findOrFail(ctx.em, User, id);
    user.isActive = false;
    await ctx.em.nativeUpdate(Session, { user, revokedAt: null }, { revokedAt: new Date() });
    await ctx.em.flush();
    return user;
  }
}

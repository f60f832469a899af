import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context';
import { Connection } from '../../common/connection.type';
import { ID_ORDER } from '../../common/keyset';
import { listPage } from '../../common/list';
import { PageArgs } from '../../common/page.args';
import type { Row } from '../../common/row.type';
import { Role } from './role.enum';
import { SetUserRoleArgs } from './user.args';
import { User } from './user.entity';
import { userLoaders } from './user.loaders';
import { maySeePrivateDetails } from './user.policy';
import { deactivateUser, reactivateUser, setUserRole } from './user.service';

@ObjectType({ simpleResolvers: true })
export class UserConnection extends Connection(User) {}

@Resolver(() => User)
export class UserResolver {
  @Authorized(Role.ADMIN)
  @Query(() => UserConnection, { description: 'Every account, oldest first. Admins only.' })
  async users(
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<UserConnection> {
    return new UserConnection(await listPage(ctx, { entity: User, order: ID_ORDER }, args, info));
  }

  @Query(() => User, { nullable: true, description: 'One user by id, or null.' })
  user(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<User | null> {
    return userLoaders.byId(ctx).load(id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, {
    description:
      'Makes an account an ADMIN or a MEMBER. The last active admin cannot be demoted (CONFLICT, reason LAST_ADMIN). Admins only.',
  })
  setUserRole(@Args() { id, role }: SetUserRoleArgs, @Ctx() ctx: Context): Promise<User> {
    return setUserRole(ctx, id, role);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, {
    description:
      'Deactivates an account and revokes its sessions. The last active admin cannot be deactivated (CONFLICT, reason LAST_ADMIN). Admins only.',
  })
  deactivateUser(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<User> {
    return deactivateUser(ctx, id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, {
    description:
      'Lets a deactivated account sign in again; its old sessions stay revoked. Admins only.',
  })
  reactivateUser(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<User> {
    return reactivateUser(ctx, id);
  }

  @FieldResolver(() => String, { nullable: true })
  email(@Root() user: Row<User>, @Ctx() ctx: Context): string | null {
    return maySeePrivateDetails(ctx, user) ? user.email : null;
  }

  @FieldResolver(() => Date, { nullable: true })
  lastLoginAt(@Root() user: Row<User>, @Ctx() ctx: Context): Date | null {
    return maySeePrivateDetails(ctx, user) ? (user.lastLoginAt ?? null) : null;
  }

  @FieldResolver(() => Date, { name: 'updatedAt', nullable: true })
  changedAt(@Root() user: Row<User>, @Ctx() ctx: Context): Date | null {
    return maySeePrivateDetails(ctx, user) ? user.updatedAt : null;
  }
}

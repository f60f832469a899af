import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { AuthPayload } from './auth-payload.type';
import { LogInInput, SignUpInput } from './auth.inputs';
import { logIn, logOut, signUp } from './auth.service';
import { User } from './user.entity';

@Resolver()
export class AuthResolver {
  @Authorized()
  @Query(() => User, { description: 'The signed-in user.' })
  me(@Ctx() ctx: Context): User {
    return ctx.user!;
  }

  @Mutation(() => AuthPayload, {
    description: 'Creates an account and signs it in. The first account is an ADMIN.',
  })
  signUp(@Arg('input') input: SignUpInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    return signUp(ctx, input);
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with e-mail or username and password.' })
  logIn(@Arg('input') input: LogInInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    return logIn(ctx, input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Revokes the session whose token made this request.' })
  logOut(@Ctx() ctx: Context): Promise<boolean> {
    return logOut(ctx);
  }
}

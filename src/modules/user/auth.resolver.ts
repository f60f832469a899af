import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { AuthPayload } from './auth-payload.type';
import { ChangePasswordArgs } from './auth.args';
import { LogInInput, SignUpInput } from './auth.inputs';
import { changePassword, logIn, logOut, signUp } from './auth.service';
import { User } from './user.entity';

@Resolver()
export class AuthResolver {
  @Query(() => User, { description: 'The signed-in user.' })
  me(@Ctx() ctx: Context): User {
    return ctx.user!;
  }

  @Mutation(() => AuthPayload, {
    description:
      'Creates an account and signs it in. The first account is an ADMIN. Usernames and e-mails are unique regardless of case (CONFLICT with `extensions.field`). FORBIDDEN when SIGNUP_MODE is closed.',
  })
  signUp(@Arg('input') input: SignUpInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    return signUp(ctx, input);
  }

  @Mutation(() => AuthPayload, {
    description: 'Signs in with e-mail or username (either in any case) and password.',
  })
  logIn(@Arg('input') input: LogInInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    return logIn(ctx, input);
  }

  @Mutation(() => Boolean, { description: 'Revokes the session whose token made this request.' })
  logOut(@Ctx() ctx: Context): Promise<boolean> {
    return logOut(ctx);
  }

  @Mutation(() => Boolean, {
    description:
      'Changes your password and revokes your other sessions; this one stays. A wrong current password is BAD_USER_INPUT with `extensions.field` currentPassword.',
  })
  changePassword(@Args() args: ChangePasswordArgs, @Ctx() ctx: Context): Promise<boolean> {
    return changePassword(ctx, args);
  }
}

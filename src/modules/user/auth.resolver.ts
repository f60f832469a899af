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
      'Creates an account and signs it in. The first account is an ADMIN. Usernames and e-mails are unique regardless of case: a taken one is CONFLICT, the same answer for either, so that it does not tell whether an e-mail is registered. FORBIDDEN when SIGNUP_MODE is closed; TOO_MANY_REQUESTS (HTTP 429, `extensions.retryAfter` seconds) past SIGNUP_MAX_PER_IP attempts per address per day.',
  })
  signUp(@Arg('input') input: SignUpInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    return signUp(ctx, input);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Signs in with e-mail or username (either in any case) and password. After LOGIN_MAX_FAILURES consecutive failures of one login from one address, or LOGIN_MAX_FAILURES_PER_IP failures from one address in a day, attempts are refused with TOO_MANY_REQUESTS (HTTP 429, `extensions.retryAfter` seconds and a Retry-After header) before the password is checked.',
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

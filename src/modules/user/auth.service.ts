import type { Context } from '../../context';
import { forbiddenError, unauthenticatedError, userInputError } from '../../common/errors';
import { accountTakenError, registerAccount, caseFree } from './account.service';
import type { AuthPayload } from './auth-payload.type';
import type { ChangePasswordArgs } from './auth.args';
import type { LogInInput, SignUpInput } from './auth.inputs';
import { beginLoginAttempt, countSignUpAttempt } from './auth.throttles';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password';
import { openSession, revokeSessionsOf } from './session.service';
import { User } from './user.entity';
import { markAsCaller } from './user.policy';

function payload(ctx: Context, user: User): AuthPayload {
  const { token, session } = openSession(ctx, user);
  markAsCaller(user);
  return { token, expiresAt: session.expiresAt, user };
}

/**
 * The first account of a fresh installation is its administrator. A taken username and a taken
 * e-mail answer alike, so that signUp does not tell whether an address is registered.
 */
export async function signUp(ctx: Context, input: SignUpInput): Promise<AuthPayload> {
  if (ctx.config.signupMode === 'closed') {
    throw forbiddenError('Sign-up is closed: accounts are made by an administrator');
  }
  await countSignUpAttempt(ctx);
  const user = await registerAccount(ctx, { ...input, lastLoginAt: new Date() }, accountTakenError);
  const result = payload(ctx, user);
  await ctx.em.flush();
  return result;
}

/**
 * Unknown user, inactive user and wrong password answer alike, in about the same time. Each call
 * is counted (also each aliased logIn of one document), and a throttled one is refused before
 * the user is read or Argon2 runs.
 */
export async function logIn(ctx: Context, input: LogInInput): Promise<AuthPayload> {
  const login = input.login.trim();
  const attempt = await beginLoginAttempt(ctx, login);
  const user = await ctx.em.findOne(
    User,
    caseFree(login.includes('@') ? 'email' : 'username', login),
    { populate: ['passwordHash'] },
  );
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstNothing(input.password);
  if (!user || !valid || !user.isActive) throw unauthenticatedError('Invalid login or password');
  await attempt.succeeded();
  user.lastLoginAt = new Date();
  const result = payload(ctx, user);
  await ctx.em.flush();
  return result;
}

export async function logOut(ctx: Context): Promise<boolean> {
  if (!ctx.session) return false;
  ctx.session.revokedAt = new Date();
  await ctx.em.flush();
  return true;
}

/**
 * Someone who learnt the old password may hold a session: every other session ends, the one
 * making the request stays. The current password is checked with Argon2 like at logIn.
 */
export async function changePassword(ctx: Context, args: ChangePasswordArgs): Promise<boolean> {
  const user = await ctx.em.findOneOrFail(
    User,
    { id: ctx.user!.id },
    { populate: ['passwordHash'] },
  );
  if (!(await verifyPassword(user.passwordHash, args.currentPassword))) {
    throw userInputError('The current password is not correct', { field: 'currentPassword' });
  }
  user.passwordHash = await hashPassword(args.newPassword);
  await revokeSessionsOf(ctx.em, user.id, ctx.session!.id);
  await ctx.em.flush();
  return true;
}

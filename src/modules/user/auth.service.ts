import type { Context } from '../../context';
import { conflictError, unauthenticatedError } from '../../common/errors';
import type { AuthPayload } from './auth-payload.type';
import type { LogInInput, SignUpInput } from './auth.inputs';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password';
import { Role } from './role.enum';
import { openSession } from './session.service';
import { User } from './user.entity';

function payload(ctx: Context, user: User): AuthPayload {
  const { token, session } = openSession(ctx, user);
  return { token, expiresAt: session.expiresAt, user };
}

/** The first account of a fresh installation is its administrator. */
export async function signUp(ctx: Context, input: SignUpInput): Promise<AuthPayload> {
  const email = input.email.trim().toLowerCase();
  const taken = await ctx.em.findOne(User, { $or: [{ email }, { username: input.username }] });
  if (taken) {
    const field = taken.email === email ? 'email' : 'username';
    throw conflictError(`That ${field} is already registered`, { field });
  }
  const isFirst = (await ctx.em.count(User)) === 0;
  const user = ctx.em.create(User, {
    email,
    username: input.username,
    displayName: input.displayName?.trim() || input.username,
    passwordHash: await hashPassword(input.password),
    role: isFirst ? Role.ADMIN : Role.MEMBER,
    lastLoginAt: new Date(),
  });
  const result = payload(ctx, user);
  await ctx.em.flush();
  return result;
}

/** Unknown user, inactive user and wrong password answer alike, in about the same time. */
export async function logIn(ctx: Context, input: LogInInput): Promise<AuthPayload> {
  const login = input.login.trim();
  const user = await ctx.em.findOne(
    User,
    login.includes('@') ? { email: login.toLowerCase() } : { username: login },
    { populate: ['passwordHash'] },
  );
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstNothing(input.password);
  if (!user || !valid || !user.isActive) throw unauthenticatedError('Invalid login or password');
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

import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Config } from '../../config';
import type { Context } from '../../context';
import { lockKey } from '../../common/dialect';
import { conflictError, ErrorReason, forbiddenError } from '../../common/errors';
import { findOrFail } from '../../common/find-or-fail';
import { Role } from './role.enum';
import { revokeSessionsOf } from './session.service';
import { User } from './user.entity';

/** What the account rules need; a request context has it, and so does the user:create script. */
export interface AccountScope {
  em: SqlEntityManager;
  config: Pick<Config, 'dialect'>;
}

/** Any fixed number will do; it names the one lock of the account rules ("acct" in ASCII). */
export const ACCOUNTS_LOCK_KEY = 0x61636374;

/**
 * Serialises the rules that count accounts (the first sign-up becomes ADMIN; the last active
 * ADMIN stays) until the transaction ends. On PostgreSQL a transaction-scoped advisory lock: two
 * transactions would otherwise both count before either inserts or demotes. SQLite needs none:
 * its pool has one connection, which a transaction holds from begin to commit, so transactions
 * already run one at a time.
 */
export async function lockAccounts(scope: AccountScope): Promise<void> {
  // Outside a transaction the lock would be released as soon as it is taken.
  if (!scope.em.isInTransaction()) throw new Error('lockAccounts needs a transaction');
  await lockKey(scope, ACCOUNTS_LOCK_KEY);
}

/** A user who can be given work or a role (a lead, an assignee, a watcher). */
export function findActiveUserOrFail(ctx: Context, id: string): Promise<User> {
  return findOrFail(ctx.em, User, id, { isActive: true });
}

/**
 * Takes the accounts lock, then re-reads the caller's role: the role check ran before the lock,
 * and a concurrent demotion of the caller may have committed since.
 */
async function lockAsAdmin(ctx: Context): Promise<void> {
  await lockAccounts(ctx);
  const stillAdmin = await ctx.em.count(User, {
    id: ctx.user!.id,
    role: Role.ADMIN,
    isActive: true,
  });
  if (!stillAdmin) throw forbiddenError('This needs the role ADMIN');
}

/** The target of an admin operation, read afresh under the lock. */
async function lockedTarget(ctx: Context, id: string): Promise<User> {
  await lockAsAdmin(ctx);
  return findOrFail(ctx.em, User, id, {}, { refresh: true });
}

/** Refuses to take away the last active ADMIN (by demotion or deactivation). Needs the lock. */
async function keepAnAdmin(ctx: Context, user: User): Promise<void> {
  if (user.role !== Role.ADMIN || !user.isActive) return;
  const others = await ctx.em.count(User, {
    role: Role.ADMIN,
    isActive: true,
    id: { $ne: user.id },
  });
  if (others === 0) {
    throw conflictError('This is the last active admin: make someone else an admin first', {
      reason: ErrorReason.LAST_ADMIN,
    });
  }
}

export async function setUserRole(ctx: Context, id: string, role: Role): Promise<User> {
  const user = await lockedTarget(ctx, id);
  if (role !== Role.ADMIN) await keepAnAdmin(ctx, user);
  user.role = role;
  await ctx.em.flush();
  return user;
}

/** Deactivation signs the user out everywhere: their sessions are revoked, not just refused. */
export async function deactivateUser(ctx: Context, id: string): Promise<User> {
  const user = await lockedTarget(ctx, id);
  await keepAnAdmin(ctx, user);
  user.isActive = false;
  await revokeSessionsOf(ctx.em, user.id);
  await ctx.em.flush();
  return user;
}

/** The user may sign in again; the sessions revoked at deactivation stay revoked. */
export async function reactivateUser(ctx: Context, id: string): Promise<User> {
  const user = await findOrFail(ctx.em, User, id);
  user.isActive = true;
  await ctx.em.flush();
  return user;
}

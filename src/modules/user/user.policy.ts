import type { Context } from '../../context';
import type { Row } from '../../common/row.type';
import { Role } from './role.enum';
import type { User } from './user.entity';

/**
 * Accounts that the caller proved in this very request (signUp, logIn): the request's context
 * is still anonymous, yet the payload shows the caller's own account. Entities belong to one
 * request's unit of work, so a mark never reaches another request.
 */
const provenInThisRequest = new WeakSet<object>();

export function markAsCaller(user: User): void {
  provenInThisRequest.add(user);
}

/**
 * A user's private details (email, lastLoginAt, updatedAt) are shown to that user and to admins
 * only: members meet other users through relations (a project's lead, watchers, stakeholders).
 */
export function maySeePrivateDetails(ctx: Context, user: Row<User>): boolean {
  if (provenInThisRequest.has(user)) return true;
  if (!ctx.user) return false;
  return ctx.user.role === Role.ADMIN || ctx.user.id === user.id;
}

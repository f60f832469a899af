import type { Context } from '../../context';
import { findOrFail } from '../../common/find-or-fail';
import { User } from './user.entity';

/** A user who can be given work or a role (a lead, an assignee, a watcher). */
export function findActiveUserOrFail(ctx: Context, id: string): Promise<User> {
  return findOrFail(ctx.em, User, id, { isActive: true });
}

import { loadByIds } from '../../common/batch';
import type { Context } from '../../context';
import { Session } from './session.entity';
import { User } from './user.entity';

export const userLoaders = {
  byId: (ctx: Context) =>
    ctx.loaders.get<string, User | null>('user.byId', (ids) => loadByIds(ctx.em, User, ids)),
};

/** Resolves an optional to-one reference to a user through the request's batch. */
export function loadUser(
  ctx: Context,
  ref: { id: string } | null | undefined,
): Promise<User | null> | null {
  return ref ? userLoaders.byId(ctx).load(ref.id) : null;
}

export const sessionLoaders = {
  /**
   * Only the caller's own live sessions (those `mySessions` lists): another user's, a revoked
   * and an expired one answer null.
   */
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Session | null>('session.byId', (ids) =>
      loadByIds(ctx.em, Session, ids, (qb) =>
        qb
          .where('sessions.user_id', ctx.user?.id ?? null)
          .whereNull('sessions.revoked_at')
          .where('sessions.expires_at', '>', new Date()),
      ),
    ),
};

import { loadByIds } from '../../common/batch';
import type { Context } from '../../context';
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

import { createHash, randomBytes } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Context } from '../../context';
import { notFoundError } from '../../common/errors';
import type { ListQuery } from '../../common/list';
import { isUuid } from '../../common/uuid';
import { Session } from './session.entity';
import type { User } from './user.entity';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a session and returns its token: the only time the token exists outside the client. */
export function createSession(
  em: SqlEntityManager,
  user: User,
  ttlHours: number,
  client: Context['client'] = { userAgent: null, ip: null },
): { token: string; session: Session } {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const session = em.create(Session, {
    user,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + ttlHours * 3_600_000),
    userAgent: client.userAgent?.slice(0, 500) ?? null,
    ip: client.ip?.slice(0, 64) ?? null,
    createdAt: now,
    lastUsedAt: now,
  });
  return { token, session };
}

export function openSession(ctx: Context, user: User): { token: string; session: Session } {
  return createSession(ctx.em, user, ctx.config.sessionTtlHours, ctx.client);
}

/** One statement: the live session of a bearer token, with its active user. */
export async function findSession(em: SqlEntityManager, token: string): Promise<Session | null> {
  const session = await em.findOne(
    Session,
    {
      tokenHash: hashToken(token),
      revokedAt: null,
      expiresAt: { $gt: new Date() },
      user: { isActive: true },
    },
    { populate: ['user'], strategy: 'joined' },
  );
  return session;
}

/**
 * Records that a request used the session, at most every `everySeconds`: a request whose
 * session was touched recently enough writes nothing. The UPDATE repeats the age condition so
 * that of concurrent requests on one stale session only the first changes the row.
 */
export async function touchSession(
  em: SqlEntityManager,
  session: Session,
  everySeconds: number,
): Promise<void> {
  const now = new Date();
  const threshold = new Date(now.getTime() - everySeconds * 1000);
  if (session.lastUsedAt && session.lastUsedAt >= threshold) return;
  await em.nativeUpdate(
    Session,
    { id: session.id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: threshold } }] },
    { lastUsedAt: now },
  );
  // Keep the loaded entity in step without marking it dirty: a later flush must not write it.
  em.merge(Session, { id: session.id, lastUsedAt: now }, { refresh: true });
}

export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}

/** What "live" means everywhere: neither revoked nor expired. */
function liveSessionsOf(userId: string) {
  return { user: userId, revokedAt: null, expiresAt: { $gt: new Date() } };
}

/** The user's live sessions, newest first (ids are UUIDv7, so id order is creation order). */
export function liveSessionList(userId: string): ListQuery<Session> {
  return {
    entity: Session,
    order: [{ property: 'id', direction: 'desc' }],
    where: (qb) =>
      qb
        .where('sessions.user_id', userId)
        .whereNull('sessions.revoked_at')
        .where('sessions.expires_at', '>', new Date()),
  };
}

/** Revokes one live session of the user; another user's session is answered like a missing one. */
export async function revokeSessionOf(
  em: SqlEntityManager,
  userId: string,
  sessionId: string,
): Promise<void> {
  const revoked = isUuid(sessionId)
    ? await em.nativeUpdate(
        Session,
        { ...liveSessionsOf(userId), id: sessionId },
        { revokedAt: new Date() },
      )
    : 0;
  if (revoked === 0) throw notFoundError('Session', sessionId);
}

/** Revokes every live session of the user but `keepId` (none when null); returns how many. */
export function revokeSessionsOf(
  em: SqlEntityManager,
  userId: string,
  keepId: string | null = null,
): Promise<number> {
  const where = keepId
    ? { ...liveSessionsOf(userId), id: { $ne: keepId } }
    : liveSessionsOf(userId);
  return em.nativeUpdate(Session, where, { revokedAt: new Date() });
}

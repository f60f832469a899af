import { createHash, randomBytes } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Context } from '../../context';
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
  const session = em.create(Session, {
    user,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + ttlHours * 3_600_000),
    userAgent: client.userAgent?.slice(0, 500) ?? null,
    ip: client.ip?.slice(0, 64) ?? null,
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

export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}

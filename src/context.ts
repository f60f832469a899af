import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Config } from './config';
import { LoaderRegistry } from './common/loader-registry';
import { processRateLimits, type RateLimitStore } from './common/rate-limit';
import type { Logger } from './logger';
import type { Session } from './modules/user/session.entity';
import type { User } from './modules/user/user.entity';

/** Everything a resolver may use, built once per request and shared with nothing else. */
export interface Context {
  /** This request's unit of work: a fork of the root EntityManager. */
  em: SqlEntityManager;
  user: User | null;
  session: Session | null;
  loaders: LoaderRegistry;
  config: Config;
  logger: Logger;
  /** Attempt counters (logIn, signUp), one store per app: shared by all its requests. */
  rateLimits: RateLimitStore;
  /** Sent as User-Agent and remote address when a session is created. */
  client: { userAgent: string | null; ip: string | null };
}

export function createContext(
  base: Pick<Context, 'em' | 'config' | 'logger'> & { rateLimits?: RateLimitStore },
  auth: { user: User | null; session: Session | null } = { user: null, session: null },
  client: Context['client'] = { userAgent: null, ip: null },
): Context {
  const loaders = new LoaderRegistry(() => base.em.isInTransaction());
  // Contexts built outside a request (scripts, fixtures) count in this process's memory.
  const rateLimits = base.rateLimits ?? processRateLimits();
  return { ...base, ...auth, loaders, client, rateLimits };
}

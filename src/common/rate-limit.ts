import { isIPv4, isIPv6 } from 'node:net';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Logger } from '../logger';
import { ErrorCode } from './errors';

/** How many attempts a key may make in a window, and what happens when it makes more. */
export interface ThrottleRule {
  /** Attempts allowed in one window. */
  points: number;
  /** The window, in seconds from the first attempt (fixed, not sliding). At most a day. */
  windowSeconds: number;
  /** Once over the limit, the key is refused this long; 0: until the window ends. */
  blockSeconds?: number;
}

/** One named counter, shared by every process that uses the same store. */
export interface Throttle {
  /**
   * Counts one attempt of `key`. Resolves with null while the key is within its limit, or with
   * the whole seconds to wait before it may try again: the caller must then refuse the attempt.
   */
  hit(key: string): Promise<number | null>;
  /** Gives one attempt back (e.g. a success where only failures should count). */
  refund(key: string): Promise<void>;
  /** Forgets the key's attempts (e.g. a success ends a run of consecutive failures). */
  reset(key: string): Promise<void>;
}

/** Where counters live: this process's memory, or Redis so that several processes share them. */
export interface RateLimitStore {
  readonly kind: 'memory' | 'redis';
  /** The counter `name` with `rule`; one per name, so asking twice answers the same one. */
  throttle(name: string, rule: ThrottleRule): Throttle;
  close(): Promise<void>;
}

export interface RateLimitStoreOptions {
  /** `redis://…` or `rediss://…`; null keeps the counters in memory. */
  redisUrl: string | null;
  /** Put before every Redis key, so that deployments (and test runs) sharing a Redis stay apart. */
  keyPrefix: string;
  logger: Logger;
}

/** Opens the store; with Redis, connects first, so that a wrong REDIS_URL stops the start. */
export async function createRateLimitStore(
  options: RateLimitStoreOptions,
): Promise<RateLimitStore> {
  if (!options.redisUrl) return limiterStore('memory', (opts) => new RateLimiterMemory(opts));
  let connected = false;
  const client = new Redis(options.redisUrl, {
    lazyConnect: true,
    // Fail fast while disconnected, so the in-memory insurance answers instead of a queue.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // No retries for the first connection: a wrong REDIS_URL stops the start at once.
    retryStrategy: (times) => (connected ? Math.min(times * 200, 5000) : null),
    // A close while Redis is down waits this long for a socket that is gone already.
    disconnectTimeout: 100,
  });
  client.on('error', (error: Error) =>
    options.logger.warn({ err: error }, 'rate limit store (Redis) error'),
  );
  try {
    await client.connect();
    connected = true;
  } catch (error) {
    throw new Error(`REDIS_URL could not be reached: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return limiterStore(
    'redis',
    (opts) =>
      new RateLimiterRedis({
        ...opts,
        storeClient: client,
        rejectIfRedisNotReady: true,
        // While Redis is unreachable each process counts alone: weaker, but never off.
        insuranceLimiter: new RateLimiterMemory(opts),
      }),
    async () => {
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
    options.keyPrefix,
  );
}

interface LimiterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
  blockDuration: number;
}

function limiterStore(
  kind: RateLimitStore['kind'],
  create: (options: LimiterOptions) => RateLimiterAbstract,
  close: () => Promise<void> = async () => {},
  keyPrefix = '',
): RateLimitStore {
  const throttles = new Map<string, Throttle>();
  return {
    kind,
    throttle(name, rule) {
      let throttle = throttles.get(name);
      if (!throttle) {
        throttle = limiterThrottle(
          create({
            keyPrefix: `${keyPrefix}${name}`,
            points: rule.points,
            duration: rule.windowSeconds,
            blockDuration: rule.blockSeconds ?? 0,
          }),
        );
        throttles.set(name, throttle);
      }
      return throttle;
    },
    close,
  };
}

function limiterThrottle(limiter: RateLimiterAbstract): Throttle {
  return {
    async hit(key) {
      try {
        await limiter.consume(key);
        return null;
      } catch (rejection) {
        // A RateLimiterRes is "over the limit"; anything else is a store failure and propagates.
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      }
    },
    async refund(key) {
      await limiter.reward(key);
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

/**
 * The key of a client address. An IPv6 client usually holds a whole /64, so the /64 is the
 * client; an IPv4 address mapped into IPv6 is that IPv4 address. An unknown address (null: no
 * HTTP request behind the call) is one shared key, so it is limited rather than exempt.
 */
export function addressKey(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.split('%')[0];
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, in lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, null];
  const parse = (part: string) =>
    part
      ? part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [group];
          const [a, b, c, d] = group.split('.').map(Number);
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        })
      : [];
  const left = parse(head);
  const right = tail === null ? [] : parse(tail);
  const zeros = Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}

/**
 * TOO_MANY_REQUESTS with HTTP 429 and Retry-After: the caller should wait `retryAfter`
 * seconds. Apollo takes the status and header from `extensions.http` and strips it from the body.
 */
export function tooManyRequestsError(message: string, retryAfter: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.TOO_MANY_REQUESTS,
      retryAfter,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
    },
  });
}

/** Counts one attempt of `key` and throws TOO_MANY_REQUESTS when it is over the limit. */
export async function enforce(throttle: Throttle, key: string, message: string): Promise<void> {
  const retryAfter = await throttle.hit(key);
  if (retryAfter !== null) throw tooManyRequestsError(message, retryAfter);
}

let processStore: RateLimitStore | undefined;

/** An in-memory store for the whole process, for contexts that no app made. */
export function processRateLimits(): RateLimitStore {
  processStore ??= limiterStore('memory', (opts) => new RateLimiterMemory(opts));
  return processStore;
}

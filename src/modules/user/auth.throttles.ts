import { createHash } from 'node:crypto';
import type { Context } from '../../context';
import { addressKey, enforce, type Throttle } from '../../common/rate-limit';

const DAY = 24 * 3600;

/**
 * The OWASP brute-force rules: consecutive failures of one login from one address block that
 * pair for a while (LOGIN_MAX_FAILURES, LOGIN_BLOCK_SECONDS), and failures from one address
 * per day, whatever the logins, block the address (LOGIN_MAX_FAILURES_PER_IP), so that trying
 * many accounts from one place is slowed too. Failures are forgotten a day after the first.
 */
function loginThrottles(ctx: Context): { pair: Throttle; address: Throttle } {
  const { config } = ctx;
  return {
    pair: ctx.rateLimits.throttle('login-pair', {
      points: config.loginMaxFailures,
      windowSeconds: DAY,
      blockSeconds: config.loginBlockSeconds,
    }),
    address: ctx.rateLimits.throttle('login-ip', {
      points: config.loginMaxFailuresPerIp,
      windowSeconds: DAY,
    }),
  };
}

/**
 * What a login is counted under: the address and the login as logIn compares it (trimmed, any
 * case). The login is hashed: people type passwords into the login field, and a store of
 * counters should not hold them.
 */
function pairKey(address: string, login: string): string {
  const hashed = createHash('sha256').update(login.trim().toLowerCase()).digest('base64url');
  return `${address}|${hashed}`;
}

export interface LoginAttempt {
  /** Call when the password was right: it ends the run of failures. */
  succeeded(): Promise<void>;
}

/**
 * Counts a logIn attempt before it is checked, and refuses it with TOO_MANY_REQUESTS when the
 * address or the login from this address has failed too often. Counting first (then giving the
 * attempt back on success) keeps concurrent attempts from all passing a check made before any
 * of them failed.
 */
export async function beginLoginAttempt(ctx: Context, login: string): Promise<LoginAttempt> {
  const throttles = loginThrottles(ctx);
  const address = addressKey(ctx.client.ip);
  const pair = pairKey(address, login);
  const message = 'Too many failed sign-in attempts; try again later';
  await enforce(throttles.address, address, message);
  await enforce(throttles.pair, pair, message);
  return {
    async succeeded() {
      await Promise.all([throttles.pair.reset(pair), throttles.address.refund(address)]);
    },
  };
}

/** Every signUp attempt from one address counts, made or refused: it is also a probe. */
export function countSignUpAttempt(ctx: Context): Promise<void> {
  const throttle = ctx.rateLimits.throttle('signup-ip', {
    points: ctx.config.signupMaxPerIp,
    windowSeconds: DAY,
  });
  return enforce(
    throttle,
    addressKey(ctx.client.ip),
    'Too many sign-ups from this address; try again later',
  );
}

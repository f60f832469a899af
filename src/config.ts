import path from 'node:path';

export type Dialect = 'sqlite' | 'postgresql';

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `sqlite:<path>` or `postgres://…`. */
  databaseUrl: string;
  dialect: Dialect;
  /** File name for SQLite, connection string for PostgreSQL. */
  dbName: string;
  dbPoolMax: number;
  migrateOnStart: boolean;
  /**
   * The zero-setup demo: no DATABASE_URL (the default SQLite file) and NODE_ENV not set to
   * production. It loads the demo data and shows the landing page; introspection stays off
   * unless INTROSPECTION=true or NODE_ENV=development.
   */
  demoMode: boolean;
  /** Load the demo data (with its published passwords) into an empty database at start. */
  seedDemo: boolean;
  /** `open`: anyone may sign up; `closed`: accounts are made by `npm run user:create`. */
  signupMode: 'open' | 'closed';
  /** Counters of logIn and signUp attempts live in Redis when set (shared by every process). */
  redisUrl: string | null;
  /** Put before every Redis key, so that deployments sharing one Redis stay apart. */
  redisKeyPrefix: string;
  /** Consecutive failed logIns of one login from one address before that pair is blocked. */
  loginMaxFailures: number;
  loginBlockSeconds: number;
  /** Failed logIns from one address per day, whatever the login, before it is refused. */
  loginMaxFailuresPerIp: number;
  /** signUp attempts from one address per day. */
  signupMaxPerIp: number;
  sessionTtlHours: number;
  /** A session's `lastUsedAt` is written at most this often, so reads stay read-only. */
  sessionTouchSeconds: number;
  maxQueryDepth: number;
  maxPageSize: number;
  defaultPageSize: number;
  taskMaxDepth: number;
  /** The largest project `taskTree` answers; larger ones are read level by level. */
  taskTreeMaxNodes: number;
  /** Document limits, each refused with HTTP 400 before anything runs (README, Security). */
  maxQueryCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** The largest response body sent; a larger one is replaced by a RESPONSE_TOO_LARGE error. */
  maxResponseBytes: number;
  /** A full snapshot every this many document revisions; diffs between them. */
  documentSnapshotEvery: number;
  /** Largest document text accepted, in UTF-8 bytes. */
  documentMaxBytes: number;
  /**
   * Most lines added plus removed that a minimal document diff is searched for (its cost grows
   * with the square); a larger change is saved as a snapshot and diffed coarsely.
   */
  documentDiffMaxEditLength: number;
  introspection: boolean;
  landingPage: boolean;
  bodyLimit: string;
  /**
   * Browser origins (`https://app.example.com`) allowed to call /graphql cross-origin, without
   * credentials. Empty: no CORS headers at all, so browsers allow same-origin pages only.
   */
  corsOrigins: string[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const DEFAULT_SQLITE = 'sqlite:data/portico.sqlite';

function int(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function bool(env: Env, key: string, fallback: boolean): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${key} must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, key: string, allowed: readonly T[], fallback: T): T {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${key} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function parseDatabaseUrl(raw: string): { dialect: Dialect; dbName: string } {
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file)
      throw new ConfigError(
        'DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:data/portico.sqlite',
      );
    return { dialect: 'sqlite', dbName: file === ':memory:' ? file : path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      const url = new URL(raw);
      if (!url.pathname || url.pathname === '/') throw new Error('no database name');
    } catch (error) {
      throw new ConfigError(
        `DATABASE_URL is not a valid PostgreSQL URL (${(error as Error).message})`,
      );
    }
    return { dialect: 'postgresql', dbName: raw };
  }
  throw new ConfigError('DATABASE_URL must start with sqlite: or postgres:// (postgresql://)');
}

/** A comma-separated list of origins, each exactly as a browser sends it in `Origin`. */
function origins(env: Env, key: string): string[] {
  const list = (env[key] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of list) {
    let origin: string | null = null;
    try {
      const url = new URL(entry);
      if (url.protocol === 'http:' || url.protocol === 'https:') origin = url.origin;
    } catch {
      // Not a URL: refused below like any other entry that is not an origin.
    }
    // A path, a trailing slash, upper case or a default port never equals a browser's Origin,
    // so such an entry would silently match nothing.
    if (origin !== entry) {
      throw new ConfigError(
        `${key} must list origins like https://app.example.com (scheme, host, port only)` +
          `, got "${entry}"${origin ? ` (did you mean ${origin}?)` : ''}`,
      );
    }
  }
  return list;
}

function redisUrl(env: Env, key: string): string | null {
  const raw = env[key];
  if (!raw) return null;
  let protocol = '';
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // Not a URL: refused below.
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new ConfigError(`${key} must look like redis://host:6379 or rediss://…`);
  }
  return raw;
}

/** Reads and validates the configuration; throws a ConfigError naming the bad variable. */
export function loadConfig(env: Env = process.env): Config {
  // Unset means production: a forgotten NODE_ENV must not publish stack traces or the schema.
  const nodeEnv = oneOf(
    env,
    'NODE_ENV',
    ['development', 'production', 'test'] as const,
    'production',
  );
  const demoMode = !env.DATABASE_URL && env.NODE_ENV !== 'production';
  const exploring = nodeEnv !== 'production';
  const databaseUrl = env.DATABASE_URL || DEFAULT_SQLITE;
  const defaultPageSize = int(env, 'DEFAULT_PAGE_SIZE', 20, 1, 1000);
  const maxPageSize = int(env, 'MAX_PAGE_SIZE', 100, 1, 1000);
  if (defaultPageSize > maxPageSize) {
    throw new ConfigError(
      `DEFAULT_PAGE_SIZE (${defaultPageSize}) must not exceed MAX_PAGE_SIZE (${maxPageSize})`,
    );
  }
  const bodyLimit = env.BODY_LIMIT || '1mb';
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit)) {
    throw new ConfigError(`BODY_LIMIT must look like 100kb or 1mb, got "${bodyLimit}"`);
  }
  return {
    nodeEnv,
    host: env.HOST || '0.0.0.0',
    port: int(env, 'PORT', 4000, 0, 65535),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    databaseUrl,
    ...parseDatabaseUrl(databaseUrl),
    dbPoolMax: int(env, 'DB_POOL_MAX', 10, 1, 200),
    migrateOnStart: bool(env, 'MIGRATE_ON_START', true),
    demoMode,
    seedDemo: bool(env, 'SEED_DEMO', demoMode),
    signupMode: oneOf(env, 'SIGNUP_MODE', ['open', 'closed'] as const, 'open'),
    redisUrl: redisUrl(env, 'REDIS_URL'),
    redisKeyPrefix: env.REDIS_KEY_PREFIX || 'portico:',
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 10, 1, 1000),
    loginBlockSeconds: int(env, 'LOGIN_BLOCK_SECONDS', 3600, 1, 24 * 3600),
    loginMaxFailuresPerIp: int(env, 'LOGIN_MAX_FAILURES_PER_IP', 100, 1, 1_000_000),
    signupMaxPerIp: int(env, 'SIGNUP_MAX_PER_IP', 20, 1, 1_000_000),
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 24 * 14, 1, 24 * 365),
    sessionTouchSeconds: int(env, 'SESSION_TOUCH_SECONDS', 300, 0, 24 * 3600),
    maxQueryDepth: int(env, 'MAX_QUERY_DEPTH', 10, 2, 100),
    maxPageSize,
    defaultPageSize,
    taskMaxDepth: int(env, 'TASK_MAX_DEPTH', 5, 1, 50),
    taskTreeMaxNodes: int(env, 'TASK_TREE_MAX_NODES', 5000, 1, 1_000_000),
    maxQueryCost: int(env, 'MAX_QUERY_COST', 100_000, 1, 100_000_000),
    maxAliases: int(env, 'MAX_ALIASES', 30, 0, 10_000),
    maxDirectives: int(env, 'MAX_DIRECTIVES', 5, 0, 1000),
    maxTokens: int(env, 'MAX_TOKENS', 5000, 100, 1_000_000),
    maxResponseBytes: int(env, 'MAX_RESPONSE_BYTES', 8 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    documentSnapshotEvery: int(env, 'DOCUMENT_SNAPSHOT_EVERY', 20, 1, 1000),
    documentMaxBytes: int(env, 'DOCUMENT_MAX_BYTES', 512 * 1024, 1, 64 * 1024 * 1024),
    documentDiffMaxEditLength: int(env, 'DOCUMENT_DIFF_MAX_EDIT_LENGTH', 1000, 0, 5000),
    introspection: bool(env, 'INTROSPECTION', exploring),
    landingPage: bool(env, 'LANDING_PAGE', exploring || demoMode),
    bodyLimit,
    corsOrigins: origins(env, 'CORS_ORIGINS'),
  };
}

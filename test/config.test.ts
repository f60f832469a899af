import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

/** The ConfigError that `loadConfig(env)` throws (fails the test when it does not throw one). */
function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig(${JSON.stringify(env)}) did not throw`);
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment: production, but the demo on SQLite', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'production',
      host: '0.0.0.0',
      port: 4000,
      logLevel: 'info',
      databaseUrl: 'sqlite:data/portico.sqlite',
      dialect: 'sqlite',
      dbName: path.resolve('data/portico.sqlite'),
      migrateOnStart: true,
      demoMode: true,
      seedDemo: true,
      signupMode: 'open',
      sessionTouchSeconds: 300,
      defaultPageSize: 20,
      maxPageSize: 100,
      maxQueryDepth: 10,
      taskMaxDepth: 5,
      documentSnapshotEvery: 20,
      documentMaxBytes: 524288,
      documentDiffMaxEditLength: 1000,
      introspection: false,
      landingPage: true,
      bodyLimit: '1mb',
      corsOrigins: [],
    });
    expect(path.isAbsolute(config.dbName)).toBe(true);
  });

  it('turns introspection, the landing page and seeding off in production', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(config.nodeEnv).toBe('production');
    expect(config.introspection).toBe(false);
    expect(config.landingPage).toBe(false);
    expect(config.demoMode).toBe(false);
    expect(config.seedDemo).toBe(false);
  });

  it('behaves like production when NODE_ENV is unset: no introspection, no demo on a DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://localhost/portico' });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      introspection: false,
      landingPage: false,
      demoMode: false,
      seedDemo: false,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/p', SEED_DEMO: 'true' }).seedDemo).toBe(
      true,
    );
    expect(loadConfig({ INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('keeps introspection and the landing page on in development, with the demo on SQLite only', () => {
    expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({
      introspection: true,
      landingPage: true,
      demoMode: true,
      seedDemo: true,
    });
    expect(
      loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgres://localhost/p' }),
    ).toMatchObject({ introspection: true, demoMode: false, seedDemo: false });
  });

  it('reads SIGNUP_MODE and refuses an unknown one', () => {
    expect(loadConfig({ SIGNUP_MODE: 'closed' }).signupMode).toBe('closed');
    expect(configErrorOf({ SIGNUP_MODE: 'invite' }).message).toMatch(/SIGNUP_MODE/);
  });

  it('keeps introspection and the landing page on in test, and lets production opt back in', () => {
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({
      introspection: true,
      landingPage: true,
    });
    expect(
      loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true', LANDING_PAGE: 'yes' }),
    ).toMatchObject({ introspection: true, landingPage: true });
    expect(loadConfig({ INTROSPECTION: 'off', LANDING_PAGE: '0' })).toMatchObject({
      introspection: false,
      landingPage: false,
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', INTROSPECTION: '' })).toMatchObject({
      port: 4000,
      dialect: 'sqlite',
      introspection: false,
      demoMode: true,
    });
  });

  it.each(['postgres://u:p@db.example:5432/portico', 'postgresql://localhost/portico'])(
    'selects PostgreSQL for DATABASE_URL %s',
    (url) => {
      const config = loadConfig({ DATABASE_URL: url });
      expect(config.dialect).toBe('postgresql');
      expect(config.dbName).toBe(url);
      expect(config.databaseUrl).toBe(url);
    },
  );

  it('resolves a relative SQLite path and keeps :memory:', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:tmp/x.sqlite' }).dbName).toBe(
      path.resolve('tmp/x.sqlite'),
    );
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).dbName).toBe(':memory:');
  });

  it('reads numbers, levels and the body limit', () => {
    expect(
      loadConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        DEFAULT_PAGE_SIZE: '50',
        MAX_PAGE_SIZE: '50',
        MAX_QUERY_DEPTH: '4',
        TASK_MAX_DEPTH: '2',
        BODY_LIMIT: '100kb',
      }),
    ).toMatchObject({
      port: 0,
      logLevel: 'silent',
      defaultPageSize: 50,
      maxPageSize: 50,
      maxQueryDepth: 4,
      taskMaxDepth: 2,
      bodyLimit: '100kb',
    });
  });

  it('throttles logIn and signUp with the OWASP numbers by default, in memory', () => {
    expect(loadConfig({})).toMatchObject({
      redisUrl: null,
      redisKeyPrefix: 'portico:',
      loginMaxFailures: 10,
      loginBlockSeconds: 3600,
      loginMaxFailuresPerIp: 100,
      signupMaxPerIp: 20,
    });
    expect(
      loadConfig({
        REDIS_URL: 'rediss://user:secret@cache.example:6380/2',
        REDIS_KEY_PREFIX: 'staging:',
        LOGIN_MAX_FAILURES: '5',
        LOGIN_BLOCK_SECONDS: '900',
        LOGIN_MAX_FAILURES_PER_IP: '1000',
        SIGNUP_MAX_PER_IP: '3',
      }),
    ).toMatchObject({
      redisUrl: 'rediss://user:secret@cache.example:6380/2',
      redisKeyPrefix: 'staging:',
      loginMaxFailures: 5,
      loginBlockSeconds: 900,
      loginMaxFailuresPerIp: 1000,
      signupMaxPerIp: 3,
    });
  });

  it('does not repeat a refused REDIS_URL, which may hold a password', () => {
    const error = configErrorOf({ REDIS_URL: 'http://user:secret@cache.example' });
    expect(error.message).toContain('REDIS_URL');
    expect(error.message).not.toContain('secret');
  });

  it('has the documented document limits and refuses values out of range', () => {
    expect(loadConfig({})).toMatchObject({
      maxQueryCost: 100_000,
      maxAliases: 30,
      maxDirectives: 5,
      maxTokens: 5000,
      maxResponseBytes: 8 * 1024 * 1024,
      taskTreeMaxNodes: 5000,
    });
    expect(loadConfig({ MAX_QUERY_COST: '250000', MAX_ALIASES: '0' })).toMatchObject({
      maxQueryCost: 250_000,
      maxAliases: 0,
    });
    for (const [key, value] of [
      ['MAX_QUERY_COST', '0'],
      ['MAX_ALIASES', '-1'],
      ['MAX_TOKENS', '50'],
      ['MAX_RESPONSE_BYTES', '1kb'],
      ['TASK_TREE_MAX_NODES', '1.5'],
    ]) {
      expect(configErrorOf({ [key]: value }).message).toContain(key);
    }
  });

  it('reads CORS_ORIGINS as a list of origins', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173,' }).corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(loadConfig({ CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
  });

  it.each([
    ['https://app.example.com/', 'https://app.example.com'],
    ['https://App.example.com', 'https://app.example.com'],
    ['https://app.example.com:443', 'https://app.example.com'],
    ['https://app.example.com/graphql', 'https://app.example.com'],
  ])('refuses the CORS origin %j, which no browser sends, and suggests %j', (entry, origin) => {
    const error = configErrorOf({ CORS_ORIGINS: `http://localhost:3000,${entry}` });
    expect(error.message).toContain('CORS_ORIGINS');
    expect(error.message).toContain(`did you mean ${origin}?`);
  });

  it.each<[string, Record<string, string>]>([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['PORT', { PORT: '80.5' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['DATABASE_URL', { DATABASE_URL: 'sqlite:' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://localhost' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['MAX_PAGE_SIZE', { MAX_PAGE_SIZE: '0' }],
    ['DEFAULT_PAGE_SIZE', { DEFAULT_PAGE_SIZE: '0' }],
    ['DEFAULT_PAGE_SIZE', { DEFAULT_PAGE_SIZE: '50', MAX_PAGE_SIZE: '10' }],
    ['DEFAULT_PAGE_SIZE', { DEFAULT_PAGE_SIZE: '101' }],
    ['MAX_QUERY_DEPTH', { MAX_QUERY_DEPTH: '1' }],
    ['TASK_MAX_DEPTH', { TASK_MAX_DEPTH: '0' }],
    ['DOCUMENT_SNAPSHOT_EVERY', { DOCUMENT_SNAPSHOT_EVERY: '0' }],
    ['DOCUMENT_MAX_BYTES', { DOCUMENT_MAX_BYTES: 'big' }],
    ['DOCUMENT_DIFF_MAX_EDIT_LENGTH', { DOCUMENT_DIFF_MAX_EDIT_LENGTH: '5001' }],
    ['INTROSPECTION', { INTROSPECTION: 'maybe' }],
    ['LANDING_PAGE', { LANDING_PAGE: 'sometimes' }],
    ['MIGRATE_ON_START', { MIGRATE_ON_START: '2' }],
    ['BODY_LIMIT', { BODY_LIMIT: '10 GB' }],
    ['BODY_LIMIT', { BODY_LIMIT: 'lots' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: '*' }],
    ['REDIS_URL', { REDIS_URL: 'localhost:6379' }],
    ['REDIS_URL', { REDIS_URL: 'postgres://localhost/x' }],
    ['LOGIN_MAX_FAILURES', { LOGIN_MAX_FAILURES: '0' }],
    ['LOGIN_BLOCK_SECONDS', { LOGIN_BLOCK_SECONDS: '86401' }],
    ['LOGIN_MAX_FAILURES_PER_IP', { LOGIN_MAX_FAILURES_PER_IP: 'many' }],
    ['SIGNUP_MAX_PER_IP', { SIGNUP_MAX_PER_IP: '-1' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'app.example.com' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'ftp://app.example.com' }],
  ])('rejects a bad %s (%j) with a ConfigError naming it', (variable, env) => {
    const error = configErrorOf(env);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(variable);
  });
});

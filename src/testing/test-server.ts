import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FormattedExecutionResult } from 'graphql';
import pg from 'pg';
import { createPortico, type Portico } from '../app';
import { countStatements, type StatementTally } from '../common/sql-stats';
import { loadConfig, type Dialect } from '../config';
import { hashPassword } from '../modules/user/password';
import { Role } from '../modules/user/role.enum';
import { createSession } from '../modules/user/session.service';
import { User } from '../modules/user/user.entity';

export interface TestUser {
  id: string;
  username: string;
  email: string;
  password: string;
  role: Role;
  /** A live session's bearer token. */
  token: string;
}

export interface RunOptions {
  /** Run as this user (their bearer token goes through the real session lookup); anonymous if absent. */
  as?: TestUser | null;
}

export interface TestServer {
  portico: Portico;
  dialect: Dialect;
  /** Executes an operation in-process, with a fresh per-request context like an HTTP request's. */
  run<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RunOptions,
  ): Promise<FormattedExecutionResult<T>>;
  /** Like `run`, and counts the SQL statements it issued, the session lookup included. */
  measure<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RunOptions,
  ): Promise<{ result: FormattedExecutionResult<T>; statements: number; tally: StatementTally }>;
  /** Creates an active user with a real Argon2id hash and a session. */
  createUser(
    fields?: Partial<Pick<TestUser, 'username' | 'email' | 'password' | 'role'>>,
  ): Promise<TestUser>;
  /** Serves the Express app on an ephemeral port and returns its base URL (http://127.0.0.1:port). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  dialect?: Dialect;
  /** A PostgreSQL server URL; a fresh database is created on it. Defaults to TEST_DATABASE_URL. */
  postgresUrl?: string;
  /** Extra environment (e.g. MAX_PAGE_SIZE) for the server's configuration. */
  env?: Record<string, string>;
}

const hashes = new Map<string, Promise<string>>();
const cachedHash = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database (its own SQLite file or PostgreSQL database) and a server over it. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dialect = options.dialect ?? 'sqlite';
  const name = `portico_test_${randomBytes(6).toString('hex')}`;
  let databaseUrl: string;
  let dropDatabase: () => Promise<void>;
  if (dialect === 'postgresql') {
    const serverUrl = options.postgresUrl ?? process.env.TEST_DATABASE_URL;
    if (!serverUrl)
      throw new Error(
        'PostgreSQL tests need TEST_DATABASE_URL (the jest global setup provides one)',
      );
    await adminQuery(serverUrl, `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  } else {
    const file = path.join(tmpdir(), `${name}.sqlite`);
    databaseUrl = `sqlite:${file}`;
    dropDatabase = async () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    };
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    ...options.env,
    DATABASE_URL: databaseUrl,
  });
  const portico = await createPortico(config);
  const servers: { close(callback: () => void): void; closeAllConnections(): void }[] = [];

  const run: TestServer['run'] = async (query, variables, runOptions = {}) => {
    const contextValue = await portico.createRequestContext({
      token: runOptions.as?.token ?? null,
    });
    const response = await portico.apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single')
      throw new Error('incremental delivery is not used by Portico');
    return response.body.singleResult as FormattedExecutionResult<never>;
  };

  return {
    portico,
    dialect,
    run,
    async measure(query, variables, runOptions) {
      const { result, tally } = await countStatements(() => run(query, variables, runOptions));
      return { result: result as never, statements: tally.statements, tally };
    },
    async createUser(fields = {}) {
      const suffix = randomBytes(4).toString('hex');
      const username = fields.username ?? `user_${suffix}`;
      const password = fields.password ?? 'correct horse battery';
      const em = portico.orm.em.fork();
      const user = em.create(User, {
        username,
        email: fields.email ?? `${username}@example.test`,
        displayName: username,
        role: fields.role ?? Role.MEMBER,
        passwordHash: await cachedHash(password),
      });
      const { token } = createSession(em, user, config.sessionTtlHours);
      await em.flush();
      return { id: user.id, username, email: user.email, password, role: user.role, token };
    },
    async listen() {
      const server = portico.app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      servers.push(server);
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await portico.close();
      await dropDatabase();
    },
  };
}

import type { GraphQLFormattedError } from 'graphql';
import {
  DeadlockException,
  type DriverException,
  IsolationLevel,
  LockWaitTimeoutException,
} from '@mikro-orm/core';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { createFormatError } from '../src/common/format-error';
import { unitOfWorkPlugin } from '../src/common/unit-of-work.plugin';
import type { Dialect } from '../src/config';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects } from './support';

/**
 * Every failure here is produced for real by the database (a deadlock, a serialization failure,
 * a lock timeout, SQLITE_BUSY, an exclusion constraint, a trigger), then passed through the real
 * formatError, and through GraphQL where a mutation can be made to meet it.
 */

/** Throwaway tables, created per dialect and dropped after the suite. */
const TABLES: Record<Dialect, string[]> = {
  postgresql: [
    'create table errors_rows (id int primary key, note text)',
    `insert into errors_rows (id, note) values (1, 'one'), (2, 'two')`,
    'create table errors_classes (class int not null, value int not null)',
  ],
  sqlite: [
    'create table errors_rows (id integer primary key, note text)',
    `insert into errors_rows (id, note) values (1, 'one'), (2, 'two')`,
  ],
};

/** Throwaway triggers: one on errors_rows, one on the application's projects table. */
const TRIGGERS: Record<Dialect, string[]> = {
  postgresql: [
    `create function errors_refuse() returns trigger language plpgsql as $$
     begin raise exception 'Row % is refused by a trigger', new.id using detail = 'for the test'; end $$`,
    `create trigger errors_refuse before insert on errors_rows
     for each row when (new.id < 0) execute function errors_refuse()`,
    // Deferred to COMMIT, so that the unit of work's commit is what fails.
    `create function errors_refuse_project() returns trigger language plpgsql as $$
     begin raise exception 'Project % is refused by a trigger at commit', new.key; end $$`,
    `create constraint trigger errors_refuse_project after insert on projects
     deferrable initially deferred for each row when (new.name = 'Refused')
     execute function errors_refuse_project()`,
  ],
  sqlite: [
    `create trigger errors_refuse before insert on errors_rows when new.id < 0
     begin select raise(abort, 'Rows below zero are refused by a trigger'); end`,
    `create trigger errors_refuse_project before insert on projects when new.name = 'Refused'
     begin select raise(abort, 'Projects named Refused are refused by a trigger'); end`,
  ],
};

const TEARDOWN: Record<Dialect, string[]> = {
  postgresql: [
    'drop trigger if exists errors_refuse_project on projects',
    'drop function if exists errors_refuse_project()',
    'drop table if exists errors_rows, errors_classes, errors_bookings',
    'drop function if exists errors_refuse()',
  ],
  sqlite: ['drop trigger if exists errors_refuse_project', 'drop table if exists errors_rows'],
};

/** What the triggers raise: SQLSTATE P0001 on PostgreSQL, SQLITE_CONSTRAINT on SQLite. */
const TRIGGERED: Record<Dialect, { code: string; row: string; project: string }> = {
  postgresql: {
    code: 'P0001',
    row: 'Row -7 is refused by a trigger',
    project: 'Project RFS is refused by a trigger at commit',
  },
  sqlite: {
    code: 'SQLITE_CONSTRAINT',
    row: 'Rows below zero are refused by a trigger',
    project: 'Projects named Refused are refused by a trigger',
  },
};

const CREATE_PROJECT = `mutation Create($input: CreateProjectInput!) {
  createProject(input: $input) { id }
}`;

/** Two root fields, one transaction: the first locks project `second`, the second `first`. */
const CROSSED = `mutation Crossed($first: ID!, $second: ID!) {
  updateProject(id: $second, input: { name: "renamed by the mutation" }) { id }
  createTask(input: { projectId: $first, title: "waits for the lock" }) { id }
}`;

/** What an error that reached the server becomes on its way out. */
function formatterOf(server: TestServer) {
  const format = createFormatError(server.portico.logger, false);
  return (error: unknown): GraphQLFormattedError =>
    format({ message: (error as Error).message }, error);
}

/** Runs `action`, which must fail, and returns what it threw. */
async function failure(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the database to refuse this');
}

describe.each(dialects)('database errors on %s', (dialect) => {
  let server: TestServer;
  let user: TestUser;
  let format: (error: unknown) => GraphQLFormattedError;
  const em = () => server.portico.orm.em.fork();

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    user = await server.createUser();
    format = formatterOf(server);
    for (const sql of [...TABLES[dialect], ...TRIGGERS[dialect]]) await em().execute(sql);
  });
  afterAll(async () => {
    for (const sql of TEARDOWN[dialect]) await em().execute(sql);
    await server.close();
  });

  const createProject = (key: string, name: string) =>
    server.run<{ createProject: { id: string } }>(
      CREATE_PROJECT,
      { input: { key, name } },
      { as: user },
    );

  it('names the field that a class-validator rule refused in `extensions.field`', async () => {
    const result = await createProject('not a key', 'Valid name');
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions).toMatchObject({ field: 'key' });
    expect(result.errors![0].extensions!.validationErrors).toHaveLength(1);
  });

  it("answers a trigger's refusal with CONFLICT and the trigger's message", async () => {
    // The note puts " - " into the failed SQL that the drivers prefix to the message.
    const error = await failure(() =>
      em().execute('insert into errors_rows (id, note) values (?, ?)', [-7, 'a - b']),
    );
    expect((error as DriverException).code).toBe(TRIGGERED[dialect].code);
    expect(format(error)).toEqual({
      message: TRIGGERED[dialect].row,
      extensions: { code: 'CONFLICT' },
    });
  });

  it("answers a trigger's refusal of a mutation with CONFLICT and nothing committed", async () => {
    const result = await createProject('RFS', 'Refused');
    // On PostgreSQL the trigger is deferred: the unit of work's COMMIT is what fails.
    expect(codesOf(result)).toEqual(['CONFLICT']);
    expect(result.errors![0].message).toBe(TRIGGERED[dialect].project);
    expect(result.errors![0].extensions).toEqual({ code: 'CONFLICT' });
    expect(result.data).toBeNull();
    expect(result.extensions).toEqual({ transaction: 'ROLLED_BACK' });
    expect(await em().count('Project', { key: 'RFS' })).toBe(0);
  });
});

/** A second connection to the test's PostgreSQL database, closed by the caller. */
async function pgClient(server: TestServer): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: server.portico.config.dbName });
  await client.connect();
  return client;
}

async function backendPid(query: (sql: string) => Promise<{ pid: number }[]>): Promise<number> {
  const [row] = await query('select pg_backend_pid() as pid');
  return Number(row.pid);
}

/**
 * Waits, by asking PostgreSQL rather than by sleeping, until some backend waits for a lock that
 * `holder` holds; returns that backend's pid.
 */
async function blockedBy(watch: pg.Client, holder: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await watch.query<{ pid: number }>(
      'select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))',
      [holder],
    );
    if (rows.length) return rows[0].pid;
    if (Date.now() > deadline) throw new Error(`nothing waited for backend ${holder}`);
  }
}

describe('lost races on postgresql', () => {
  let server: TestServer;
  let user: TestUser;
  let format: (error: unknown) => GraphQLFormattedError;
  /** The test's own connection, which holds the locks that the server's connections meet. */
  let other: pg.Client;
  let otherPid: number;
  /** A third connection, which only watches who waits for whom. */
  let watch: pg.Client;
  const em = () => server.portico.orm.em.fork();
  /** A transaction on one of the server's pooled connections, and its backend's pid. */
  const transaction = async (isolationLevel?: IsolationLevel) => {
    const tx = em();
    await tx.begin({ isolationLevel });
    return { tx, pid: await backendPid((sql) => tx.execute(sql)) };
  };

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'postgresql' });
    user = await server.createUser();
    format = formatterOf(server);
    other = await pgClient(server);
    otherPid = await backendPid(async (sql) => (await other.query(sql)).rows);
    watch = await pgClient(server);
    for (const sql of TABLES.postgresql) await em().execute(sql);
  });
  afterAll(async () => {
    await other?.end();
    await watch?.end();
    for (const sql of TEARDOWN.postgresql) await em().execute(sql);
    await server.close();
  });
  // Whatever a test leaves open on the test's own connection is rolled back.
  afterEach(() => other.query('rollback'));

  it('answers the victim of a deadlock with a retryable CONFLICT', async () => {
    const { tx, pid } = await transaction();
    // This side checks for a deadlock first, so it is the victim, and soon.
    await tx.execute(`set local deadlock_timeout = '50ms'`);
    await other.query('begin');
    await other.query(`set local deadlock_timeout = '10s'`);
    await other.query('select id from errors_rows where id = 1 for update');
    await tx.execute('select id from errors_rows where id = 2 for update');
    const otherWaits = other.query('select id from errors_rows where id = 2 for update');
    expect(await blockedBy(watch, pid)).toBe(otherPid);
    const error = await failure(() =>
      tx.execute('select id from errors_rows where id = 1 for update'),
    );
    await tx.rollback();
    await otherWaits;
    expect(error).toBeInstanceOf(DeadlockException);
    expect((error as DeadlockException).code).toBe('40P01');
    expect(format(error)).toEqual({
      message: 'The operation deadlocked with a concurrent one; retry the operation',
      extensions: { code: 'CONFLICT', retryable: true },
    });
  });

  it('answers a serialization failure at COMMIT, through the unit of work, as retryable', async () => {
    // Write skew: each SERIALIZABLE transaction sums one class and inserts into the other.
    const { tx } = await transaction(IsolationLevel.SERIALIZABLE);
    await tx.execute('select sum(value) from errors_classes where class = 1');
    await other.query('begin isolation level serializable');
    await other.query('select sum(value) from errors_classes where class = 2');
    await tx.execute('insert into errors_classes (class, value) values (2, 10)');
    await other.query('insert into errors_classes (class, value) values (1, 20)');
    await other.query('commit');

    // The plugin's own commit step, as after a mutation whose root fields all succeeded.
    const plugin = unitOfWorkPlugin(createFormatError(server.portico.logger, false));
    const listener = await plugin.requestDidStart!({} as never);
    const result: { data?: unknown; errors?: GraphQLFormattedError[]; extensions?: object } = {
      data: { done: true },
    };
    await listener!.willSendResponse!({
      contextValue: { em: tx },
      errors: undefined,
      response: { body: { kind: 'single', singleResult: result } },
    } as never);

    expect(result.data).toBeNull();
    expect(result.extensions).toEqual({ transaction: 'ROLLED_BACK' });
    expect(result.errors).toEqual([
      {
        message: 'The operation conflicted with a concurrent transaction; retry the operation',
        extensions: { code: 'CONFLICT', retryable: true },
      },
    ]);
    expect(tx.isInTransaction()).toBe(false);
    const rows = await em().execute('select class, value from errors_classes order by class');
    expect(rows).toEqual([{ class: 1, value: 20 }]);
  });

  it('answers a lock timeout with a retryable CONFLICT', async () => {
    await other.query('begin');
    await other.query('select id from errors_rows where id = 1 for update');
    const { tx } = await transaction();
    await tx.execute(`set local lock_timeout = '50ms'`);
    const error = await failure(() =>
      tx.execute('select id from errors_rows where id = 1 for update'),
    );
    await tx.rollback();
    expect((error as DriverException).code).toBe('55P03');
    expect(format(error)).toEqual({
      message: 'A record was locked by a concurrent operation; retry the operation',
      extensions: { code: 'CONFLICT', retryable: true },
    });
  });

  it('answers an exclusion violation (an overlap) with CONFLICT, not retryable', async () => {
    // btree_gist gives the gist index equality on text, beside the range's overlap.
    await em().execute('create extension if not exists btree_gist');
    await em().execute(`create table errors_bookings (
      room text not null,
      during tstzrange not null,
      exclude using gist (room with =, during with &&))`);
    await em().execute(
      `insert into errors_bookings values ('blue', '[2030-01-01 09:00Z, 2030-01-01 10:00Z)')`,
    );
    // The other room, and the same room back to back, do not overlap.
    await em().execute(
      `insert into errors_bookings values ('red', '[2030-01-01 09:00Z, 2030-01-01 10:00Z)'),
       ('blue', '[2030-01-01 10:00Z, 2030-01-01 11:00Z)')`,
    );
    const error = await failure(() =>
      em().execute(
        `insert into errors_bookings values ('blue', '[2030-01-01 09:30Z, 2030-01-01 10:30Z)')`,
      ),
    );
    expect((error as DriverException).code).toBe('23P01');
    expect(format(error)).toEqual({
      message: 'The record overlaps or conflicts with another',
      extensions: { code: 'CONFLICT' },
    });
  });

  it('answers a mutation chosen as a deadlock victim with a retryable CONFLICT', async () => {
    const create = async (key: string) =>
      (
        await server.run<{ createProject: { id: string } }>(
          CREATE_PROJECT,
          { input: { key, name: key } },
          { as: user },
        )
      ).data!.createProject.id;
    const first = await create('DLA');
    const second = await create('DLB');
    // The mutation's connection keeps the default deadlock_timeout (1 s), so it is the victim.
    await other.query('begin');
    await other.query(`set local deadlock_timeout = '10s'`);
    await other.query('select id from projects where id = $1 for update', [first]);
    const mutation = server.run(CROSSED, { first, second }, { as: user });
    // The mutation has renamed (and so locked) `second` and waits for `first`.
    await blockedBy(watch, otherPid);
    const otherWaits = other.query('update projects set name = $2 where id = $1', [
      second,
      'renamed by the test',
    ]);
    const result = await mutation;
    await otherWaits;
    await other.query('rollback');

    expect(codesOf(result)).toEqual(['CONFLICT']);
    expect(result.errors![0]).toMatchObject({
      message: 'The operation deadlocked with a concurrent one; retry the operation',
      path: ['createTask'],
      extensions: { code: 'CONFLICT', retryable: true },
    });
    expect(result.data).toBeNull();
    expect(result.extensions).toEqual({ transaction: 'ROLLED_BACK' });
    const [row] = await em().execute('select name from projects where id = ?', [second]);
    expect(row.name).toBe('DLB');
  });
});

describe('lost races on sqlite', () => {
  let server: TestServer;
  let user: TestUser;
  let format: (error: unknown) => GraphQLFormattedError;
  const em = () => server.portico.orm.em.fork();

  /** A second connection to the test's SQLite file that holds the write lock until released. */
  async function holdWriteLock(): Promise<{ release(): Promise<void> }> {
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const opened: sqlite3.Database = new sqlite3.Database(
        server.portico.config.dbName,
        (error) => (error ? reject(error) : resolve(opened)),
      );
    });
    const run = (sql: string) =>
      new Promise<void>((resolve, reject) =>
        db.run(sql, (error) => (error ? reject(error) : resolve())),
      );
    await run('begin immediate');
    return {
      release: async () => {
        await run('rollback');
        await new Promise<void>((resolve, reject) =>
          db.close((error) => (error ? reject(error) : resolve())),
        );
      },
    };
  }

  /**
   * Runs `action` against a write lock held by another connection, with the server's one
   * connection waiting 50 ms for it instead of its configured 5 s.
   */
  async function whileLocked<T>(action: () => Promise<T>): Promise<T> {
    await em().execute('pragma busy_timeout = 50');
    const lock = await holdWriteLock();
    try {
      return await action();
    } finally {
      await lock.release();
      await em().execute('pragma busy_timeout = 5000');
    }
  }

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite' });
    user = await server.createUser();
    format = formatterOf(server);
    for (const sql of TABLES.sqlite) await em().execute(sql);
  });
  afterAll(async () => {
    await em().execute('drop table if exists errors_rows');
    await server.close();
  });

  it('answers SQLITE_BUSY with a retryable CONFLICT', async () => {
    const error = await whileLocked(() =>
      failure(() => em().execute(`insert into errors_rows (id, note) values (10, 'x')`)),
    );
    expect(error).toBeInstanceOf(LockWaitTimeoutException);
    expect((error as DriverException).code).toBe('SQLITE_BUSY');
    expect(format(error)).toEqual({
      message: 'The database was busy with a concurrent write; retry the operation',
      extensions: { code: 'CONFLICT', retryable: true },
    });
    // Once the lock is gone, the same write goes through.
    await em().execute(`insert into errors_rows (id, note) values (10, 'x')`);
  });

  it('answers a mutation that meets a busy database with a retryable CONFLICT', async () => {
    const run = () =>
      server.run(CREATE_PROJECT, { input: { key: 'BSY', name: 'Busy' } }, { as: user });
    const result = await whileLocked(run);
    expect(codesOf(result)).toEqual(['CONFLICT']);
    expect(result.errors![0]).toMatchObject({
      message: 'The database was busy with a concurrent write; retry the operation',
      extensions: { code: 'CONFLICT', retryable: true },
    });
    expect(result.data).toBeNull();
    expect(result.extensions).toEqual({ transaction: 'ROLLED_BACK' });
    // Retried once the lock is gone, it commits.
    const retried = await run();
    expect(retried.errors).toBeUndefined();
    expect(retried.extensions).toEqual({ transaction: 'COMMITTED' });
  });
});

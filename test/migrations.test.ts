import { randomUUID } from 'node:crypto';
import type { Dialect } from '../src/config';
import type { Orm } from '../src/db/database';
import { startTestServer, type TestServer } from '../src/testing/test-server';
import { dialects } from './support';

const TABLES = [
  'users',
  'sessions',
  'projects',
  'project_watchers',
  'project_stakeholders',
  'project_members',
  'tasks',
  'task_dependencies',
  'todos',
  'task_events',
  'categories',
  'tags',
  'documents',
  'document_tags',
  'document_revisions',
  'document_contents',
  'document_search',
  'shifts',
  'handoffs',
  'handoff_events',
  'plans',
  'plan_activities',
  'plan_share_links',
  'venues',
  'venue_hours',
  'venue_closures',
  'venue_managers',
  'bookings',
  'booking_changes',
];

/** SQLite's FTS5 keeps its index in shadow tables named after the search table. */
const isFtsShadow = (name: string) => /^document_search_/.test(name);

/** Rows of a raw statement, on either dialect. */
async function rows<T>(orm: Orm, sql: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.fork().getConnection().execute<T[]>(sql, params);
}

async function tableNames(orm: Orm, dialect: Dialect): Promise<string[]> {
  const result =
    dialect === 'sqlite'
      ? await rows<{ name: string }>(
          orm,
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
        )
      : await rows<{ name: string }>(
          orm,
          'select tablename as name from pg_tables where schemaname = current_schema()',
        );
  return result
    .map((row) => row.name)
    .filter((name) => !isFtsShadow(name))
    .sort();
}

/** Every index of the schema: its name, table and columns in order. */
async function indexes(
  orm: Orm,
  dialect: Dialect,
): Promise<{ name: string; table: string; columns: string[] }[]> {
  if (dialect === 'postgresql') {
    const result = await rows<{ name: string; table: string; columns: string[] }>(
      orm,
      `select ic.relname as name, t.relname as "table",
              array(select a.attname::text from unnest(i.indkey) with ordinality k(attnum, n)
                    join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
                    order by k.n) as columns
         from pg_index i
         join pg_class ic on ic.oid = i.indexrelid
         join pg_class t on t.oid = i.indrelid
         join pg_namespace ns on ns.oid = t.relnamespace
        where ns.nspname = current_schema()`,
    );
    return result;
  }
  const all: { name: string; table: string; columns: string[] }[] = [];
  for (const table of await tableNames(orm, dialect)) {
    const list = await rows<{ name: string }>(orm, `pragma index_list('${table}')`);
    for (const { name } of list) {
      const info = await rows<{ seqno: number; name: string }>(orm, `pragma index_info('${name}')`);
      all.push({
        name,
        table,
        columns: info.sort((a, b) => a.seqno - b.seqno).map((column) => column.name),
      });
    }
  }
  return all;
}

/** Every foreign key column, as table.column. */
async function foreignKeyColumns(orm: Orm, dialect: Dialect): Promise<string[]> {
  if (dialect === 'postgresql') {
    const result = await rows<{ table: string; column: string }>(
      orm,
      `select t.relname as "table", a.attname as "column"
         from pg_constraint c
         join pg_class t on t.oid = c.conrelid
         join pg_namespace ns on ns.oid = t.relnamespace
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
        where c.contype = 'f' and ns.nspname = current_schema()`,
    );
    return result.map((row) => `${row.table}.${row.column}`).sort();
  }
  const columns: string[] = [];
  for (const table of await tableNames(orm, dialect)) {
    const keys = await rows<{ from: string }>(orm, `pragma foreign_key_list('${table}')`);
    columns.push(...keys.map((key) => `${table}.${key.from}`));
  }
  return columns.sort();
}

/** The DDL statement as SQLite stores it in sqlite_master (it upper-cases the leading keywords). */
const normalizeDdl = (sql: string) =>
  sql
    .trim()
    .replace(/;$/, '')
    .replace(/^create (unique )?(table|index)/i, (keywords) => keywords.toLowerCase());

/**
 * The migrated schema is the one the entities describe.
 *
 * On PostgreSQL the schema generator diffs the live schema against the entities. On SQLite it
 * cannot: MikroORM 6 does not read CHECK constraints back from SQLite (so it always "adds" every
 * named check, with an ALTER TABLE that SQLite does not even support) and misreads enum check
 * lists. SQLite keeps each CREATE statement verbatim, so there the stored DDL must equal, statement
 * for statement, what the generator would create from the entities.
 */
async function expectSchemaMatchesEntities(orm: Orm, dialect: Dialect): Promise<void> {
  const generator = orm.getSchemaGenerator();
  if (dialect === 'postgresql') {
    expect((await generator.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
    return;
  }
  const expected = (await generator.getCreateSchemaSQL({ wrap: false }))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(normalizeDdl)
    .sort();
  const stored = (
    await rows<{ sql: string }>(
      orm,
      `select sql from sqlite_master
        where sql is not null and type <> 'trigger'
          and tbl_name not in ('mikro_orm_migrations', 'sqlite_sequence')
          and tbl_name not like 'document_search%'`,
    )
  )
    .map((row) => normalizeDdl(row.sql))
    .sort();
  expect(expected.length).toBeGreaterThan(TABLES.length);
  expect(stored).toEqual(expected);
}

describe.each(dialects)('migrations on %s', (dialect) => {
  let server: TestServer;
  let orm: Orm;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    orm = server.portico.orm;
  });

  afterAll(async () => {
    await server?.close();
  });

  it('applied every migration and left none pending', async () => {
    const migrator = orm.getMigrator();
    expect(await migrator.getPendingMigrations()).toEqual([]);
    expect((await migrator.getExecutedMigrations()).length).toBeGreaterThan(0);
    expect(await tableNames(orm, dialect)).toEqual(
      expect.arrayContaining([...TABLES, 'mikro_orm_migrations']),
    );
  });

  it('matches the entities: the schema generator finds nothing to change', async () => {
    await expectSchemaMatchesEntities(orm, dialect);
  });

  describe('constraints hold without input validation', () => {
    const knex = () => orm.em.fork().getKnex();
    const now = () => new Date();
    let userId: string;
    let projectId: string;

    const userRow = (fields: Record<string, unknown> = {}) => {
      const suffix = randomUUID().slice(0, 8);
      return {
        id: randomUUID(),
        created_at: now(),
        updated_at: now(),
        email: `db_${suffix}@example.test`,
        username: `db_${suffix}`,
        display_name: 'Raw row',
        password_hash: 'x',
        ...fields,
      };
    };
    const projectRow = (fields: Record<string, unknown> = {}) => ({
      id: randomUUID(),
      created_at: now(),
      updated_at: now(),
      key: `K${randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`,
      name: 'Raw project',
      lead_id: userId,
      ...fields,
    });
    const taskRow = (fields: Record<string, unknown> = {}) => ({
      id: randomUUID(),
      created_at: now(),
      updated_at: now(),
      project_id: projectId,
      title: 'Raw task',
      ...fields,
    });

    beforeAll(async () => {
      const user = userRow();
      const project = projectRow({ lead_id: user.id });
      userId = user.id;
      projectId = project.id;
      await knex()('users').insert(user);
      await knex()('projects').insert(project);
      await knex()('tasks').insert(taskRow());
    });

    it('accepts valid rows (the baseline the failures differ from)', async () => {
      await expect(knex()('tasks').insert(taskRow({ status: 'DONE' }))).resolves.toBeDefined();
      await expect(knex()('users').insert(userRow({ username: 'abc' }))).resolves.toBeDefined();
      const [{ count }] = await knex()('tasks').where({ project_id: projectId }).count({
        count: '*',
      });
      expect(Number(count)).toBe(2);
    });

    it('refuses a task status outside the enum (CHECK)', async () => {
      await expect(knex()('tasks').insert(taskRow({ status: 'NOPE' }))).rejects.toThrow(
        /check constraint/i,
      );
    });

    it('refuses a priority outside the enum and a negative position (CHECK)', async () => {
      await expect(knex()('tasks').insert(taskRow({ priority: 'URGENT' }))).rejects.toThrow(
        /check constraint/i,
      );
      await expect(knex()('tasks').insert(taskRow({ position: -1 }))).rejects.toThrow(
        /check constraint/i,
      );
      await expect(knex()('projects').insert(projectRow({ status: 'NOPE' }))).rejects.toThrow(
        /check constraint/i,
      );
    });

    it('refuses a 2-character username (CHECK)', async () => {
      await expect(knex()('users').insert(userRow({ username: 'ab' }))).rejects.toThrow(
        /check constraint/i,
      );
    });

    it('refuses a 1-character project key (CHECK)', async () => {
      await expect(knex()('projects').insert(projectRow({ key: 'A' }))).rejects.toThrow(
        /check constraint/i,
      );
    });

    it('refuses a duplicate project key, username and e-mail (unique)', async () => {
      const project = projectRow();
      await knex()('projects').insert(project);
      await expect(knex()('projects').insert(projectRow({ key: project.key }))).rejects.toThrow(
        /unique/i,
      );
      const user = userRow();
      await knex()('users').insert(user);
      await expect(knex()('users').insert(userRow({ username: user.username }))).rejects.toThrow(
        /unique/i,
      );
      await expect(knex()('users').insert(userRow({ email: user.email }))).rejects.toThrow(
        /unique/i,
      );
    });

    it('refuses a task of a missing project or parent (foreign key)', async () => {
      await expect(knex()('tasks').insert(taskRow({ project_id: randomUUID() }))).rejects.toThrow(
        /foreign key/i,
      );
      await expect(knex()('tasks').insert(taskRow({ parent_id: randomUUID() }))).rejects.toThrow(
        /foreign key/i,
      );
    });

    it('refuses a watcher or a dependency pointing nowhere (foreign key)', async () => {
      await expect(
        knex()('project_watchers').insert({
          project_id: projectId,
          user_id: randomUUID(),
          created_at: now(),
        }),
      ).rejects.toThrow(/foreign key/i);
      const task = taskRow();
      await knex()('tasks').insert(task);
      await expect(
        knex()('task_dependencies').insert({
          task_id: task.id,
          blocked_by_id: randomUUID(),
          created_at: now(),
        }),
      ).rejects.toThrow(/foreign key/i);
    });

    it('refuses to delete a user who leads a project (restrict)', async () => {
      await expect(knex()('users').where({ id: userId }).delete()).rejects.toThrow(/foreign key/i);
    });

    it('cascades a project delete to its tasks', async () => {
      const project = projectRow();
      await knex()('projects').insert(project);
      await knex()('tasks').insert(taskRow({ project_id: project.id }));
      await knex()('projects').where({ id: project.id }).delete();
      const [{ count }] = await knex()('tasks').where({ project_id: project.id }).count({
        count: '*',
      });
      expect(Number(count)).toBe(0);
    });
  });

  describe('indexes', () => {
    it.each([
      ['projects', 'projects_status_priority_index', ['status', 'priority']],
      ['projects', 'projects_created_at_index', ['created_at']],
      ['projects', 'projects_lead_id_index', ['lead_id']],
      ['tasks', 'tasks_project_id_position_index', ['project_id', 'position']],
      ['tasks', 'tasks_status_priority_index', ['status', 'priority']],
      ['tasks', 'tasks_parent_id_project_id_index', ['parent_id', 'project_id']],
      ['tasks', 'tasks_parent_id_position_index', ['parent_id', 'position']],
      ['tasks', 'tasks_assignee_id_index', ['assignee_id']],
      ['task_events', 'task_events_task_id_index', ['task_id']],
      ['task_events', 'task_events_actor_id_index', ['actor_id']],
      ['task_dependencies', 'task_dependencies_blocked_by_id_index', ['blocked_by_id']],
      ['project_watchers', 'project_watchers_user_id_index', ['user_id']],
      ['project_stakeholders', 'project_stakeholders_user_id_index', ['user_id']],
      ['todos', 'todos_task_id_position_index', ['task_id', 'position']],
      ['sessions', 'sessions_user_id_index', ['user_id']],
      ['documents', 'documents_project_id_index', ['project_id']],
      ['documents', 'documents_category_id_index', ['category_id']],
      ['documents', 'documents_author_id_index', ['author_id']],
      ['documents', 'documents_updated_at_index', ['updated_at']],
      ['document_tags', 'document_tags_tag_id_index', ['tag_id']],
      [
        'document_revisions',
        'document_revisions_document_id_number_unique',
        ['document_id', 'number'],
      ],
      ['document_revisions', 'document_revisions_author_id_index', ['author_id']],
      ['shifts', 'shifts_key_unique', ['key']],
      ['handoffs', 'handoffs_board_index', ['shift_id', 'priority_rank', 'due_date', 'id']],
      ['handoffs', 'handoffs_shift_id_status_index', ['shift_id', 'status']],
      ['handoffs', 'handoffs_status_created_at_index', ['status', 'created_at']],
      ['handoffs', 'handoffs_assignee_id_priority_index', ['assignee_id', 'priority']],
      ['handoffs', 'handoffs_reporter_id_status_index', ['reporter_id', 'status']],
      ['handoffs', 'handoffs_due_date_index', ['due_date']],
      ['handoff_events', 'handoff_events_handoff_id_index', ['handoff_id']],
      ['plans', 'plans_owner_id_updated_at_index', ['owner_id', 'updated_at', 'id']],
      ['plans', 'plans_status_index', ['status']],
      ['plans', 'plans_public_index', ['updated_at', 'id']],
      ['plan_activities', 'plan_activities_plan_id_order_index_index', ['plan_id', 'order_index']],
      ['plan_activities', 'plan_activities_activity_type_index', ['activity_type']],
      ['plan_share_links', 'plan_share_links_token_hash_index', ['token_hash']],
      ['venue_managers', 'venue_managers_user_id_index', ['user_id']],
      ['bookings', 'bookings_venue_id_starts_at_index', ['venue_id', 'starts_at']],
      ['bookings', 'bookings_booked_by_id_status_index', ['booked_by_id', 'status']],
    ])('%s has %s on %j', async (table, name, columns) => {
      const all = await indexes(orm, dialect);
      expect(all).toContainEqual({ name, table, columns });
    });

    it('has a GIN index on plan data on PostgreSQL only (SQLite filters data path by path)', async () => {
      const gin = (await indexes(orm, dialect)).filter(
        (index) => index.name === 'plans_data_index',
      );
      expect(gin).toEqual(
        dialect === 'postgresql'
          ? [{ name: 'plans_data_index', table: 'plans', columns: ['data'] }]
          : [],
      );
    });

    it('has an index led by every foreign-key column', async () => {
      const leading = new Set(
        (await indexes(orm, dialect)).map((index) => `${index.table}.${index.columns[0]}`),
      );
      const foreignKeys = await foreignKeyColumns(orm, dialect);
      expect(foreignKeys.length).toBeGreaterThanOrEqual(14);
      expect(foreignKeys.filter((column) => !leading.has(column))).toEqual([]);
    });
  });
});

describe.each(dialects)('migrating down and up again on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('reverts every table and re-creates them', async () => {
    const orm = server.portico.orm;
    // Rows in every kind of table, so the down migration has references to get past.
    const lead = await server.createUser();
    const created = await server.run<{ createProject: { id: string } }>(
      'mutation { createProject(input: { key: "DOWN", name: "Down" }) { id } }',
      undefined,
      { as: lead },
    );
    expect(created.errors).toBeUndefined();
    const task = await server.run(
      'mutation ($projectId: ID!) { createTask(input: { projectId: $projectId, title: "T" }) { id } }',
      { projectId: created.data!.createProject.id },
      { as: lead },
    );
    expect(task.errors).toBeUndefined();
    const migrator = orm.getMigrator();
    const executed = await migrator.getExecutedMigrations();

    const reverted = await migrator.down({ to: 0 });
    expect(reverted.map((migration) => migration.name).sort()).toEqual(
      executed.map((migration) => migration.name).sort(),
    );
    expect(await migrator.getExecutedMigrations()).toEqual([]);
    expect(await tableNames(orm, dialect)).toEqual(['mikro_orm_migrations']);

    const applied = await migrator.up();
    expect(applied.length).toBe(executed.length);
    expect(await migrator.getPendingMigrations()).toEqual([]);
    expect(await tableNames(orm, dialect)).toEqual([...TABLES, 'mikro_orm_migrations'].sort());
    await expectSchemaMatchesEntities(orm, dialect);

    // The re-created schema works end to end: a new user signs in over the API.
    const user = await server.createUser();
    const result = await server.run<{ me: { username: string } }>(
      '{ me { username } }',
      undefined,
      { as: user },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.me.username).toBe(user.username);
  });
});

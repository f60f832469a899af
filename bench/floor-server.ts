import { createServer, type Server } from 'node:http';
import pg from 'pg';

/**
 * The floor: what the hardware and PostgreSQL allow for operations 3 and 4 without GraphQL or an
 * ORM — one hand-written statement builds the whole response as JSON (json_agg over correlated
 * subqueries), and the server sends that text as it comes. No authentication, no validation.
 */

const user = (column: string) =>
  `(select json_build_object('username', u.username) from users u where u.id = ${column})`;
const blockers = (task: string) =>
  `coalesce((select json_agg(json_build_object('title', b.title) order by b.id)
     from task_dependencies d join tasks b on b.id = d.blocked_by_id where d.task_id = ${task}.id), '[]'::json)`;
const todos = (task: string) =>
  `coalesce((select json_agg(json_build_object('text', td.text, 'done', td.done) order by td.position, td.id)
     from todos td where td.task_id = ${task}.id), '[]'::json)`;
const children = (parent: string, limit: number, fields: (alias: string) => string) =>
  `json_build_object('nodes', coalesce((select json_agg(json_build_object(${fields('s')}) order by s.position, s.id)
     from (select * from tasks c where c.parent_id = ${parent}.id order by c.position, c.id limit ${limit}) s), '[]'::json))`;

const BOARD = `
select json_build_object('data', json_build_object('project', (
  select json_build_object('id', p.id, 'key', p.key, 'name', p.name, 'rootTasks', json_build_object('nodes', coalesce((
    select json_agg(json_build_object(
      'id', t.id, 'title', t.title, 'status', t.status, 'position', t.position,
      'assignee', ${user('t.assignee_id')}, 'blockedBy', ${blockers('t')}, 'todos', ${todos('t')},
      'subtasks', ${children(
        't',
        10,
        (
          s,
        ) => `'id', ${s}.id, 'title', ${s}.title, 'status', ${s}.status, 'position', ${s}.position,
          'assignee', ${user(`${s}.assignee_id`)}, 'blockedBy', ${blockers(s)}, 'todos', ${todos(s)}`,
      )}) order by t.position, t.id)
    from (select * from tasks r where r.project_id = p.id and r.parent_id is null order by r.position, r.id limit 25) t
  ), '[]'::json)))
  from projects p where p.id = $1)))::text as body`;

const MEDIUM_TREE = `
select json_build_object('data', json_build_object('projects', json_build_object('nodes', coalesce((
  select json_agg(json_build_object('id', p.id, 'key', p.key, 'rootTasks', json_build_object('nodes', coalesce((
    select json_agg(json_build_object('id', t.id, 'title', t.title, 'assignee', ${user('t.assignee_id')},
      'subtasks', ${children('t', 5, (s) => `'id', ${s}.id, 'title', ${s}.title, 'assignee', ${user(`${s}.assignee_id`)}`)}
    ) order by t.position, t.id)
    from (select * from tasks r where r.project_id = p.id and r.parent_id is null order by r.position, r.id limit 10) t
  ), '[]'::json))) order by p.key, p.id)
  from (select * from projects order by key, id limit 20) p
), '[]'::json))))::text as body`;

const statements: Record<
  string,
  { sql: string; params: (variables: Record<string, unknown>) => unknown[] }
> = {
  Board: { sql: BOARD, params: (variables) => [variables.id] },
  MediumTree: { sql: MEDIUM_TREE, params: () => [] },
};

export function startFloorServer(
  databaseUrl: string,
  port: number,
  poolSize: number,
): Promise<Server> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        operationName: string;
        variables?: Record<string, unknown>;
      };
      const statement = statements[body.operationName];
      if (!statement) {
        res.writeHead(404).end();
        return;
      }
      pool
        .query<{ body: string }>({
          text: statement.sql,
          values: statement.params(body.variables ?? {}),
        })
        .then(({ rows }) => {
          res.writeHead(200, { 'content-type': 'application/json' }).end(rows[0].body);
        })
        .catch((error: Error) => res.writeHead(500).end(error.message));
    });
  });
  server.on('close', () => void pool.end());
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

// Run as its own process (pinned to the server's core) by the harness.
if (require.main === module) {
  const [databaseUrl, port, poolSize] = process.argv.slice(2);
  void startFloorServer(databaseUrl, Number(port), Number(poolSize)).then(() =>
    process.stdout.write('ready\n'),
  );
}

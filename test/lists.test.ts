import { randomUUID } from 'node:crypto';
import { uuidv7 } from '../src/common/uuid';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects } from './support';

interface Page<T> {
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

describe.each(dialects)('lists on %s', (dialect) => {
  let server: TestServer;
  let lead: TestUser;
  let projectId: string;
  const titles: string[] = [];

  beforeAll(async () => {
    // The 100,000-task tree below is past the defaults of both limits, on purpose.
    server = await startTestServer({
      dialect,
      env: { TASK_TREE_MAX_NODES: '100000', MAX_QUERY_COST: '10000000' },
    });
    lead = await server.createUser();
    const created = await server.run<{ createProject: { id: string } }>(
      'mutation { createProject(input: { key: "LIST", name: "Lists" }) { id } }',
      {},
      { as: lead },
    );
    projectId = created.data!.createProject.id;
    // Seven root tasks; the odd ones have a due date, in an order unlike creation's.
    for (let i = 0; i < 7; i++) {
      const dueDate = i % 2 ? new Date(Date.UTC(2030, 0, 10 - i)).toISOString() : null;
      const result = await server.run(
        'mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }',
        { input: { projectId, title: `T${i}`, dueDate } },
        { as: lead },
      );
      expect(result.errors).toBeUndefined();
      titles.push(`T${i}`);
    }
  });
  afterAll(() => server?.close());

  async function ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await server.run<T>(query, variables, { as: lead });
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }

  const rootPage = async (args: Record<string, unknown>) =>
    (
      await ok<{ project: { rootTasks: Page<{ title: string }> } }>(
        `query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
          project(id: $id) {
            rootTasks(first: $first, after: $after, last: $last, before: $before) {
              nodes { title } ${PAGE_INFO}
            }
          }
        }`,
        { id: projectId, ...args },
      )
    ).project.rootTasks;

  describe('backward pages (last, before)', () => {
    it('reads a child list from the end, page by page, in list order', async () => {
      const pages: string[][] = [];
      let before: string | null = null;
      for (;;) {
        const page: Page<{ title: string }> = await rootPage({ last: 3, before });
        pages.unshift(page.nodes.map((node) => node.title));
        if (!page.pageInfo.hasPreviousPage) break;
        expect(page.pageInfo.hasNextPage).toBe(before !== null);
        before = page.pageInfo.startCursor;
      }
      expect(pages).toEqual([['T0'], ['T1', 'T2', 'T3'], ['T4', 'T5', 'T6']]);
    });

    it('meets the forward pages at the same cursors', async () => {
      const forward = await rootPage({ first: 4 });
      expect(forward.nodes.map((node) => node.title)).toEqual(['T0', 'T1', 'T2', 'T3']);
      const back = await rootPage({ last: 10, before: forward.pageInfo.endCursor });
      expect(back.nodes.map((node) => node.title)).toEqual(['T0', 'T1', 'T2']);
      expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const after = await rootPage({ first: 10, after: back.pageInfo.endCursor });
      expect(after.nodes.map((node) => node.title)).toEqual(['T3', 'T4', 'T5', 'T6']);
    });

    it('reads a top-level list backwards too', async () => {
      for (const key of ['LB1', 'LB2', 'LB3']) {
        await ok(`mutation { createProject(input: { key: "${key}", name: "${key}" }) { id } }`);
      }
      type Projects = { projects: Page<{ key: string }> };
      const query = `query ($last: Int, $before: String) {
        projects(last: $last, before: $before, orderBy: { field: KEY, direction: ASC }) {
          nodes { key } ${PAGE_INFO}
        }
      }`;
      const end = await ok<Projects>(query, { last: 2 });
      expect(end.projects.nodes.map((node) => node.key)).toEqual(['LB3', 'LIST']);
      const earlier = await ok<Projects>(query, {
        last: 2,
        before: end.projects.pageInfo.startCursor,
      });
      expect(earlier.projects.nodes.map((node) => node.key)).toEqual(['LB1', 'LB2']);
      expect(earlier.projects.pageInfo).toMatchObject({
        hasPreviousPage: false,
        hasNextPage: true,
      });
    });

    it('refuses to mix directions, and a size out of range', async () => {
      for (const args of [
        { first: 2, last: 2 },
        { first: 2, before: 'x' },
        { last: 0 },
        { last: 101 },
      ]) {
        const result = await server.run(
          `query ($id: ID!, $first: Int, $last: Int, $before: String) {
            project(id: $id) { rootTasks(first: $first, last: $last, before: $before) { totalCount } }
          }`,
          { id: projectId, ...args },
          { as: lead },
        );
        expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      }
    });
  });

  describe('NULLs in sort keys', () => {
    const byDue = async (args: Record<string, unknown>, direction: 'ASC' | 'DESC') =>
      (
        await ok<{ project: { tasks: Page<{ title: string; dueDate: string | null }> } }>(
          `query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
            project(id: $id) {
              tasks(first: $first, after: $after, last: $last, before: $before,
                    orderBy: { field: DUE_DATE, direction: ${direction} }) {
                nodes { title dueDate } ${PAGE_INFO}
              }
            }
          }`,
          { id: projectId, ...args },
        )
      ).project.tasks;

    /** Every task once, through pages of two, forwards and backwards. */
    async function pageThrough(direction: 'ASC' | 'DESC') {
      const forward: string[] = [];
      let after: string | null = null;
      do {
        const page: Page<{ title: string }> = await byDue({ first: 2, after }, direction);
        forward.push(...page.nodes.map((node) => node.title));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      const backward: string[] = [];
      let before: string | null = null;
      do {
        const page: Page<{ title: string }> = await byDue({ last: 2, before }, direction);
        backward.unshift(...page.nodes.map((node) => node.title));
        before = page.pageInfo.hasPreviousPage ? page.pageInfo.startCursor : null;
      } while (before);
      return { forward, backward };
    }

    it.each(['ASC', 'DESC'] as const)(
      'puts tasks without a due date last (%s), and pages through them both ways',
      async (direction) => {
        const dated = direction === 'ASC' ? ['T5', 'T3', 'T1'] : ['T1', 'T3', 'T5'];
        // Undated ones follow the id in the same direction.
        const undated = direction === 'ASC' ? ['T0', 'T2', 'T4', 'T6'] : ['T6', 'T4', 'T2', 'T0'];
        const { forward, backward } = await pageThrough(direction);
        expect(forward).toEqual([...dated, ...undated]);
        expect(backward).toEqual(forward);
      },
    );

    it('refuses a cursor with NULL where the key cannot be null, or of the wrong type', async () => {
      const forged = (values: unknown[]) =>
        Buffer.from(JSON.stringify(values)).toString('base64url');
      const id = randomUUID();
      const cases = [
        forged([null, id]), // position is never null
        forged(['3', id]), // position is a number
        forged([1.5, id]), // … an integer
        forged([0, 'not-a-uuid']),
        forged([0]),
        forged([2 ** 31, id]), // past a 32-bit INTEGER: PostgreSQL failed the statement (a 500)
        forged([-(2 ** 31) - 1, id]),
      ];
      for (const after of cases) {
        const result = await server.run(
          `query ($id: ID!, $after: String) { project(id: $id) { rootTasks(after: $after) { totalCount } } }`,
          { id: projectId, after },
          { as: lead },
        );
        expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      }
      // A date travels as epoch milliseconds; 9e15 is a safe integer but no Date.
      for (const dueCursor of [forged(['2030-01-01', id]), forged([9e15, id])]) {
        const result = await server.run(
          `query ($id: ID!, $after: String) {
            project(id: $id) { tasks(after: $after, orderBy: { field: DUE_DATE }) { totalCount } }
          }`,
          { id: projectId, after: dueCursor },
          { as: lead },
        );
        expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      }
    });
  });

  describe('search', () => {
    it('takes % and _ in a project search literally, on both dialects', async () => {
      await ok(
        'mutation { createProject(input: { key: "PCT", name: "Half 50% off_sale" }) { id } }',
      );
      await ok(
        'mutation { createProject(input: { key: "NOPCT", name: "Half 50 off sale" }) { id } }',
      );
      const found = async (search: string) =>
        (
          await ok<{ projects: { nodes: { key: string }[] } }>(
            'query ($search: String!) { projects(filter: { search: $search }) { nodes { key } } }',
            { search },
          )
        ).projects.nodes.map((node) => node.key);
      expect(await found('50%')).toEqual(['PCT']);
      expect(await found('off_sale')).toEqual(['PCT']);
      expect(await found('HALF 50')).toEqual(expect.arrayContaining(['PCT', 'NOPCT']));
    });
  });

  describe('the bind-parameter limit', () => {
    it('reads a project of 100,000 tasks with parents and todos', async () => {
      const em = server.portico.orm.em.fork();
      const big = await ok<{ createProject: { id: string } }>(
        'mutation { createProject(input: { key: "BIG", name: "Big" }) { id } }',
      );
      const bigId = big.createProject.id;
      // 50,000 roots with one child each: 50,000 distinct parents among 100,000 tasks, written
      // by one statement with one JSON parameter (not one parameter per value).
      const rows: [string, string | null, number, number, string][] = [];
      for (let i = 0; i < 50_000; i++) {
        const root = uuidv7();
        rows.push([root, null, 0, i, `R${i}`], [uuidv7(), root, 1, 0, `C${i}`]);
      }
      const started = Date.now();
      if (dialect === 'postgresql') {
        await em.execute(
          `insert into tasks (id, created_at, updated_at, project_id, parent_id, depth, position, title)
           select (v ->> 0)::uuid, now(), now(), ?, (v ->> 1)::uuid, (v ->> 2)::int, (v ->> 3)::int, v ->> 4
             from jsonb_array_elements(?::jsonb) v`,
          [bigId, JSON.stringify(rows)],
        );
      } else {
        await em.execute(
          `insert into tasks (id, created_at, updated_at, project_id, parent_id, depth, position, title)
           select value ->> 0, ?, ?, ?, value ->> 1, value ->> 2, value ->> 3, value ->> 4
             from json_each(?)`,
          [started, started, bigId, JSON.stringify(rows)],
        );
      }
      const { result, statements } = await server.measure<{
        taskTree: { id: string; parent: { id: string } | null; todos: unknown[] }[];
      }>(
        'query ($id: ID!) { taskTree(projectId: $id) { id parent { id } todos { text } } }',
        { id: bigId },
        { as: lead },
      );
      expect(result.errors).toBeUndefined();
      const tree = result.data!.taskTree;
      expect(tree).toHaveLength(100_000);
      expect(tree.filter((task) => task.parent !== null)).toHaveLength(50_000);
      // Session, project check, tasks, then 10 batches of parents and 20 of todos (5,000 keys each).
      expect(statements).toBe(1 + 1 + 1 + 10 + 20);
    }, 120_000);
  });

  describe('statements inside a transaction', () => {
    it('never runs two statements at once on the transaction’s connection', async () => {
      const knex = server.portico.orm.em.getKnex();
      // knex reports each statement's start and end; a connection with two started and not
      // yet ended would be running them at once.
      type Event = { __knexUid?: string; __knexQueryUid?: string };
      const inFlight = new Map<string, number>();
      const connectionOf = new Map<string, string>();
      let most = 0;
      const started = (query: Event) => {
        // BEGIN and COMMIT are not paired with an end event.
        if (!query.__knexQueryUid) return;
        const uid = String(query.__knexUid);
        connectionOf.set(String(query.__knexQueryUid), uid);
        const now = (inFlight.get(uid) ?? 0) + 1;
        inFlight.set(uid, now);
        most = Math.max(most, now);
      };
      const ended = (_response: unknown, query: Event) => {
        const uid = connectionOf.get(String(query.__knexQueryUid));
        if (uid) inFlight.set(uid, (inFlight.get(uid) ?? 1) - 1);
      };
      knex.on('query', started).on('query-response', ended).on('query-error', ended);
      try {
        // The payload fans out over many loaders, which all run while the transaction is open.
        const result = await server.run(
          `mutation ($input: CreateTaskInput!) {
            createTask(input: $input) {
              id
              project { key lead { username } watchers { username } members { totalCount } }
              assignee { username }
              blockedBy { title } blocking { title } todos { text }
              subtasks { totalCount nodes { title } }
              history { totalCount nodes { kind } }
            }
          }`,
          { input: { projectId, title: 'Fan-out', assigneeId: lead.id } },
          { as: lead },
        );
        expect(result.errors).toBeUndefined();
        expect(result.extensions).toMatchObject({ transaction: 'COMMITTED' });
      } finally {
        knex.off('query', started).off('query-response', ended).off('query-error', ended);
      }
      expect(most).toBe(1);
    });
  });
});

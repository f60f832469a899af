import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { postQuery, postRaw } from './http-client';
import { codesOf, dialects, runOk } from './support';

const NESTED_PAGES = `projects(first: 100) { nodes { rootTasks(first: 100) { nodes {
  subtasks(first: 100) { nodes { id title } } } } } }`;

describe.each(dialects)('document limits on %s', (dialect) => {
  let server: TestServer;
  let baseUrl: string;
  let member: TestUser;
  let projectId: string;

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      env: { NODE_ENV: 'production', TASK_TREE_MAX_NODES: '3', MAX_RESPONSE_BYTES: '4096' },
    });
    baseUrl = await server.listen();
    member = await server.createUser();
    const created = await runOk<{ createProject: { id: string } }>(
      server,
      'mutation { createProject(input: { key: "LIM", name: "Limits" }) { id } }',
      {},
      member,
    );
    projectId = created.createProject.id;
    for (const title of ['a', 'b', 'c']) {
      await runOk(
        server,
        'mutation ($p: ID!, $t: String!) { createTask(input: { projectId: $p, title: $t }) { id } }',
        { p: projectId, t: title },
        member,
      );
    }
  });
  afterAll(() => server.close());

  describe('query cost', () => {
    it('refuses nested pages of 100 × 100 × 100 with 400 QUERY_TOO_COMPLEX and the cost', async () => {
      const res = await postQuery(baseUrl, `{ ${NESTED_PAGES} }`, {}, member);
      expect(res.status).toBe(400);
      const [error] = res.json.errors!;
      expect(error.extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        cost: 3_020_201,
        maxCost: 100_000,
      });
      expect(error.message).toMatch(/MAX_QUERY_COST/);
    });

    it('refuses 990 aliases of it before anything runs, in milliseconds', async () => {
      const aliases = Array.from({ length: 990 }, (_, i) => `a${i}: ${NESTED_PAGES}`).join(' ');
      const res = await postQuery(baseUrl, `{ ${aliases} }`, {}, member);
      expect(res.status).toBe(400);
      expect(res.json.data).toBeUndefined();
      expect(codesOf(res.json)[0]).toMatch(/GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED/);
    });

    it('reads page sizes from variables', async () => {
      const query = `query ($n: Int) { projects(first: $n) { nodes { rootTasks(first: $n) { nodes {
        subtasks(first: $n) { nodes { id } } } } } } }`;
      const big = await postQuery(baseUrl, query, { n: 100 }, member);
      expect(big.status).toBe(400);
      expect(codesOf(big.json)).toEqual(['QUERY_TOO_COMPLEX']);
      const small = await postQuery(baseUrl, query, { n: 5 }, member);
      expect(small.status).toBe(200);
      expect(small.json.errors).toBeUndefined();
    });

    it('costs a fragment once however often it is spread, and counts every spread', async () => {
      const fragment = `fragment T on Task { id subtasks(first: 100) { nodes { id title } } }`;
      const spreads = (n: number) =>
        `{ ${Array.from(
          { length: n },
          (_, i) =>
            `p${i}: project(id: "${projectId}") { rootTasks(first: 100) { nodes { ...T } } }`,
        ).join(' ')} } ${fragment}`;
      // One spread: 1 + 1 + 100 × (1 + 1 + 1 + 1 + 100 × 2) ≈ 20,000; five are past 100,000.
      expect((await postQuery(baseUrl, spreads(1), {}, member)).status).toBe(200);
      const five = await postQuery(baseUrl, spreads(5), {}, member);
      expect(five.status).toBe(400);
      expect(codesOf(five.json)).toEqual(['QUERY_TOO_COMPLEX']);
    });

    it('lets the benchmark board through', async () => {
      const board = `query ($id: ID!) { project(id: $id) { rootTasks(first: 25) { nodes { id title
        assignee { username } blockedBy { title } todos { text done }
        subtasks(first: 10) { nodes { id title assignee { username } blockedBy { title } todos { text } } } } } } }`;
      const res = await postQuery(baseUrl, board, { id: projectId }, member);
      expect(res.status).toBe(200);
      expect(res.json.errors).toBeUndefined();
    });
  });

  describe('aliases, directives and tokens', () => {
    const aliased = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;

    it('accepts MAX_ALIASES aliases and refuses one more, naming the limit', async () => {
      expect((await postQuery(baseUrl, aliased(30), {}, member)).status).toBe(200);
      const res = await postQuery(baseUrl, aliased(31), {}, member);
      expect(res.status).toBe(400);
      expect(res.json.errors![0].extensions).toMatchObject({
        code: 'GRAPHQL_VALIDATION_FAILED',
        limit: 'MAX_ALIASES',
        max: 30,
        actual: 31,
      });
    });

    it('refuses a 5,000-alias document of __typename', async () => {
      const res = await postQuery(baseUrl, aliased(5000), {}, member);
      expect(res.status).toBe(400);
      expect(res.json.data).toBeUndefined();
    });

    it('refuses more than MAX_DIRECTIVES directives on one field', async () => {
      const directives = (n: number) => Array.from({ length: n }, () => '@include(if: true)');
      const five = await postQuery(baseUrl, `{ me { id ${directives(5).join(' ')} } }`, {}, member);
      // Five repeats of a non-repeatable directive: graphql's own rule refuses them, not ours.
      expect(five.json.errors?.some((e) => e.extensions?.limit)).toBeFalsy();
      const six = await postQuery(baseUrl, `{ me { id ${directives(6).join(' ')} } }`, {}, member);
      expect(six.status).toBe(400);
      expect(six.json.errors!.find((e) => e.extensions?.limit)?.extensions).toMatchObject({
        limit: 'MAX_DIRECTIVES',
        max: 5,
        actual: 6,
      });
    });

    it('refuses a document of more than MAX_TOKENS tokens, naming the limit', async () => {
      const res = await postQuery(baseUrl, aliased(3000), {}, member);
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toEqual(['GRAPHQL_PARSE_FAILED']);
      expect(res.json.errors![0].message).toMatch(/5000 tokens/);
    });

    it('does not suggest field names in production', async () => {
      const res = await postQuery(baseUrl, '{ projectz { id } }', {}, member);
      expect(res.status).toBe(400);
      expect(res.json.errors![0].message).not.toMatch(/Did you mean/);
    });
  });

  describe('strings no database stores as sent', () => {
    const create =
      'mutation ($name: String!) { createProject(input: { key: "NUL", name: $name }) { id } }';

    it.each([
      ['a NUL in a variable', 'bad\u0000name'],
      ['a lone high surrogate', 'bad\ud800name'],
      ['a lone low surrogate', '\udc00'],
    ])('refuses %s with 400 BAD_USER_INPUT and writes nothing', async (_case, name) => {
      const res = await postQuery(baseUrl, create, { name }, member);
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toEqual(['BAD_USER_INPUT']);
      expect(res.json.errors![0].message).toMatch(/\$name/);
      const after = await runOk<{ projectByKey: unknown }>(
        server,
        '{ projectByKey(key: "NUL") { id } }',
        {},
        member,
      );
      expect(after.projectByKey).toBeNull();
    });

    it('refuses a NUL written as an escape in a string literal', async () => {
      const res = await postQuery(
        baseUrl,
        'mutation { createProject(input: { key: "NUL", name: "a\\u0000b" }) { id } }',
        {},
        member,
      );
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toEqual(['BAD_USER_INPUT']);
    });

    it('accepts a proper surrogate pair (an emoji)', async () => {
      const res = await postQuery(
        baseUrl,
        'mutation ($name: String!) { createProject(input: { key: "EMO", name: $name }) { name } }',
        { name: 'Ops 🚀' },
        member,
      );
      expect(res.json.data).toEqual({ createProject: { name: 'Ops 🚀' } });
    });

    it('checks nested variables at any depth without recursion', async () => {
      // 100,000 nested arrays: written by hand, since JSON.stringify itself would overflow.
      const deep = `${'['.repeat(100_000)}"x\\u0000"${']'.repeat(100_000)}`;
      const res = await postRaw(
        baseUrl,
        `{"query":"query ($v: String!) { projectByKey(key: $v) { id } }","variables":{"v":${deep}}}`,
        { authorization: `Bearer ${member.token}` },
      );
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('bounded lists', () => {
    it('refuses taskTree for a project past TASK_TREE_MAX_NODES', async () => {
      const tree = 'query ($id: ID!) { taskTree(projectId: $id) { id } }';
      expect(
        (await postQuery(baseUrl, tree, { id: projectId }, member)).json.errors,
      ).toBeUndefined();
      await runOk(
        server,
        'mutation ($p: ID!) { createTask(input: { projectId: $p, title: "d" }) { id } }',
        { p: projectId },
        member,
      );
      const res = await postQuery(baseUrl, tree, { id: projectId }, member);
      expect(res.json.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'TOO_LARGE',
        limit: 3,
      });
    });

    it('refuses 20,000 tags on a document, and pages tags and categories', async () => {
      const doc = await runOk<{ createDocument: { id: string } }>(
        server,
        'mutation { createDocument(input: { title: "T", content: "x", tags: ["a", "b"] }) { id } }',
        {},
        member,
      );
      const tags = Array.from({ length: 20_000 }, (_, i) => `t${i}`);
      const res = await postQuery(
        baseUrl,
        'mutation ($id: ID!, $tags: [String!]!) { setDocumentTags(id: $id, tags: $tags) { id } }',
        { id: doc.createDocument.id, tags },
        member,
      );
      expect(res.json.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'TOO_LARGE',
        limit: 20,
      });
      const page = await runOk<{ tags: { nodes: { name: string }[]; pageInfo: unknown } }>(
        server,
        '{ tags(first: 1) { nodes { name } pageInfo { hasNextPage } } categories(first: 1) { totalCount } }',
        {},
        member,
      );
      expect(page.tags).toEqual({ nodes: [{ name: 'a' }], pageInfo: { hasNextPage: true } });
    });
  });

  describe('response size', () => {
    it('answers 400 RESPONSE_TOO_LARGE instead of a body past MAX_RESPONSE_BYTES', async () => {
      const res = await postQuery(
        baseUrl,
        `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: me { id username displayName email createdAt }`).join(' ')} }`,
        {},
        member,
      );
      expect(res.status).toBe(400);
      expect(res.json.errors![0].extensions).toMatchObject({
        code: 'RESPONSE_TOO_LARGE',
        maxBytes: 4096,
      });
    });

    it("keeps a mutation's transaction verdict when its answer is too large", async () => {
      const long = 'x'.repeat(5000);
      const res = await postQuery(
        baseUrl,
        'mutation ($d: String) { createProject(input: { key: "BIG", name: "Big", description: $d }) { description } }',
        { d: long },
        member,
      );
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toEqual(['RESPONSE_TOO_LARGE']);
      expect(res.json.extensions).toEqual({ transaction: 'COMMITTED' });
    });
  });
});

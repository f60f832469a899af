import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects } from './support';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

interface Reply {
  status: number;
  contentType: string;
  text: string;
  /** The body parsed as JSON; throws when it is not JSON. */
  json: GraphQLBody;
}

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    get json() {
      return JSON.parse(text) as GraphQLBody;
    },
  };
}

/** POSTs a raw body to /graphql (JSON content type unless headers say otherwise). */
async function postRaw(
  baseUrl: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return reply(
    await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    }),
  );
}

async function post(
  baseUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  as?: TestUser,
): Promise<Reply> {
  const headers: Record<string, string> = as ? { authorization: `Bearer ${as.token}` } : {};
  return postRaw(baseUrl, JSON.stringify({ query, variables }), headers);
}

async function get(baseUrl: string, path: string, headers: Record<string, string> = {}) {
  return reply(await fetch(`${baseUrl}${path}`, { headers }));
}

/** An `ofType` chain `levels` deep under a field's type. */
function ofTypeChain(levels: number): string {
  let selection = 'name';
  for (let i = 0; i < levels; i++) selection = `name ofType { ${selection} }`;
  return selection;
}

describe.each(dialects)('HTTP on %s', (dialect) => {
  let server: TestServer;
  let baseUrl: string;
  let user: TestUser;

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      env: { LANDING_PAGE: 'true', INTROSPECTION: 'true', BODY_LIMIT: '1kb', MAX_QUERY_DEPTH: '4' },
    });
    baseUrl = await server.listen();
    user = await server.createUser();
  });

  afterAll(async () => {
    await server?.close();
  });

  describe('health', () => {
    it.each([
      ['GET', '/nowhere'],
      ['POST', '/api/graphql'],
      ['GET', '/'],
    ])('answers %s %s with a JSON 404 NOT_FOUND, not an HTML page', async (method, path) => {
      const res = await reply(await fetch(`${baseUrl}${path}`, { method }));
      expect(res.status).toBe(404);
      expect(res.contentType).toMatch(/application\/json/);
      expect(codesOf(res.json)).toEqual(['NOT_FOUND']);
      expect(res.json.errors?.[0]?.message).toMatch(/\/graphql/);
    });

    it('GET /healthz answers ok', async () => {
      const res = await get(baseUrl, '/healthz');
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ status: 'ok' });
    });

    it('GET /readyz answers 200 while the database answers', async () => {
      const res = await get(baseUrl, '/readyz');
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ status: 'ready' });
    });

    it('GET /readyz answers 503 once the database is gone', async () => {
      const other = await startTestServer({ dialect });
      try {
        const url = await other.listen();
        const someone = await other.createUser();
        expect((await get(url, '/readyz')).status).toBe(200);
        await other.portico.orm.close(true);
        const res = await get(url, '/readyz');
        expect(res.status).toBe(503);
        expect(res.contentType).toMatch(/application\/json/);
        expect(res.json).toEqual({ status: 'unavailable' });
        // Liveness does not depend on the database.
        expect((await get(url, '/healthz')).status).toBe(200);
        // A signed-in request cannot build its context: a masked error, not the driver's message.
        const failed = await post(url, '{ me { username } }', undefined, someone);
        expect(failed.status).toBe(500);
        expect(codesOf(failed.json)).toEqual(['INTERNAL_SERVER_ERROR']);
        expect(failed.json.errors?.[0]?.message).toMatch(
          /^Internal server error \(id [0-9a-f-]+\)$/,
        );
        expect(failed.json.errors?.[0]?.extensions?.errorId).toEqual(expect.any(String));
      } finally {
        await other.close();
      }
    });
  });

  describe('authentication', () => {
    it('runs `me` for a bearer token', async () => {
      const res = await post(baseUrl, '{ me { username } }', undefined, user);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ data: { me: { username: user.username } } });
    });

    it('answers UNAUTHENTICATED (HTTP 200) without a token', async () => {
      const res = await post(baseUrl, '{ me { username } }');
      expect(res.status).toBe(200);
      expect(codesOf(res.json)).toEqual(['UNAUTHENTICATED']);
    });

    it('answers UNAUTHENTICATED for an unknown token', async () => {
      const res = await postRaw(baseUrl, JSON.stringify({ query: '{ me { username } }' }), {
        authorization: 'Bearer not-a-real-token',
      });
      expect(res.status).toBe(200);
      expect(codesOf(res.json)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('request bodies', () => {
    it('answers malformed JSON with 400 BAD_REQUEST as JSON', async () => {
      const res = await postRaw(baseUrl, '{"query": "{ me { username } }"');
      expect(res.status).toBe(400);
      expect(res.contentType).toMatch(/application\/json/);
      expect(res.json.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    });

    it('answers a body above BODY_LIMIT with 413 PAYLOAD_TOO_LARGE', async () => {
      const query = `{ me { username } } # ${'x'.repeat(2048)}`;
      const res = await postRaw(baseUrl, JSON.stringify({ query }), {
        authorization: `Bearer ${user.token}`,
      });
      expect(res.status).toBe(413);
      expect(res.contentType).toMatch(/application\/json/);
      expect(codesOf(res.json)).toEqual(['PAYLOAD_TOO_LARGE']);
    });

    it('accepts a body just under BODY_LIMIT', async () => {
      const query = `{ me { username } } # ${'x'.repeat(800)}`;
      const res = await post(baseUrl, query, undefined, user);
      expect(res.status).toBe(200);
      expect(res.json.data).toEqual({ me: { username: user.username } });
    });

    it('answers a POST without a body with 400, not 500', async () => {
      const res = await postRaw(baseUrl, '');
      expect(res.status).toBe(400);
    });

    it('answers a body without a query with 400, not 500', async () => {
      const res = await postRaw(baseUrl, JSON.stringify({ variables: {} }));
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toEqual(['BAD_REQUEST']);
    });

    it('answers a batch (array body) with 400, not 500', async () => {
      const res = await postRaw(baseUrl, JSON.stringify([{ query: '{ __typename }' }]));
      expect(res.status).toBe(400);
    });

    it('answers a text/plain POST with 400 (CSRF prevention), not 500', async () => {
      const res = await postRaw(baseUrl, JSON.stringify({ query: '{ __typename }' }), {
        'content-type': 'text/plain',
      });
      expect(res.status).toBe(400);
    });

    it('answers unparsable GraphQL with 400 GRAPHQL_PARSE_FAILED', async () => {
      const res = await post(baseUrl, '{ me { username }');
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toEqual(['GRAPHQL_PARSE_FAILED']);
    });
  });

  describe('validation', () => {
    it('accepts a query at MAX_QUERY_DEPTH', async () => {
      const res = await post(
        baseUrl,
        '{ projects { nodes { rootTasks { nodes { title } } } } }',
        undefined,
        user,
      );
      expect(res.status).toBe(200);
      expect(res.json.errors).toBeUndefined();
    });

    it('refuses a query deeper than MAX_QUERY_DEPTH with 400 GRAPHQL_VALIDATION_FAILED', async () => {
      const res = await post(
        baseUrl,
        '{ projects { nodes { rootTasks { nodes { subtasks { nodes { title } } } } } } }',
        undefined,
        user,
      );
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toContain('GRAPHQL_VALIDATION_FAILED');
    });

    it('counts depth through fragments', async () => {
      const res = await post(
        baseUrl,
        `query { projects { ...P } }
         fragment P on ProjectConnection { nodes { rootTasks { nodes { subtasks { nodes { title } } } } } }`,
        undefined,
        user,
      );
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toContain('GRAPHQL_VALIDATION_FAILED');
    });

    // Each fragment spreads the next three times: 3^18 paths in under 1 kB. graphql-depth-limit
    // would walk every path (minutes of blocked event loop): the wrapper measures each fragment
    // once and refuses the document before the walk.
    const fanOut = (leaf: string) => {
      let fragments = `fragment F0 on Project { ${leaf} }`;
      for (let i = 1; i <= 18; i++)
        fragments += ` fragment F${i} on Project { ...F${i - 1} ...F${i - 1} ...F${i - 1} }`;
      return `{ projects { nodes { ...F18 } } } ${fragments}`;
    };

    it('refuses a fragment fan-out promptly with 400, whatever its depth', async () => {
      for (const leaf of ['key', 'rootTasks { nodes { subtasks { nodes { title } } } }']) {
        const query = fanOut(leaf);
        expect(JSON.stringify({ query }).length).toBeLessThan(1024);
        const res = await post(baseUrl, query, undefined, user);
        expect(res.status).toBe(400);
        expect(codesOf(res.json)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
        expect(res.json.errors?.[0]?.message).toMatch(/expands to \d+ field selections/);
      }
    }, 10_000);

    it('accepts fragments that are spread often but expand to a modest document', async () => {
      let fragments = 'fragment F0 on Project { key name }';
      for (let i = 1; i <= 6; i++)
        fragments += ` fragment F${i} on Project { ...F${i - 1} ...F${i - 1} ...F${i - 1} }`;
      const res = await post(
        baseUrl,
        `{ projects { nodes { ...F6 } } } ${fragments}`,
        undefined,
        user,
      );
      expect(res.status).toBe(200);
      expect(res.json.errors).toBeUndefined();
    });

    it('answers an undefined fragment spread with 400, not 500', async () => {
      const res = await post(baseUrl, '{ me { ...Missing } }', undefined, user);
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    });

    it('answers a fragment cycle with 400 and keeps serving', async () => {
      const res = await post(
        baseUrl,
        `query { projects { nodes { ...A } } }
         fragment A on Project { key ...B }
         fragment B on Project { name ...A }`,
        undefined,
        user,
      );
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toContain('GRAPHQL_VALIDATION_FAILED');
      expect(res.json.errors?.some((e) => /cycle|itself/i.test(e.message))).toBe(true);

      const after = await post(baseUrl, '{ me { username } }', undefined, user);
      expect(after.status).toBe(200);
      expect(after.json.data).toEqual({ me: { username: user.username } });
    });

    it('answers a fragment cycle in an unused fragment with 400', async () => {
      const res = await post(
        baseUrl,
        `query { me { username } }
         fragment A on User { ...B }
         fragment B on User { ...A }`,
        undefined,
        user,
      );
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toContain('GRAPHQL_VALIDATION_FAILED');
    });

    it('refuses a deep introspection query with 400', async () => {
      const res = await post(
        baseUrl,
        '{ __type(name: "Project") { fields { type { fields { type { fields { name } } } } } } }',
      );
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toContain('GRAPHQL_VALIDATION_FAILED');
    });

    it('refuses deeply nested introspection lists through __schema with 400', async () => {
      const res = await post(
        baseUrl,
        `{ __schema { types { fields { type { ${ofTypeChain(10)} fields { type { fields { name } } } } } } } }`,
      );
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toContain('GRAPHQL_VALIDATION_FAILED');
    });

    it('allows a shallow introspection query (what tools send) despite MAX_QUERY_DEPTH', async () => {
      const res = await post(
        baseUrl,
        `{ __schema { queryType { name } types { name fields { name args { name type { ${ofTypeChain(7)} } } type { ${ofTypeChain(7)} } } } } }`,
      );
      expect(res.status).toBe(200);
      expect(res.json.errors).toBeUndefined();
    });

    it('answers a variable of the wrong type with 400 BAD_USER_INPUT', async () => {
      const res = await post(
        baseUrl,
        'query ($first: Int) { projects(first: $first) { totalCount } }',
        { first: 'abc' },
        user,
      );
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toEqual(['BAD_USER_INPUT']);
    });

    it('answers a missing required variable and a bad enum value with 400 BAD_USER_INPUT', async () => {
      const missing = await post(
        baseUrl,
        'query ($key: String!) { projectByKey(key: $key) { name } }',
        {},
        user,
      );
      expect(missing.status).toBe(400);
      expect(codesOf(missing.json)).toEqual(['BAD_USER_INPUT']);

      const badEnum = await post(
        baseUrl,
        'mutation ($input: CreateProjectInput!) { createProject(input: $input) { key } }',
        { input: { key: 'ENUM', name: 'Enum', priority: 'URGENT' } },
        user,
      );
      expect(badEnum.status).toBe(400);
      expect(codesOf(badEnum.json)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('mutations', () => {
    it('commits a mutation and says so in extensions.transaction', async () => {
      const key = dialect === 'sqlite' ? 'HTTPSQ' : 'HTTPPG';
      const res = await post(
        baseUrl,
        'mutation ($input: CreateProjectInput!) { createProject(input: $input) { key lead { username } } }',
        { input: { key, name: 'Over HTTP' } },
        user,
      );
      expect(res.status).toBe(200);
      expect(res.json.errors).toBeUndefined();
      expect(res.json.data).toEqual({
        createProject: { key, lead: { username: user.username } },
      });
      expect(res.json.extensions?.transaction).toBe('COMMITTED');

      const read = await post(
        baseUrl,
        'query ($key: String!) { projectByKey(key: $key) { name } }',
        { key },
        user,
      );
      expect(read.json.data).toEqual({ projectByKey: { name: 'Over HTTP' } });
    });

    it('rolls a failed mutation back and says so', async () => {
      const res = await post(
        baseUrl,
        'mutation ($input: CreateProjectInput!) { createProject(input: $input) { key } }',
        { input: { key: 'RB1', name: 'Anonymous' } },
      );
      expect(res.status).toBe(200);
      expect(codesOf(res.json)).toEqual(['UNAUTHENTICATED']);
      expect(res.json.data).toBeNull();
      expect(res.json.extensions?.transaction).toBe('ROLLED_BACK');
    });
  });

  describe('CSRF prevention', () => {
    const path = `/graphql?query=${encodeURIComponent('{ __typename }')}`;

    it('blocks a GET query without a preflight header', async () => {
      const res = await get(baseUrl, path);
      expect(res.status).toBe(400);
      expect(res.text).not.toContain('"data"');
    });

    it('lets a GET query through with apollo-require-preflight', async () => {
      const res = await get(baseUrl, path, { 'apollo-require-preflight': 'true' });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ data: { __typename: 'Query' } });
    });

    it('refuses a mutation over GET even with the preflight header', async () => {
      const mutation = `/graphql?query=${encodeURIComponent('mutation { logOut }')}`;
      const res = await get(baseUrl, mutation, {
        'apollo-require-preflight': 'true',
        authorization: `Bearer ${user.token}`,
      });
      expect(res.status).toBe(405);
    });
  });

  describe('landing page', () => {
    it('serves the Apollo Sandbox page to a browser when LANDING_PAGE is on', async () => {
      const res = await get(baseUrl, '/graphql', { accept: 'text/html' });
      expect(res.status).toBe(200);
      expect(res.contentType).toMatch(/text\/html/);
      expect(res.text).toMatch(/<html/i);
      expect(res.text).toContain('embeddable-sandbox');
    });
  });
});

describe.each(dialects)('HTTP with LANDING_PAGE and INTROSPECTION off on %s', (dialect) => {
  let server: TestServer;
  let baseUrl: string;

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      env: { LANDING_PAGE: 'false', INTROSPECTION: 'false' },
    });
    baseUrl = await server.listen();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('serves no landing page', async () => {
    const res = await get(baseUrl, '/graphql', { accept: 'text/html' });
    expect(res.contentType).not.toMatch(/text\/html/);
    expect(res.text).not.toContain('embeddable-sandbox');
    expect(res.status).toBe(400);
  });

  it('refuses introspection with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await post(baseUrl, '{ __schema { queryType { name } } }');
    expect(res.status).toBe(400);
    expect(codesOf(res.json)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.json.errors?.[0]?.message).toMatch(/introspection/i);

    const type = await post(baseUrl, '{ __type(name: "Project") { name } }');
    expect(type.status).toBe(400);
    expect(codesOf(type.json)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('answers a pathologically nested document (within the 1mb body limit) with 400', async () => {
    let selection = 'title';
    for (let i = 0; i < 20_000; i++) selection = `parent { ${selection} }`;
    const res = await post(baseUrl, `{ task(id: "x") { ${selection} } }`);
    expect(res.status).toBe(400);
    expect(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']).toContain(codesOf(res.json)[0]);
    expect((await post(baseUrl, '{ __typename }')).status).toBe(200);
  });

  it('still answers __typename', async () => {
    const res = await post(baseUrl, '{ __typename }');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { __typename: 'Query' } });
  });
});

import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { get, postQuery as post, postRaw, send, type Reply } from './http-client';
import { codesOf, dialects } from './support';

/** The Content-Security-Policy directives of a header or <meta> value, by name. */
function cspDirectives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

/** What helmet sends on every answer but the landing page. */
const API_CSP = "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'";

function expectSecurityHeaders(headers: Headers) {
  expect(headers.get('content-security-policy')).toBe(API_CSP);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
  expect(headers.get('x-powered-by')).toBeNull();
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
      const res = await send(`${baseUrl}${path}`, { method });
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

  describe('compressed request bodies', () => {
    const meQuery = () => Buffer.from(JSON.stringify({ query: '{ me { username } }' }));
    const compressors = [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
    ] as const;

    it.each(compressors)('reads a %s body', async (encoding, compress) => {
      const res = await postRaw(baseUrl, compress(meQuery()), {
        'content-encoding': encoding,
        authorization: `Bearer ${user.token}`,
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ data: { me: { username: user.username } } });
    });

    it.each(compressors)(
      'caps a %s body after decompression: small on the wire, past BODY_LIMIT inflated',
      async (encoding, compress) => {
        const query = `{ me { username } } # ${'x'.repeat(4096)}`;
        const body = compress(Buffer.from(JSON.stringify({ query })));
        expect(body.length).toBeLessThan(1024);
        const res = await postRaw(baseUrl, body, {
          'content-encoding': encoding,
          authorization: `Bearer ${user.token}`,
        });
        expect(res.status).toBe(413);
        expect(res.contentType).toMatch(/application\/json/);
        expect(codesOf(res.json)).toEqual(['PAYLOAD_TOO_LARGE']);
      },
    );

    it('stops inflating a gzip bomb at BODY_LIMIT, answers 413 promptly and keeps serving', async () => {
      // Gzip members may be concatenated: 1,024 members of 1 MiB of spaces make 1 GiB from about
      // 1 MB. Inflating all of it takes seconds here (and more memory than a string can hold).
      const member = gzipSync(Buffer.alloc(1024 * 1024, ' '), { level: 9 });
      const bomb = Buffer.concat([
        gzipSync(Buffer.from('{"query": "{ me { username } }", "pad": "')),
        ...Array.from({ length: 1024 }, () => member),
      ]);
      expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
      const started = performance.now();
      const res = await postRaw(baseUrl, bomb, { 'content-encoding': 'gzip' });
      const elapsed = performance.now() - started;
      expect(res.status).toBe(413);
      expect(codesOf(res.json)).toEqual(['PAYLOAD_TOO_LARGE']);
      expect(elapsed).toBeLessThan(1500);

      const after = await post(baseUrl, '{ me { username } }', undefined, user);
      expect(after.status).toBe(200);
      expect(after.json.data).toEqual({ me: { username: user.username } });
    });

    it('answers a brotli bomb with 413', async () => {
      const bomb = brotliCompressSync(Buffer.alloc(64 * 1024 * 1024, ' '));
      expect(bomb.length).toBeLessThan(1024);
      const res = await postRaw(baseUrl, bomb, { 'content-encoding': 'br' });
      expect(res.status).toBe(413);
      expect(codesOf(res.json)).toEqual(['PAYLOAD_TOO_LARGE']);
    });

    it.each(['compress', 'x-custom'])(
      'answers Content-Encoding %j with 415 UNSUPPORTED_MEDIA_TYPE as JSON',
      async (encoding) => {
        const res = await postRaw(baseUrl, meQuery(), { 'content-encoding': encoding });
        expect(res.status).toBe(415);
        expect(res.contentType).toMatch(/application\/json/);
        expect(codesOf(res.json)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
        expect(res.json.errors?.[0]?.message).toMatch(/Content-Encoding/);
        expect(res.text).not.toMatch(/<html|<pre/i);
      },
    );

    it('answers a charset other than UTF-8 with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      const res = await postRaw(baseUrl, meQuery(), {
        'content-type': 'application/json; charset=latin1',
      });
      expect(res.status).toBe(415);
      expect(codesOf(res.json)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
      expect(res.json.errors?.[0]?.message).toMatch(/UTF-8/);
    });

    it('answers a body that is not the gzip it claims with 400 BAD_REQUEST', async () => {
      const res = await postRaw(baseUrl, meQuery(), { 'content-encoding': 'gzip' });
      expect(res.status).toBe(400);
      expect(codesOf(res.json)).toEqual(['BAD_REQUEST']);
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

  describe('operation resolution', () => {
    const postOperation = (query: string, operationName?: string, as: TestUser | null = user) =>
      postRaw(
        baseUrl,
        JSON.stringify({ query, operationName }),
        as ? { authorization: `Bearer ${as.token}` } : {},
      );

    const expectResolutionFailure = (res: Reply, message: RegExp) => {
      expect(res.status).toBe(400);
      expect(res.contentType).toMatch(/application\/json/);
      expect(codesOf(res.json)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
      expect(res.json.errors?.[0]?.message).toMatch(message);
      expect(res.json.data).toBeUndefined();
    };

    const twoQueries = 'query A { __typename } query B { me { username } }';
    const createProject = (name: string, key: string) =>
      `mutation ${name} { createProject(input: { key: "${key}", name: "${name}" }) { key } }`;
    const keyFor = (base: string) => `${base}${dialect === 'sqlite' ? 'S' : 'P'}`;

    it('answers an operationName that names no query with 400 OPERATION_RESOLUTION_FAILURE', async () => {
      expectResolutionFailure(await postOperation(twoQueries, 'C'), /Unknown operation named "C"/);
    });

    it('answers an operationName that does not match a lone query with 400, not by running it', async () => {
      expectResolutionFailure(
        await postOperation('query A { me { username } }', 'B'),
        /Unknown operation named "B"/,
      );
      expectResolutionFailure(
        await postOperation('{ me { username } }', 'B'),
        /Unknown operation named "B"/,
      );
    });

    it('answers several named queries without an operationName with 400', async () => {
      expectResolutionFailure(await postOperation(twoQueries), /Must provide operation name/);
    });

    it('answers an unknown operationName over GET with 400', async () => {
      const path = `/graphql?query=${encodeURIComponent(twoQueries)}&operationName=C`;
      const res = await get(baseUrl, path, { 'apollo-require-preflight': 'true' });
      expectResolutionFailure(res, /Unknown operation named "C"/);
    });

    it('answers two anonymous operations with 400 GRAPHQL_VALIDATION_FAILED (refused before resolution)', async () => {
      for (const query of [
        '{ __typename } { me { username } }',
        'mutation { logOut } mutation { logOut }',
      ]) {
        const res = await postOperation(query);
        expect(res.status).toBe(400);
        expect(codesOf(res.json)).toEqual([
          'GRAPHQL_VALIDATION_FAILED',
          'GRAPHQL_VALIDATION_FAILED',
        ]);
        expect(res.json.errors?.[0]?.message).toMatch(/anonymous operation must be the only/);
      }
    });

    it('answers an unknown operationName for mutations with 400, runs none of them and opens no transaction', async () => {
      const [a, b] = [keyFor('ORA'), keyFor('ORB')];
      const mutations = `${createProject('MakeA', a)} ${createProject('MakeB', b)}`;

      const unknown = await postOperation(mutations, 'MakeC');
      expectResolutionFailure(unknown, /Unknown operation named "MakeC"/);
      expect(unknown.json.extensions?.transaction).toBeUndefined();

      const unnamed = await postOperation(mutations);
      expectResolutionFailure(unnamed, /Must provide operation name/);

      const lone = await postOperation(createProject('MakeA', a), 'MakeB');
      expectResolutionFailure(lone, /Unknown operation named "MakeB"/);

      for (const key of [a, b]) {
        const read = await post(
          baseUrl,
          'query ($key: String!) { projectByKey(key: $key) { key } }',
          { key },
          user,
        );
        expect(read.json.data).toEqual({ projectByKey: null });
      }
    });

    it('runs the operation operationName names, and keeps serving after the failures', async () => {
      const query = await postOperation(twoQueries, 'B');
      expect(query.status).toBe(200);
      expect(query.json).toEqual({ data: { me: { username: user.username } } });

      const key = keyFor('ORK');
      const mutations = `${createProject('MakeA', key)} ${createProject('MakeB', `${key}X`)}`;
      const made = await postOperation(mutations, 'MakeA');
      expect(made.status).toBe(200);
      expect(made.json.data).toEqual({ createProject: { key } });
      expect(made.json.extensions?.transaction).toBe('COMMITTED');
      const other = await post(
        baseUrl,
        'query ($key: String!) { projectByKey(key: $key) { key } }',
        { key: `${key}X` },
        user,
      );
      expect(other.json.data).toEqual({ projectByKey: null });
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

    it('sends a header policy that lets the page load what it loads, and its own policy does the rest', async () => {
      const res = await send(`${baseUrl}/graphql`, {
        headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
      });
      expect(res.status).toBe(200);
      expect(res.contentType).toMatch(/text\/html/);

      // Both policies are enforced: the header one restricts no fetch directive (it cannot
      // know the page's nonce), only framing, <base>, forms and plugins.
      const header = cspDirectives(res.headers.get('content-security-policy') ?? '');
      expect([...header.keys()].sort()).toEqual([
        'base-uri',
        'form-action',
        'frame-ancestors',
        'object-src',
      ]);
      expect(header.get('frame-ancestors')).toEqual(["'self'"]);
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');

      // The page's own <meta> policy allows each script and stylesheet it loads.
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(res.text);
      expect(meta).not.toBeNull();
      const own = cspDirectives(meta![1]!);
      const scripts = [...res.text.matchAll(/<script nonce="([^"]*)"(?: src="([^"]+)")?/g)];
      expect(scripts.length).toBeGreaterThanOrEqual(2);
      for (const [, nonce, src] of scripts) {
        expect(own.get('script-src')).toContain(`'nonce-${nonce}'`);
        if (src) expect(own.get('script-src')).toContain(new URL(src).origin);
      }
      const styles = [...res.text.matchAll(/<link\s+href="([^"]+)"\s+rel="stylesheet"/g)];
      expect(styles.length).toBeGreaterThanOrEqual(1);
      for (const [, href] of styles) {
        expect(own.get('style-src')).toContain(new URL(href!).origin);
      }
      expect(own.get('frame-src')).toContain('https://sandbox.embed.apollographql.com');
    });
  });

  describe('security headers', () => {
    it.each([
      ['a query', () => post(baseUrl, '{ me { username } }', undefined, user)],
      ['a GraphQL error', () => post(baseUrl, '{ me { username }')],
      ['a body error', () => postRaw(baseUrl, '{"query": ')],
      ['an unknown route', () => get(baseUrl, '/nowhere')],
      ['GET /healthz', () => get(baseUrl, '/healthz')],
      ['an OPTIONS request', async () => send(`${baseUrl}/graphql`, { method: 'OPTIONS' })],
    ])("sends helmet's headers and a deny-all policy on %s", async (_what, send) => {
      const res = await send();
      expectSecurityHeaders(res.headers);
    });

    it('sends the JSON policy to a GET that prefers JSON, even from a browser-like Accept', async () => {
      const res = await get(baseUrl, `/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        accept: 'application/json, text/html;q=0.9',
        'apollo-require-preflight': 'true',
      });
      expect(res.status).toBe(200);
      expectSecurityHeaders(res.headers);
    });
  });

  describe('CORS with no CORS_ORIGINS', () => {
    it('sends no CORS headers: a page of another origin cannot read the answer', async () => {
      const res = await postRaw(baseUrl, JSON.stringify({ query: '{ __typename }' }), {
        origin: 'https://elsewhere.example',
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();

      const preflight = await fetch(`${baseUrl}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://elsewhere.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    });
  });
});

describe.each(dialects)('HTTP with CORS_ORIGINS on %s', (dialect) => {
  const app = 'https://app.example.test';
  const dev = 'http://localhost:5173';
  let server: TestServer;
  let baseUrl: string;
  let user: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ dialect, env: { CORS_ORIGINS: `${app}, ${dev}` } });
    baseUrl = await server.listen();
    user = await server.createUser();
  });

  afterAll(async () => {
    await server?.close();
  });

  const preflight = (origin: string) =>
    fetch(`${baseUrl}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });

  it.each([app, dev])(
    'answers the preflight of %s: POST with a bearer token, no credentials',
    async (origin) => {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-methods')?.split(',')).toEqual(['GET', 'POST']);
      const allowed = res.headers.get('access-control-allow-headers')?.split(',') ?? [];
      expect(allowed).toEqual(expect.arrayContaining(['content-type', 'authorization']));
      expect(allowed).toContain('apollo-require-preflight');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('access-control-max-age')).toBe('600');
      expect(res.headers.get('vary')).toMatch(/origin/i);
      expectSecurityHeaders(res.headers);
    },
  );

  it('lets an allowed origin read the answer, without credentials', async () => {
    const res = await postRaw(baseUrl, JSON.stringify({ query: '{ me { username } }' }), {
      origin: app,
      authorization: `Bearer ${user.token}`,
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { me: { username: user.username } } });
    expect(res.headers.get('access-control-allow-origin')).toBe(app);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });

  it.each([
    'https://evil.example',
    'https://app.example.test.evil.example',
    'http://app.example.test',
    'null',
  ])('gives %s no CORS headers, on the preflight nor the answer', async (origin) => {
    const res = await preflight(origin);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await postRaw(baseUrl, JSON.stringify({ query: '{ __typename }' }), { origin });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CORS to /graphql', async () => {
    const res = await get(baseUrl, '/healthz', { origin: app });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
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
    // No page, so no page policy either.
    expectSecurityHeaders(res.headers);
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

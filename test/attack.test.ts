import { gzipSync } from 'node:zlib';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { postQuery, postRaw, send, type Reply } from './http-client';
import { dialects, runOk } from './support';

/**
 * Hostile requests, several hundred of them, against the real HTTP server in production mode.
 * Each must be refused cheaply and cleanly: an error with a code (never INTERNAL_SERVER_ERROR),
 * no stack trace, nothing of the server's insides (SQL, file paths, driver messages), answered
 * within a bound; and the server must be healthy after all of them.
 *
 * A request refused before it runs (unreadable, invalid, too costly) is an HTTP 4xx. A valid
 * request that a resolver refuses (a forged cursor, a bad page size) executes, and the
 * GraphQL-over-HTTP spec has it answer 200 with the errors: those cases say `answered`.
 */
interface Attack {
  name: string;
  send(target: Target): Promise<Reply>;
  /**
   * Left out: refused before it runs, an HTTP 4xx. `answered`: a valid request that executes
   * (200), with `code` among its errors when given (a resolver's refusal), or answered plainly
   * when the hostile value simply finds nothing (an id in no valid form answers null).
   */
  answered?: { code?: string };
}

interface Target {
  baseUrl: string;
  member: TestUser;
  projectId: string;
}

/** Generous for a 2-core CI machine; the refusals measured here take a few milliseconds. */
const BOUND_MS = 2000;

const CLIENT_CODES = new Set([
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'QUERY_TOO_COMPLEX',
  'RESPONSE_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'TOO_MANY_REQUESTS',
]);

/** What must never reach a client: SQL, driver and ORM messages, stack frames, file paths. */
const INSIDES =
  /\bselect\b.*\bfrom\b|insert into|update .* set|SQLITE_|violates|relation "|syntax error at|node_modules|\.ts:\d|\.js:\d|\n\s+at |MikroORM|knex|TypeError|ReferenceError|Cannot read prop/i;

const raw = (
  name: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
  answered?: Attack['answered'],
): Attack => ({ name, answered, send: (t: Target) => postRaw(t.baseUrl, body, headers) });

const query = (
  name: string,
  text: string | ((t: Target) => string),
  variables: (t: Target) => Record<string, unknown> = () => ({}),
  answered?: Attack['answered'],
): Attack => ({
  name,
  answered,
  send: (t) =>
    postQuery(t.baseUrl, typeof text === 'string' ? text : text(t), variables(t), t.member),
});

const get = (name: string, path: (t: Target) => string, headers: Record<string, string> = {}) => ({
  name,
  send: (t: Target) => send(`${t.baseUrl}${path(t)}`, { headers }),
});

const nested = (depth: number) => {
  let selection = 'id';
  for (let i = 0; i < depth; i++) selection = `subtasks(first: 1) { nodes { ${selection} } }`;
  return `query ($id: ID!) { task(id: $id) { ${selection} } }`;
};

const repeat = (n: number, item: (i: number) => string, separator = ' ') =>
  Array.from({ length: n }, (_, i) => item(i)).join(separator);

const forged = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

function malformedBodies(): Attack[] {
  const bodies = [
    '',
    '{',
    '}',
    '{"query":',
    '{"query": "{ me { id } }"',
    'null',
    'true',
    '42',
    '"{ me { id } }"',
    '[]',
    '{}',
    '{"query": null}',
    '{"query": 42}',
    '{"query": ["{ me { id } }"]}',
    '{"query": {"a": 1}}',
    '{"query": ""}',
    '{"query": "   "}',
    '{"query": "{ me { id } }", "variables": "x"}',
    '{"query": "{ me { id } }", "variables": [1, 2]}',
    '{"query": "{ me { id } }", "variables": 7}',
    '{"query": "{ me { id } }", "operationName": 7}',
    '{"query": "{ me { id } }", "operationName": {"a": 1}}',
    '{"query": "{ me { id } }", "extensions": "x"}',
    '{"query": "{ me { id } }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "00"}}}',
    '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
    '{"query": "{ me { id } }",}',
    "{'query': '{ me { id } }'}",
    '{"query": "{ me { id } }"}garbage',
    '\u0000\u0001\u0002',
    '\ufeff{"query": "{ me { id } }" ',
    '{"query": "\\ud800"}',
    '{"query": "{ me { id }"}',
    '{"query": "{ me { id } } }"}',
    '{"query": "{ me { id } } { me { id } }"}',
    '{"query": "query { me { id } } query { me { id } }"}',
    '{"query": "subscription { me { id } }"}',
    '{"query": "fragment F on User { id }"}',
    '{"query": "{ __proto__ { id } }"}',
    '{"query": "{ me { id } }", "variables": {"__proto__": {"x": 1}}}',
    '{"query": "{ me { id } }", "operationName": "Missing"}',
  ];
  const contentTypes = [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/json; charset=latin1',
    'application/graphql',
  ];
  // Apollo's protocol answers these with 200: a persisted query it has not seen (the client then
  // sends the text), and a valid request without a session.
  const answeredBodies: Record<string, Attack['answered']> = {
    '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}': {
      code: 'PERSISTED_QUERY_NOT_FOUND',
    },
    '{"query": "{ me { id } }", "variables": {"__proto__": {"x": 1}}}': { code: 'UNAUTHENTICATED' },
  };
  return [
    ...bodies.map((body, i) =>
      raw(`malformed body #${i}: ${body.slice(0, 40)}`, body, {}, answeredBodies[body]),
    ),
    ...contentTypes.map((type) =>
      raw(`content type ${type}`, '{"query":"{ me { id } }"}', { 'content-type': type }),
    ),
    raw('a body past BODY_LIMIT', `{"query":"{ me { id } }","pad":"${'x'.repeat(1_200_000)}"}`),
    raw('a gzip bomb', gzipSync(Buffer.alloc(64 * 1024 * 1024, 32)), {
      'content-encoding': 'gzip',
    }),
    raw('a body that is not the gzip it claims', 'not gzip', { 'content-encoding': 'gzip' }),
    raw('an unknown content encoding', '{"query":"{ me { id } }"}', {
      'content-encoding': 'snappy',
    }),
    raw(
      'a batch of operations',
      JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    ),
    raw(
      'a batch of 1,000 operations',
      JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ me { id } }' }))),
    ),
  ];
}

function wrongTypes(): Attack[] {
  const values: unknown[] = ['x', -1, 1.5, 1e10, 2 ** 31, true, {}, [], [1], '1', '∞'];
  // An ID is any string or integer: one that names nothing answers null.
  const idAnswered = (value: unknown) =>
    typeof value === 'string' || Number.isInteger(value) ? {} : undefined;
  const attacks: Attack[] = [];
  for (const value of values) {
    attacks.push(
      query(
        `first: ${JSON.stringify(value)}`,
        'query ($n: Int) { projects(first: $n) { totalCount } }',
        () => ({ n: value }),
        value === -1 ? { code: 'BAD_USER_INPUT' } : undefined,
      ),
      query(
        `id: ${JSON.stringify(value)}`,
        'query ($id: ID!) { project(id: $id) { id } }',
        () => ({ id: value }),
        idAnswered(value),
      ),
    );
  }
  const literals = [
    'projects(first: "ten") { totalCount }',
    'projects(first: 10.5) { totalCount }',
    'projects(first: 99999999999999999999) { totalCount }',
    'projects(first: -5) { totalCount }',
    'projects(first: 1001) { totalCount }',
    'projects(orderBy: { field: NOPE }) { totalCount }',
    'projects(orderBy: "KEY") { totalCount }',
    'projects(unknownArgument: 1) { totalCount }',
    'project { id }',
    'project(id: null) { id }',
    'project(id: ["a"]) { id }',
    'me { unknownField }',
    'me',
    'me { id { nested } }',
    'shiftBoard(shift: "NOT_A_SHIFT") { totalCount }',
  ];
  const answeredLiterals: Record<string, Attack['answered']> = {
    'projects(first: -5) { totalCount }': { code: 'BAD_USER_INPUT' },
    'projects(first: 1001) { totalCount }': { code: 'BAD_USER_INPUT' },
    'shiftBoard(shift: "NOT_A_SHIFT") { totalCount }': { code: 'NOT_FOUND' },
  };
  attacks.push(
    ...literals.map((literal) =>
      query(`literal ${literal}`, `{ ${literal} }`, undefined, answeredLiterals[literal]),
    ),
  );
  // Arguments of the wrong type on every root field that takes an id.
  const byId = ['project', 'task', 'document', 'handoff', 'plan', 'venue', 'booking', 'user'];
  for (const field of byId) {
    for (const value of [true, {}, [], 1.5, null]) {
      attacks.push(
        query(
          `${field}(id: ${JSON.stringify(value)})`,
          `query ($id: ID!) { ${field}(id: $id) { id } }`,
          () => ({ id: value }),
        ),
      );
    }
  }
  return attacks;
}

function deepAndWide(): Attack[] {
  return [
    ...[11, 12, 20, 50, 100].map((depth) =>
      query(`nested ${depth} levels`, nested(depth), (t) => ({ id: t.projectId })),
    ),
    query(
      'a deep introspection',
      `{ __schema { types { fields { type { ${repeat(20, () => 'ofType {').replace(/\{$/, '')} name ${'}'.repeat(19)} } } } } }`,
    ),
    query('introspection in production', '{ __schema { types { name } } }'),
    query('a type lookup in production', '{ __type(name: "User") { fields { name } } }'),
    ...[31, 100, 1000, 5000].map((n) =>
      query(`${n} aliases of __typename`, `{ ${repeat(n, (i) => `a${i}: __typename`)} }`),
    ),
    ...[31, 200, 990].map((n) =>
      query(
        `${n} aliases of nested pages`,
        `{ ${repeat(n, (i) => `a${i}: projects(first: 100) { nodes { rootTasks(first: 100) { nodes { subtasks(first: 100) { nodes { id title } } } } } }`)} }`,
      ),
    ),
    query(
      'nested pages of 100 × 100 × 100',
      '{ projects(first: 100) { nodes { rootTasks(first: 100) { nodes { subtasks(first: 100) { nodes { id } } } } } } }',
    ),
    query(
      'nested pages from variables',
      'query ($n: Int) { projects(first: $n) { nodes { rootTasks(first: $n) { nodes { subtasks(first: $n) { nodes { id } } } } } } }',
      () => ({ n: 1000 }),
    ),
    ...[2000, 4000].map((n) =>
      query(`one field ${n} times`, `{ me { ${repeat(n, () => 'id')} } }`),
    ),
    query('a 100,000-token document', `{ me { ${repeat(50_000, () => 'id')} } }`),
    query('6 directives on a field', `{ me { id ${repeat(6, () => '@include(if: true)')} } }`),
    query('300 directives on a field', `{ me { id ${repeat(300, () => '@skip(if: false)')} } }`),
    query('an unknown directive', '{ me { id @nope } }'),
    query(
      'nested lists in a literal',
      `{ nodes(ids: ${'['.repeat(2000)}"a"${']'.repeat(2000)}) { id } }`,
    ),
    query(
      'a 900 kB string literal',
      `{ projectByKey(key: "${'A'.repeat(900_000)}") { id } }`,
      undefined,
      {},
    ),
    query('a huge float', '{ projects(first: 1e999) { totalCount } }'),
  ];
}

function fragments(): Attack[] {
  const fanOut = (levels: number) => {
    const defs = [];
    for (let i = 0; i < levels; i++)
      defs.push(`fragment F${i} on User { ...F${i + 1} ...F${i + 1} ...F${i + 1} }`);
    defs.push(`fragment F${levels} on User { id }`);
    return `{ me { ...F0 } } ${defs.join(' ')}`;
  };
  return [
    query('an unknown fragment', '{ me { ...Nope } }'),
    query('a fragment on itself', '{ me { ...A } } fragment A on User { ...A }'),
    query(
      'a fragment cycle of two',
      '{ me { ...A } } fragment A on User { ...B } fragment B on User { ...A }',
    ),
    query(
      'an unused cyclic fragment',
      '{ me { id } } fragment A on User { ...B } fragment B on User { ...A }',
    ),
    query('a fragment on an unknown type', '{ me { ...A } } fragment A on Nope { id }'),
    query('a fragment on a wrong type', '{ me { ...A } } fragment A on Project { id }'),
    query(
      'duplicate fragment names',
      '{ me { ...A } } fragment A on User { id } fragment A on User { id }',
    ),
    ...[10, 15, 20, 25].map((levels) =>
      query(`a fragment fan-out of ${levels} levels`, fanOut(levels)),
    ),
    query(
      'a fragment spread into many aliases',
      `{ ${repeat(30, (i) => `a${i}: projects(first: 100) { nodes { ...P } }`)} } fragment P on Project { rootTasks(first: 100) { nodes { id } } }`,
    ),
  ];
}

function methods(): Attack[] {
  const q = encodeURIComponent;
  return [
    get('GET without the preflight header', () => `/graphql?query=${q('{ me { id } }')}`),
    get('GET a mutation', () => `/graphql?query=${q('mutation { logOut }')}`, {
      'apollo-require-preflight': 'true',
    }),
    get(
      'GET a mutation with an operation name',
      () => `/graphql?query=${q('mutation M { logOut }')}&operationName=M`,
      { 'apollo-require-preflight': 'true' },
    ),
    get(
      'GET with malformed variables',
      () => `/graphql?query=${q('{ me { id } }')}&variables=%7B`,
      {
        'apollo-require-preflight': 'true',
      },
    ),
    get('GET with a 10 kB query string', () => `/graphql?query=${'a'.repeat(10_000)}`, {
      'apollo-require-preflight': 'true',
    }),
    get('an unknown route', () => '/admin'),
    get('a path traversal', () => '/../../etc/passwd'),
    {
      name: 'PUT /graphql',
      send: (t) => send(`${t.baseUrl}/graphql`, { method: 'PUT', body: '{}' }),
    },
    {
      name: 'DELETE /graphql',
      send: (t) => send(`${t.baseUrl}/graphql`, { method: 'DELETE' }),
    },
    {
      name: 'an operationName that is not in the document',
      send: (t) =>
        postRaw(t.baseUrl, JSON.stringify({ query: 'query A { me { id } }', operationName: 'B' })),
    },
    {
      name: 'two named operations without operationName',
      send: (t) =>
        postRaw(
          t.baseUrl,
          JSON.stringify({ query: 'query A { me { id } } query B { me { id } }' }),
        ),
    },
    {
      name: 'a mutation with an unknown operationName',
      send: (t) =>
        postRaw(
          t.baseUrl,
          JSON.stringify({ query: 'mutation A { logOut }', operationName: 'Nope' }),
          { authorization: `Bearer ${t.member.token}` },
        ),
    },
  ];
}

function strings(): Attack[] {
  const bad = ['\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '\ude80x'];
  return bad.flatMap((value) => [
    query(
      `createProject name ${JSON.stringify(value)}`,
      'mutation ($n: String!) { createProject(input: { key: "ATK", name: $n }) { id } }',
      () => ({ n: value }),
    ),
    query(
      `projects search ${JSON.stringify(value)}`,
      'query ($s: String) { projects(filter: { search: $s }) { totalCount } }',
      () => ({ s: value }),
    ),
    query(
      `a literal ${JSON.stringify(value)}`,
      `{ projectByKey(key: ${JSON.stringify(value)}) { id } }`,
    ),
  ]);
}

function cursorsAndIds(): Attack[] {
  const uuid = '0190a000-0000-7000-8000-000000000000';
  const cursors = [
    'not base64 !!',
    'x',
    forged(null),
    forged({}),
    forged('a'),
    forged([]),
    forged([1]),
    forged([1, 2, 3, 4]),
    forged([2 ** 31, uuid]),
    forged([9e15, uuid]),
    forged([1e308, uuid]),
    forged([null, uuid]),
    forged([{ $gt: 1 }, uuid]),
    forged(["0'; drop table tasks; --", uuid]),
    forged([0, 'not-a-uuid']),
    forged([0, "' or 1=1 --"]),
    Buffer.from('[0, "').toString('base64url'),
  ];
  const refused = { code: 'BAD_USER_INPUT' };
  const attacks: Attack[] = cursors.flatMap((cursor, i) => [
    query(
      `rootTasks cursor #${i}`,
      'query ($id: ID!, $c: String) { project(id: $id) { rootTasks(after: $c) { totalCount } } }',
      (t) => ({ id: t.projectId, c: cursor }),
      refused,
    ),
    query(
      `projects cursor #${i}`,
      'query ($c: String) { projects(before: $c, last: 5) { totalCount } }',
      // Projects are ordered by creation time: 2^31 ms is a valid one, not an attack there.
      () => ({ c: cursor === forged([2 ** 31, uuid]) ? forged([2 ** 53, uuid]) : cursor }),
      refused,
    ),
  ]);
  attacks.push(
    query(
      'a shift board cursor past smallint',
      'query ($c: String) { shiftBoard(shift: "NIGHT", after: $c) { totalCount } }',
      // PostgreSQL's SMALLINT would fail the comparison; SQLite's integers are wide enough.
      () => ({ c: forged([40_000, null, uuid]) }),
      {},
    ),
    ...['nope', "' or 1=1 --", '0190a000-0000-7000-8000-00000000000x', 'a'.repeat(10_000)].map(
      (id) =>
        query(
          `project id ${id.slice(0, 20)}`,
          'query ($id: ID!) { project(id: $id) { id } }',
          () => ({ id }),
          {},
        ),
    ),
    query(
      'a task in a project that cannot be read',
      'query ($id: ID!) { task(id: $id) { id } }',
      () => ({ id: uuid }),
      {},
    ),
  );
  return attacks;
}

function identities(): Attack[] {
  const tokens = ['', 'x', 'Bearer', 'a'.repeat(8000), '\u00ff\u00fe', "' or 1=1 --"];
  return [
    ...tokens.map((token, i) => ({
      name: `authorization header #${i}`,
      answered: { code: 'UNAUTHENTICATED' },
      send: (t: Target) =>
        send(`${t.baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ me { id } }' }),
        }),
    })),
    {
      name: 'a mutation without signing in',
      answered: { code: 'UNAUTHENTICATED' },
      send: (t: Target) =>
        postRaw(
          t.baseUrl,
          JSON.stringify({
            query: 'mutation { createProject(input: { key: "ANON", name: "A" }) { id } }',
          }),
        ),
    },
    {
      name: 'an admin-only query as a member',
      answered: { code: 'FORBIDDEN' },
      send: (t: Target) => postQuery(t.baseUrl, '{ users { totalCount } }', {}, t.member),
    },
  ];
}

const ATTACKS: Attack[] = [
  ...malformedBodies(),
  ...wrongTypes(),
  ...deepAndWide(),
  ...fragments(),
  ...methods(),
  ...strings(),
  ...cursorsAndIds(),
  ...identities(),
];

describe.each(dialects)('the attack suite on %s', (dialect) => {
  let server: TestServer;
  const target = {} as Target;

  beforeAll(async () => {
    server = await startTestServer({ dialect, env: { NODE_ENV: 'production' } });
    target.baseUrl = await server.listen();
    target.member = await server.createUser();
    const created = await runOk<{ createProject: { id: string } }>(
      server,
      'mutation { createProject(input: { key: "ATTACK", name: "Attack" }) { id } }',
      {},
      target.member,
    );
    target.projectId = created.createProject.id;
  });
  afterAll(() => server.close());

  it('has several hundred distinct attacks', () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(ATTACKS.map((attack) => attack.name)).size).toBe(ATTACKS.length);
  });

  it.each(ATTACKS.map((attack) => [attack.name, attack] as const))(
    'refuses %s cleanly',
    async (_name, attack) => {
      const res = await attack.send(target);
      expect(res.ms).toBeLessThan(BOUND_MS);
      const body = res.json;
      const errors = body.errors ?? [];
      if (attack.answered) {
        expect(res.status).toBe(200);
        if (attack.answered.code)
          expect(errors.map((error) => error.extensions?.code)).toContain(attack.answered.code);
      } else {
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(errors.length).toBeGreaterThan(0);
      }
      for (const error of errors) {
        expect(CLIENT_CODES).toContain(error.extensions?.code);
        expect(error.extensions).not.toHaveProperty('stacktrace');
        expect(error.message).not.toMatch(INSIDES);
      }
      expect(res.text).not.toMatch(/"stacktrace"|\n\s+at /);
    },
  );

  it('is healthy after all of them', async () => {
    expect((await send(`${target.baseUrl}/healthz`, {})).status).toBe(200);
    expect((await send(`${target.baseUrl}/readyz`, {})).status).toBe(200);
    const me = await postQuery(target.baseUrl, '{ me { id } }', {}, target.member);
    expect(me.json).toEqual({ data: { me: { id: target.member.id } } });
    const written = await runOk<{ projects: { totalCount: number } }>(
      server,
      '{ projects { totalCount } }',
      {},
      target.member,
    );
    // Only the project made in beforeAll: no attack wrote anything.
    expect(written.projects.totalCount).toBe(1);
  });
});

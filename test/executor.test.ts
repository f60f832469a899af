import { readFileSync } from 'node:fs';
import { execute, parse, type ExecutionResult } from 'graphql';
import { COMPILE_BUDGET, worthCompiling } from '../src/common/compiled-executor';
import { callFieldResolversDirectly } from '../src/common/direct-resolvers';
import { buildPorticoSchema } from '../src/schema';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { buildDataset } from './fixtures';
import { dialects } from './support';

/**
 * Operations go through graphql-jit (src/common/compiled-executor.ts). Each one here must answer
 * exactly what graphql-js answers over the same schema, resolvers and data: fragments, aliases,
 * directives, abstract types, null propagation, defaults, errors and their paths.
 */
const OPERATIONS: [string, string, Record<string, unknown>][] = [
  [
    'the board, with fragments and aliases',
    `query ($key: String!) {
      projectByKey(key: $key) {
        ...Head
        roots: rootTasks(first: 3) { totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { ...TaskFields subtasks(first: 2) { nodes { ...TaskFields } } } } }
      }
    }
    fragment Head on Project { __typename id key name lead { username } taskCount }
    fragment TaskFields on Task { id title status position depth assignee { username } blockedBy { title } todos { text done } }`,
    { key: 'DS1' },
  ],
  [
    'the medium tree, with an input object default',
    `{ projects(first: 5, orderBy: { field: KEY }) { totalCount nodes { key rootTasks(first: 2) { nodes { title } } } } }`,
    {},
  ],
  [
    '@skip and @include by variables',
    `query ($key: String!, $skip: Boolean!, $include: Boolean!) {
      projectByKey(key: $key) { key name @skip(if: $skip) taskCount @include(if: $include)
        rootTasks(first: 2) { nodes { title ... on Task @include(if: $include) { position } } } }
    }`,
    { key: 'DS0', skip: true, include: true },
  ],
  [
    'node and nodes through the Node interface',
    `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Project { key } ... on Task { title project { key } } } }`,
    { ids: ['01900000-0000-7000-8000-000000000000', 'not-an-id'] },
  ],
  [
    'an error on one field beside data on another',
    `query ($id: ID!) { task(id: $id) { id } me { username } missing: taskTree(projectId: $id) { id } }`,
    { id: '01900000-0000-7000-8000-000000000000' },
  ],
  [
    'a cursor that does not decode',
    `{ projects(first: 2, after: "not-a-cursor") { nodes { key } } }`,
    {},
  ],
];

describe.each(dialects)('compiled execution on %s', (dialect) => {
  let server: TestServer;
  let user: TestUser;
  let taskIds: string[];

  beforeAll(async () => {
    // 40 aliases take a document past the compile budget; the default limit is 30.
    server = await startTestServer({ dialect, env: { MAX_ALIASES: '100' } });
    user = await server.createUser();
    const projects = await buildDataset(
      server,
      { projects: 3, roots: 4, children: 2, todosPerTask: 2, usersPerPool: 2 },
      user,
    );
    const tree = await server.run<{ taskTree: { id: string }[] }>(
      `query ($id: ID!) { taskTree(projectId: $id) { id } }`,
      { id: projects[1].id },
      { as: user },
    );
    taskIds = [projects[0].id, ...tree.data!.taskTree.slice(0, 3).map((task) => task.id)];
  });
  afterAll(() => server.close());

  /** graphql-js's answer, shaped like a response: errors as message and path. */
  const interpreted = async (query: string, variables: Record<string, unknown>) => {
    const result = (await execute({
      schema: server.portico.schema,
      document: parse(query),
      contextValue: await server.portico.createRequestContext({ token: user.token }),
      variableValues: variables,
    })) as ExecutionResult;
    return {
      data: JSON.parse(JSON.stringify(result.data)) as unknown,
      errors: result.errors?.map(({ message, path }) => ({ message, path })),
    };
  };

  it.each(OPERATIONS)('%s: the same answer as graphql-js', async (_name, query, variables) => {
    const vars =
      'ids' in variables ? { ids: [...taskIds, ...(variables.ids as string[])] } : variables;
    const compiled = await server.run(query, vars, { as: user });
    expect({
      data: compiled.data,
      errors: compiled.errors?.map(({ message, path }) => ({ message, path })),
    }).toEqual(await interpreted(query, vars));
  });

  it('answers a document past the compile budget through graphql-js, the same way', async () => {
    const aliases = Array.from(
      { length: 40 },
      (_, i) =>
        `a${i}: rootTasks(first: 2) { nodes { id title position assignee { username } todos { text } blockedBy { title } subtasks(first: 1) { nodes { id title } } } }`,
    ).join(' ');
    const query = `query ($key: String!) { projectByKey(key: $key) { key ${aliases} } }`;
    expect(worthCompiling(parse(query))).toBe(false);
    const compiled = await server.run(query, { key: 'DS1' }, { as: user });
    expect(compiled.errors).toBeUndefined();
    expect({ data: compiled.data, errors: undefined }).toEqual(
      await interpreted(query, { key: 'DS1' }),
    );
  });

  it('answers the same operation twice from one compilation, with other variables', async () => {
    const query = `query ($key: String!) { projectByKey(key: $key) { key } }`;
    for (const key of ['DS0', 'DS1', 'NONE']) {
      const result = await server.run<{ projectByKey: { key: string } | null }>(
        query,
        { key },
        { as: user },
      );
      expect(result.data?.projectByKey?.key ?? null).toBe(key === 'NONE' ? null : key);
    }
  });

  it('rolls a mutation back when a later root field fails, as graphql-js runs them in order', async () => {
    const result = await server.run(
      `mutation { a: createProject(input: { key: "JITA", name: "A" }) { key }
                  b: createProject(input: { key: "JITA", name: "Again" }) { key } }`,
      {},
      { as: user },
    );
    expect(result.data).toBeNull();
    expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['b'], 'CONFLICT'],
    ]);
    expect(result.extensions).toEqual({ transaction: 'ROLLED_BACK' });
    const after = await server.run(`{ projectByKey(key: "JITA") { key } }`, {}, { as: user });
    expect(after.data).toEqual({ projectByKey: null });
  });
});

describe('the compile budget', () => {
  it('compiles the benchmark operations and refuses documents past the budget', () => {
    for (const file of ['3-board', '4-medium-tree'])
      expect(worthCompiling(parse(readFileSync(`bench/operations/${file}.graphql`, 'utf8')))).toBe(
        true,
      );
    const fields = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    // Each alias is two selections: me and its id.
    expect(worthCompiling(parse(fields(COMPILE_BUDGET / 2)))).toBe(true);
    expect(worthCompiling(parse(fields(COMPILE_BUDGET / 2 + 1)))).toBe(false);
  });
});

describe('field resolvers called without type-graphql', () => {
  it('skips its plumbing for relations and connection members, not for validated arguments', async () => {
    const direct = callFieldResolversDirectly(await buildPorticoSchema());
    expect(direct).toEqual(
      expect.arrayContaining([
        'Task.assignee',
        'Task.subtasks',
        'Task.todos',
        'Project.rootTasks',
        'TaskConnection.nodes',
        'TaskConnection.totalCount',
        'User.email',
      ]),
    );
    // Their arguments are validated by class-validator, which only type-graphql runs.
    expect(direct).not.toContain('Project.tasks');
    expect(direct).not.toContain('Document.revision');
  });
});

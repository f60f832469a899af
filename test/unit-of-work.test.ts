import { Project } from '../src/modules/project/project.entity';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects } from './support';

const TWO_PROJECTS = `mutation Two($first: CreateProjectInput!, $second: CreateProjectInput!) {
  first: createProject(input: $first) { id key }
  second: createProject(input: $second) { id key }
}`;

const PROJECT_THEN_TASK = `mutation ProjectThenTask($project: CreateProjectInput!, $task: CreateTaskInput!) {
  createProject(input: $project) { id }
  createTask(input: $task) { id }
}`;

describe.each(dialects)('unit of work on %s', (dialect) => {
  let server: TestServer;
  let user: TestUser;
  const keys = async () =>
    (await server.portico.orm.em.fork().find(Project, {})).map((p) => p.key).sort();

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    user = await server.createUser();
  });
  afterAll(() => server.close());

  it('commits every root field of a mutation together', async () => {
    const result = await server.run(
      TWO_PROJECTS,
      { first: { key: 'OKA', name: 'A' }, second: { key: 'OKB', name: 'B' } },
      { as: user },
    );
    expect(result.errors).toBeUndefined();
    expect(result.extensions).toEqual({ transaction: 'COMMITTED' });
    expect(await keys()).toEqual(expect.arrayContaining(['OKA', 'OKB']));
  });

  it('leaves nothing of the first root field when the second fails on a constraint', async () => {
    const result = await server.run(
      TWO_PROJECTS,
      { first: { key: 'RBA', name: 'A' }, second: { key: 'OKA', name: 'taken key' } },
      { as: user },
    );
    expect(codesOf(result)).toEqual(['CONFLICT']);
    expect(result.data).toBeNull();
    expect(result.extensions).toEqual({ transaction: 'ROLLED_BACK' });
    expect(await keys()).not.toContain('RBA');
  });

  it('leaves nothing of the first root field when the second is refused by a service', async () => {
    const result = await server.run(
      PROJECT_THEN_TASK,
      {
        project: { key: 'RBB', name: 'B' },
        task: { projectId: '00000000-0000-7000-8000-000000000000', title: 'orphan' },
      },
      { as: user },
    );
    expect(codesOf(result)).toEqual(['NOT_FOUND']);
    expect(result.data).toBeNull();
    expect(await keys()).not.toContain('RBB');
  });

  it('answers queries without opening a transaction', async () => {
    const result = await server.run('{ projects(first: 1) { totalCount } }', {}, { as: user });
    expect(result.errors).toBeUndefined();
    expect(result.extensions).toBeUndefined();
  });

  it('gives every request its own EntityManager and loaders', async () => {
    const a = await server.portico.createRequestContext({ token: user.token });
    const b = await server.portico.createRequestContext({ token: user.token });
    expect(a.em).not.toBe(b.em);
    expect(a.em).not.toBe(server.portico.orm.em);
    expect(a.loaders).not.toBe(b.loaders);
    expect(a.user).not.toBe(b.user);
    expect(a.user?.id).toBe(user.id);
    const project = await a.em.findOneOrFail(Project, { key: 'OKA' });
    project.name = 'changed in a, never flushed';
    expect((await b.em.findOneOrFail(Project, { key: 'OKA' })).name).toBe('A');
  });

  // Writers race past the service's key check; the unique index stops all but one, as CONFLICT.
  it('never lets concurrent writers with the same key both succeed', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        server.run(
          TWO_PROJECTS,
          { first: { key: `CC${i}`, name: 'x' }, second: { key: 'CCSAME', name: 'y' } },
          { as: user },
        ),
      ),
    );
    const committed = attempts.filter((r) => r.extensions?.transaction === 'COMMITTED');
    expect(committed).toHaveLength(1);
    for (const failed of attempts.filter((r) => r.extensions?.transaction !== 'COMMITTED')) {
      expect(codesOf(failed)).toEqual(['CONFLICT']);
      expect(failed.data).toBeNull();
    }
    const stored = (await keys()).filter((key) => key.startsWith('CC'));
    expect(stored).toHaveLength(2);
  });
});

import { isInterfaceType, isObjectType } from 'graphql';
import { Venue } from '../src/modules/venue/venue.entity';
import { NODE_TYPES } from '../src/modules/node/node.registry';
import { Role } from '../src/modules/user/role.enum';
import { buildPorticoSchema } from '../src/schema';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects, runOk } from './support';

/** A UUIDv7-shaped id that names nothing. */
const MISSING = '01900000-0000-7000-8000-000000000000';

/** Every Node type through an inline fragment, with a field resolver or two behind some. */
const FIELDS = `
  __typename
  id
  ... on User { username }
  ... on Session { current }
  ... on Project { key }
  ... on Task { title project { key } }
  ... on Todo { text task { title } }
  ... on TaskEvent { kind actor { username } }
  ... on Document { title deletedAt }
  ... on DocumentRevision { number content }
  ... on Category { name }
  ... on Tag { name }
  ... on Shift { key }
  ... on Handoff { title shift { key } }
  ... on HandoffEvent { handoffKind: kind actor { username } }
  ... on Plan { title }
  ... on PlanActivity { title orderIndex }
  ... on PlanShareLink { revokedAt }
  ... on Venue { name }
  ... on Booking { status }
  ... on BookingChange { bookingKind: kind }
`;
const NODE = `query ($id: ID!) { node(id: $id) { ${FIELDS} } }`;
const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) { ${FIELDS} } }`;
const NODES_IDS = `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;

type NodeAnswer = { __typename: string; id: string; [field: string]: unknown } | null;

/** The Node types a project holds: one of each, made through the API by its lead. */
interface ProjectWorld {
  projectId: string;
  key: string;
  taskId: string;
  todoId: string;
  eventId: string;
  documentId: string;
  revisionId: string;
}

describe.each(dialects)('Node on %s', (dialect) => {
  let server: TestServer;
  let lead: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let privateWorld: ProjectWorld;
  let internalWorld: ProjectWorld;
  let looseDocumentId: string;
  let deletedDocumentId: string;
  let categoryId: string;
  let tagId: string;
  let handoffId: string;
  let planId: string;
  let activityId: string;
  let shareLinkId: string;
  let venueId: string;
  let bookingId: string;
  let bookingChangeId: string;
  let handoffEventId: string;
  let leadSessionId: string;
  let n = 0;

  const ok = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    as: TestUser,
  ) => runOk<T>(server, query, variables, as);

  const node = async (id: string, as: TestUser) =>
    (await ok<{ node: NodeAnswer }>(NODE, { id }, as)).node;
  const nodes = async (ids: string[], as: TestUser) =>
    (await ok<{ nodes: NodeAnswer[] }>(NODES, { ids }, as)).nodes;

  /** A project led by `lead` with `viewer` as VIEWER: a task (and its CREATED event), a todo, a document. */
  async function projectWorld(visibility: 'PRIVATE' | 'INTERNAL'): Promise<ProjectWorld> {
    n += 1;
    const key = `ND${n}`;
    const { createProject } = await ok<{ createProject: { id: string } }>(
      `mutation ($key: String!, $visibility: ProjectVisibility) {
        createProject(input: { key: $key, name: $key, visibility: $visibility }) { id }
      }`,
      { key, visibility },
      lead,
    );
    const projectId = createProject.id;
    await ok(
      `mutation ($p: ID!, $u: ID!) { addProjectMember(projectId: $p, userId: $u, role: VIEWER) { role } }`,
      { p: projectId, u: viewer.id },
      lead,
    );
    const { createTask } = await ok<{ createTask: { id: string } }>(
      `mutation ($p: ID!, $title: String!) { createTask(input: { projectId: $p, title: $title }) { id } }`,
      { p: projectId, title: `Task of ${key}` },
      lead,
    );
    const { addTodo } = await ok<{ addTodo: { id: string } }>(
      `mutation ($t: ID!, $text: String!) { addTodo(input: { taskId: $t, text: $text }) { id } }`,
      { t: createTask.id, text: `Todo of ${key}` },
      lead,
    );
    const { task } = await ok<{ task: { history: { nodes: { id: string }[] } } }>(
      'query ($id: ID!) { task(id: $id) { history { nodes { id } } } }',
      { id: createTask.id },
      lead,
    );
    const { createDocument } = await ok<{
      createDocument: { id: string; latestRevision: { id: string } };
    }>(
      `mutation ($input: CreateDocumentInput!) {
        createDocument(input: $input) { id latestRevision { id } }
      }`,
      { input: { title: `Plan of ${key}`, content: `Text of ${key}\n`, projectId } },
      lead,
    );
    return {
      projectId,
      key,
      taskId: createTask.id,
      todoId: addTodo.id,
      eventId: task.history.nodes[0].id,
      documentId: createDocument.id,
      revisionId: createDocument.latestRevision.id,
    };
  }

  const projectIds = (w: ProjectWorld) => [
    w.projectId,
    w.taskId,
    w.todoId,
    w.eventId,
    w.documentId,
    w.revisionId,
  ];

  beforeAll(async () => {
    // One case batches 50 aliased node(id) fields; the default MAX_ALIASES is 30.
    server = await startTestServer({ dialect, env: { MAX_ALIASES: '50' } });
    [lead, viewer, outsider] = await Promise.all([1, 2, 3].map(() => server.createUser()));
    admin = await server.createUser({ role: Role.ADMIN });
    privateWorld = await projectWorld('PRIVATE');
    internalWorld = await projectWorld('INTERNAL');

    const { createCategory } = await ok<{ createCategory: { id: string } }>(
      'mutation { createCategory(input: { name: "Runbooks" }) { id } }',
      {},
      admin,
    );
    categoryId = createCategory.id;
    const loose = await ok<{ createDocument: { id: string; tags: { id: string }[] } }>(
      `mutation ($input: CreateDocumentInput!) { createDocument(input: $input) { id tags { id } } }`,
      { input: { title: 'Loose', content: 'x', categoryId, tags: ['ops'] } },
      lead,
    );
    looseDocumentId = loose.createDocument.id;
    tagId = loose.createDocument.tags[0].id;
    const deleted = await ok<{ createDocument: { id: string } }>(
      `mutation ($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`,
      { input: { title: 'Gone', content: 'x', projectId: privateWorld.projectId } },
      lead,
    );
    deletedDocumentId = deleted.createDocument.id;
    await ok(
      'mutation ($id: ID!) { deleteDocument(id: $id) { id } }',
      { id: deletedDocumentId },
      lead,
    );

    const { mySessions } = await ok<{ mySessions: { nodes: { id: string }[] } }>(
      '{ mySessions { nodes { id } } }',
      {},
      lead,
    );
    leadSessionId = mySessions.nodes[0].id;

    const { createHandoff } = await ok<{
      createHandoff: { id: string; events: { nodes: { id: string }[] } };
    }>(
      'mutation { createHandoff(input: { title: "Handed", shift: "DAY" }) { id events { nodes { id } } } }',
      {},
      lead,
    );
    handoffId = createHandoff.id;

    const { createPlan } = await ok<{ createPlan: { id: string } }>(
      'mutation { createPlan(input: { title: "Trip" }) { id } }',
      {},
      lead,
    );
    planId = createPlan.id;
    const { createActivity } = await ok<{ createActivity: { id: string } }>(
      'mutation ($id: ID!) { createActivity(planId: $id, input: { title: "Walk" }) { id } }',
      { id: planId },
      lead,
    );
    activityId = createActivity.id;
    const { createShareLink } = await ok<{ createShareLink: { shareLink: { id: string } } }>(
      'mutation ($id: ID!, $at: DateTimeISO!) { createShareLink(planId: $id, expiresAt: $at) { shareLink { id } } }',
      { id: planId, at: new Date(Date.now() + 86_400_000).toISOString() },
      lead,
    );
    shareLinkId = createShareLink.shareLink.id;
    const venueEm = server.portico.orm.em.fork();
    const venue = venueEm.create(Venue, { name: 'Court', city: 'Lisbon', timezone: 'UTC' });
    await venueEm.flush();
    venueId = venue.id;
    await ok(
      'mutation ($id: ID!) { setVenueHours(venueId: $id, hours: [{ dayOfWeek: 2, opensAt: "08:00", closesAt: "20:00" }]) { id } }',
      { id: venueId },
      admin,
    );
    const { createBooking } = await ok<{
      createBooking: { id: string; changes: { nodes: { id: string }[] } };
    }>(
      'mutation ($id: ID!) { createBooking(input: { venueId: $id, startsAt: "2027-06-01T10:00:00Z", endsAt: "2027-06-01T11:00:00Z" }) { id changes { nodes { id } } } }',
      { id: venueId },
      lead,
    );
    bookingId = createBooking.id;
    bookingChangeId = createBooking.changes.nodes[0].id;
    handoffEventId = createHandoff.events.nodes[0].id;
  });
  afterAll(() => server?.close());

  it('is implemented by every object type with an id, each with a lookup in the registry', async () => {
    const schema = await buildPorticoSchema();
    const nodeType = schema.getType('Node');
    if (!isInterfaceType(nodeType)) throw new Error('Node is not an interface');
    const implementations = schema
      .getPossibleTypes(nodeType)
      .map((type) => type.name)
      .sort();
    expect(implementations).toEqual(NODE_TYPES.map((type) => type.name).sort());
    // TaskDeletion's id names a task that no longer exists: there is nothing to refetch.
    const withIds = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && 'id' in type.getFields())
      .map((type) => type.name)
      .filter((name) => name !== 'TaskDeletion')
      .sort();
    expect(withIds).toEqual(implementations);
  });

  it('answers node(id) for each type with its __typename and its fields', async () => {
    const w = privateWorld;
    const cases: [string, string, Record<string, unknown>][] = [
      ['User', viewer.id, { username: viewer.username }],
      ['Session', leadSessionId, { current: true }],
      ['Project', w.projectId, { key: w.key }],
      ['Task', w.taskId, { title: `Task of ${w.key}`, project: { key: w.key } }],
      ['Todo', w.todoId, { text: `Todo of ${w.key}`, task: { title: `Task of ${w.key}` } }],
      ['TaskEvent', w.eventId, { kind: 'CREATED', actor: { username: lead.username } }],
      ['Document', w.documentId, { title: `Plan of ${w.key}`, deletedAt: null }],
      ['DocumentRevision', w.revisionId, { number: 1, content: `Text of ${w.key}\n` }],
      ['Category', categoryId, { name: 'Runbooks' }],
      ['Tag', tagId, { name: 'ops' }],
      ['Shift', '00000000-0000-7000-8000-000000000001', { key: 'DAY' }],
      ['Handoff', handoffId, { title: 'Handed', shift: { key: 'DAY' } }],
      [
        'HandoffEvent',
        handoffEventId,
        { handoffKind: 'CREATED', actor: { username: lead.username } },
      ],
      ['Plan', planId, { title: 'Trip' }],
      ['PlanActivity', activityId, { title: 'Walk', orderIndex: 0 }],
      ['PlanShareLink', shareLinkId, { revokedAt: null }],
      ['Venue', venueId, { name: 'Court' }],
      ['Booking', bookingId, { status: 'PENDING' }],
      ['BookingChange', bookingChangeId, { bookingKind: 'CREATED' }],
    ];
    for (const [typename, id, fields] of cases) {
      expect(await node(id, lead)).toEqual({ __typename: typename, id, ...fields });
    }
    expect(cases.map(([typename]) => typename).sort()).toEqual(
      NODE_TYPES.map((type) => type.name).sort(),
    );
  });

  it('answers nodes(ids) in the order given, null for missing, malformed and unreadable ids', async () => {
    const w = privateWorld;
    const ids = [tagId, MISSING, w.taskId, 'not-an-id', viewer.id, '', categoryId, tagId];
    const answers = await nodes(ids, outsider);
    expect(answers.map((answer) => answer?.__typename ?? null)).toEqual([
      'Tag',
      null,
      null,
      null,
      'User',
      null,
      'Category',
      'Tag',
    ]);
    expect(answers.map((answer) => answer?.id ?? null)).toEqual([
      tagId,
      null,
      null,
      null,
      viewer.id,
      null,
      categoryId,
      tagId,
    ]);
    expect(await nodes([], outsider)).toEqual([]);
    expect(await node('not-an-id', outsider)).toBeNull();
    expect(await node(MISSING, outsider)).toBeNull();
  });

  it("hides a PRIVATE project's task, todo, event, document and revision from a non-member, like missing ids", async () => {
    const hidden = projectIds(privateWorld);
    expect(await nodes(hidden, outsider)).toEqual(hidden.map(() => null));
    for (const id of hidden) {
      const asOutsider = await server.run(NODE, { id }, { as: outsider });
      const asMissing = await server.run(NODE, { id: MISSING }, { as: outsider });
      expect(asOutsider).toEqual(asMissing);
    }
    const typenames = ['Project', 'Task', 'Todo', 'TaskEvent', 'Document', 'DocumentRevision'];
    for (const reader of [viewer, lead, admin]) {
      const answers = await nodes(hidden, reader);
      expect(answers.map((answer) => answer?.__typename)).toEqual(typenames);
      expect(answers.map((answer) => answer?.id)).toEqual(hidden);
    }
  });

  it("shows an INTERNAL project's objects and a document without a project to everyone signed in", async () => {
    const open = [...projectIds(internalWorld), looseDocumentId];
    const answers = await nodes(open, outsider);
    expect(answers.map((answer) => answer?.__typename)).toEqual([
      'Project',
      'Task',
      'Todo',
      'TaskEvent',
      'Document',
      'DocumentRevision',
      'Document',
    ]);
  });

  it('refetches a deleted document, as documents(filter: { deleted: true }) lists it, for its readers only', async () => {
    const asReader = await node(deletedDocumentId, viewer);
    expect(asReader).toMatchObject({ __typename: 'Document', title: 'Gone' });
    expect(asReader?.deletedAt).not.toBeNull();
    expect(await node(deletedDocumentId, outsider)).toBeNull();
  });

  it("answers null for another user's session, and for a revoked one of your own", async () => {
    expect(await node(leadSessionId, outsider)).toBeNull();
    expect(await node(leadSessionId, admin)).toBeNull();
    expect(await node(leadSessionId, lead)).toEqual({
      __typename: 'Session',
      id: leadSessionId,
      current: true,
    });

    // A user of its own with two sessions: one signs in again and revokes the other.
    const owner = await server.createUser();
    const { logIn } = await ok<{ logIn: { token: string } }>(
      `mutation ($login: String!, $password: String!) {
        logIn(input: { login: $login, password: $password }) { token }
      }`,
      { login: owner.username, password: owner.password },
      owner,
    );
    const again: TestUser = { ...owner, token: logIn.token };
    const { mySessions } = await ok<{ mySessions: { nodes: { id: string; current: boolean }[] } }>(
      '{ mySessions { nodes { id current } } }',
      {},
      again,
    );
    const first = mySessions.nodes.find((session) => !session.current)!;
    expect(await node(first.id, again)).toEqual({
      __typename: 'Session',
      id: first.id,
      current: false,
    });
    await ok('mutation ($id: ID!) { revokeSession(id: $id) }', { id: first.id }, again);
    expect(await node(first.id, again)).toBeNull();
  });

  it('refuses more than MAX_PAGE_SIZE ids with BAD_USER_INPUT', async () => {
    const hundred = Array.from({ length: 100 }, () => MISSING);
    expect(await nodes(hundred, outsider)).toHaveLength(100);
    const result = await server.run(NODES_IDS, { ids: [...hundred, MISSING] }, { as: outsider });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions).toMatchObject({ field: 'ids', limit: 100 });
    expect(result.data).toBeNull();
  });

  it('costs the same statements for 50 ids of 5 types as for 5: one for the types, one per type', async () => {
    // Ten of each of Task, TaskEvent (one per task), Todo, Document, DocumentRevision, in a
    // PRIVATE project, read by a non-admin member so that every access rule is in the SQL.
    const aliases = (count: number, field: (i: number) => string) =>
      Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join('\n');
    const tasks = await ok<Record<string, { id: string }>>(
      `mutation ($p: ID!) {
        ${aliases(10, (i) => `createTask(input: { projectId: $p, title: "Bulk ${i}" }) { id }`)}
      }`,
      { p: privateWorld.projectId },
      lead,
    );
    const taskIds = Object.values(tasks).map((task) => task.id);
    const todos = await ok<Record<string, { id: string }>>(
      `mutation {
        ${aliases(10, (i) => `addTodo(input: { taskId: "${taskIds[i]}", text: "Bulk ${i}" }) { id }`)}
      }`,
      {},
      lead,
    );
    const documents = await ok<Record<string, { id: string; latestRevision: { id: string } }>>(
      `mutation ($p: ID!) {
        ${aliases(
          10,
          (i) =>
            `createDocument(input: { title: "Bulk ${i}", content: "x", projectId: $p }) { id latestRevision { id } }`,
        )}
      }`,
      { p: privateWorld.projectId },
      lead,
    );
    const events = await ok<Record<string, { history: { nodes: { id: string }[] } }>>(
      `query { ${aliases(10, (i) => `task(id: "${taskIds[i]}") { history { nodes { id } } }`)} }`,
      {},
      lead,
    );
    const byType = [
      taskIds,
      Object.values(todos).map((todo) => todo.id),
      Object.values(events).map((task) => task.history.nodes[0].id),
      Object.values(documents).map((document) => document.id),
      Object.values(documents).map((document) => document.latestRevision.id),
    ];
    const five = byType.map((ids) => ids[0]);
    const fifty = byType.flat();

    const measure = async (query: string, ids: string[]) => {
      const { result, statements, tally } = await server.measure<{ nodes: NodeAnswer[] }>(
        query,
        { ids },
        { as: viewer },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.nodes.every((answer) => answer !== null)).toBe(true);
      expect(result.data?.nodes.map((answer) => answer?.id)).toEqual(ids);
      return { statements, tally };
    };

    // The session lookup, the types of all ids, one byId batch per type.
    const small = await measure(NODES_IDS, five);
    const large = await measure(NODES_IDS, fifty);
    expect(small.statements).toBe(7);
    expect(large.statements).toBe(7);
    expect(large.tally.queries.filter((sql) => sql.includes('union all'))).toHaveLength(1);

    // With fields behind them: + Task.project, TaskEvent.actor and DocumentRevision.content
    // (Todo.task finds its tasks already loaded).
    const smallFull = await measure(NODES, five);
    const largeFull = await measure(NODES, fifty);
    expect(smallFull.statements).toBe(10);
    expect(largeFull.statements).toBe(10);

    // node(id) fields of one operation share the same batches.
    const aliased = `query { ${fifty.map((id, i) => `n${i}: node(id: "${id}") { id }`).join('\n')} }`;
    const { result, statements } = await server.measure(aliased, {}, { as: viewer });
    expect(result.errors).toBeUndefined();
    expect(statements).toBe(7);
  });
});

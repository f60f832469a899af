import type { FormattedExecutionResult } from 'graphql';
import { Role } from '../src/modules/user/role.enum';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { createDocument } from './document-helpers';
import { codesOf, dialects, runOk } from './support';

/** A UUIDv7-shaped id that names nothing. */
const MISSING = '01900000-0000-7000-8000-000000000000';

const CREATE_PROJECT = `mutation ($key: String!, $visibility: ProjectVisibility) {
  createProject(input: { key: $key, name: $key, visibility: $visibility }) { id }
}`;
const ADD_MEMBER = `mutation ($p: ID!, $u: ID!, $role: ProjectRole!) {
  addProjectMember(projectId: $p, userId: $u, role: $role) { role user { id } }
}`;
const SET_ROLE = `mutation ($p: ID!, $u: ID!, $role: ProjectRole!) {
  setProjectMemberRole(projectId: $p, userId: $u, role: $role) { role }
}`;
const REMOVE_MEMBER = `mutation ($p: ID!, $u: ID!) { removeProjectMember(projectId: $p, userId: $u) }`;
const CREATE_TASK = `mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`;

/** The answer without the ids in it, to compare a hidden thing's answer with a missing one's. */
function shapeOf(result: FormattedExecutionResult, ...ids: string[]): string {
  let text = JSON.stringify(result);
  for (const id of ids) text = text.replaceAll(id, '<id>');
  return text;
}

describe.each(dialects)('access on %s', (dialect) => {
  let server: TestServer;
  let lead: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    [lead, viewer, outsider] = await Promise.all([1, 2, 3].map(() => server.createUser()));
    admin = await server.createUser({ role: Role.ADMIN });
  });
  afterAll(() => server?.close());

  const ok = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    as: TestUser,
  ) => runOk<T>(server, query, variables, as);

  /** A project led by `lead`, with `viewer` as VIEWER, a task, a todo and a document. */
  async function world(visibility: 'PRIVATE' | 'INTERNAL') {
    n += 1;
    const key = `AC${n}`;
    const { createProject } = await ok<{ createProject: { id: string } }>(
      CREATE_PROJECT,
      { key, visibility },
      lead,
    );
    const projectId = createProject.id;
    await ok(ADD_MEMBER, { p: projectId, u: viewer.id, role: 'VIEWER' }, lead);
    const task = await ok<{ createTask: { id: string } }>(
      CREATE_TASK,
      { input: { projectId, title: 'Secret task' } },
      lead,
    );
    const todo = await ok<{ addTodo: { id: string } }>(
      'mutation ($t: ID!) { addTodo(input: { taskId: $t, text: "Secret todo" }) { id } }',
      { t: task.createTask.id },
      lead,
    );
    const doc = await createDocument(server, lead, {
      title: `Secret ${key}`,
      slug: `secret-${key.toLowerCase()}-${dialect}`,
      content: 'classified',
      tags: ['secret'],
    });
    // The document joins the project after creation, as clients do it.
    await ok(
      `mutation ($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`,
      { input: { title: `Plan ${key}`, content: 'x', projectId } },
      lead,
    );
    return { projectId, key, taskId: task.createTask.id, todoId: todo.addTodo.id, doc };
  }

  describe('what a user may not read answers like what does not exist', () => {
    it('lookups of a PRIVATE project, its task and its document are null, as for a missing id', async () => {
      const w = await world('PRIVATE');
      const docs = await ok<{ project: { documents: { nodes: { id: string }[] } } }>(
        'query ($id: ID!) { project(id: $id) { documents { nodes { id } } } }',
        { id: w.projectId },
        lead,
      );
      const docId = docs.project.documents.nodes[0].id;
      const lookups: [string, string, string][] = [
        ['query ($id: ID!) { project(id: $id) { id name } }', w.projectId, MISSING],
        ['query ($id: String!) { projectByKey(key: $id) { id name } }', w.key, 'NOPE'],
        ['query ($id: ID!) { task(id: $id) { id title } }', w.taskId, MISSING],
        ['query ($id: ID!) { document(id: $id) { id title } }', docId, MISSING],
      ];
      for (const [query, hidden, missing] of lookups) {
        const asOutsider = await server.run(query, { id: hidden }, { as: outsider });
        const asMissing = await server.run(query, { id: missing }, { as: outsider });
        expect(asOutsider.errors).toBeUndefined();
        expect(shapeOf(asOutsider, hidden)).toBe(shapeOf(asMissing, missing));
        const asViewer = await server.run<Record<string, unknown>>(
          query,
          { id: hidden },
          { as: viewer },
        );
        expect(Object.values(asViewer.data!)[0]).not.toBeNull();
      }
    });

    it('refuses writes to a PRIVATE project with NOT_FOUND, word for word like a missing id', async () => {
      const w = await world('PRIVATE');
      const writes: [string, string][] = [
        ['mutation ($id: ID!) { updateTask(id: $id, input: { title: "x" }) { id } }', w.taskId],
        ['mutation ($id: ID!) { deleteTask(id: $id) { deletedCount } }', w.taskId],
        ['mutation ($id: ID!) { updateTodo(id: $id, input: { done: true }) { id } }', w.todoId],
        ['mutation ($id: ID!) { removeTodo(id: $id) }', w.todoId],
        [
          'mutation ($id: ID!) { updateProject(id: $id, input: { name: "x" }) { id } }',
          w.projectId,
        ],
        ['mutation ($id: ID!) { archiveProject(id: $id) { id } }', w.projectId],
        [
          'mutation ($id: ID!) { createTask(input: { projectId: $id, title: "x" }) { id } }',
          w.projectId,
        ],
        ['query ($id: ID!) { taskTree(projectId: $id) { id } }', w.projectId],
        ['query ($id: ID!) { projectMembers(projectId: $id) { totalCount } }', w.projectId],
      ];
      for (const [query, id] of writes) {
        const hidden = await server.run(query, { id }, { as: outsider });
        const missing = await server.run(query, { id: MISSING }, { as: outsider });
        expect(codesOf(hidden)).toEqual(['NOT_FOUND']);
        expect(shapeOf(hidden, id)).toBe(shapeOf(missing, MISSING));
      }
      const tree = await ok<{ taskTree: { title: string }[] }>(
        'query ($id: ID!) { taskTree(projectId: $id) { title } }',
        { id: w.projectId },
        lead,
      );
      expect(tree.taskTree).toEqual([{ title: 'Secret task' }]);
    });

    it('answers a task of a PRIVATE project named as parent or blocker with NOT_FOUND, not "another project"', async () => {
      const hidden = await world('PRIVATE');
      const { createProject } = await ok<{ createProject: { id: string } }>(
        CREATE_PROJECT,
        { key: `OWN${n}`, visibility: 'INTERNAL' },
        outsider,
      );
      const own = await ok<{ createTask: { id: string } }>(
        CREATE_TASK,
        { input: { projectId: createProject.id, title: 'Mine' } },
        outsider,
      );
      const probes: [string, Record<string, unknown>][] = [
        [
          CREATE_TASK,
          { input: { projectId: createProject.id, title: 'x', parentId: hidden.taskId } },
        ],
        [
          'mutation ($id: ID!, $p: ID!) { moveTask(id: $id, parentId: $p) { id } }',
          { id: own.createTask.id, p: hidden.taskId },
        ],
        [
          'mutation ($t: ID!, $b: ID!) { addTaskDependency(taskId: $t, blockedById: $b) { id } }',
          { t: own.createTask.id, b: hidden.taskId },
        ],
      ];
      for (const [query, variables] of probes) {
        const result = await server.run(query, variables, { as: outsider });
        expect(codesOf(result)).toEqual(['NOT_FOUND']);
        expect(result.errors![0].extensions).toMatchObject({ entity: 'Task', id: hidden.taskId });
      }
      // A task of a project the caller reads but which is not this one is still a plain input error.
      const visible = await world('INTERNAL');
      const readable = await server.run(
        CREATE_TASK,
        { input: { projectId: createProject.id, title: 'x', parentId: visible.taskId } },
        { as: outsider },
      );
      expect(codesOf(readable)).toEqual(['BAD_USER_INPUT']);
    });

    it('filters lists and their totalCount in SQL, for every page', async () => {
      const privateWorld = await world('PRIVATE');
      const internalWorld = await world('INTERNAL');
      type Keys = {
        projects: {
          totalCount: number;
          nodes: { key: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
      const pageThrough = async (as: TestUser) => {
        const keys: string[] = [];
        let after: string | null = null;
        const totals = new Set<number>();
        for (;;) {
          const page: Keys = await ok<Keys>(
            'query ($after: String) { projects(first: 1, after: $after) { totalCount nodes { key } pageInfo { hasNextPage endCursor } } }',
            { after },
            as,
          );
          totals.add(page.projects.totalCount);
          keys.push(...page.projects.nodes.map((node) => node.key));
          if (!page.projects.pageInfo.hasNextPage) break;
          after = page.projects.pageInfo.endCursor;
        }
        // Every page counts the same readable projects.
        expect(totals.size).toBe(1);
        return { keys, total: [...totals][0] };
      };
      const seenByOutsider = await pageThrough(outsider);
      expect(seenByOutsider.keys).toContain(internalWorld.key);
      expect(seenByOutsider.keys).not.toContain(privateWorld.key);
      expect(seenByOutsider.total).toBe(seenByOutsider.keys.length);
      const seenByViewer = await pageThrough(viewer);
      expect(seenByViewer.keys).toEqual(
        expect.arrayContaining([privateWorld.key, internalWorld.key]),
      );
      expect(seenByViewer.total).toBe(seenByViewer.keys.length);
      const seenByAdmin = await pageThrough(admin);
      expect(seenByAdmin.total).toBeGreaterThanOrEqual(seenByViewer.total);

      const documents = async (as: TestUser) =>
        (
          await ok<{ documents: { totalCount: number; nodes: { title: string }[] } }>(
            '{ documents(first: 100) { totalCount nodes { title } } }',
            {},
            as,
          )
        ).documents;
      const outsiderDocs = await documents(outsider);
      expect(outsiderDocs.nodes.map((d) => d.title)).not.toContain(`Plan ${privateWorld.key}`);
      expect(outsiderDocs.nodes.map((d) => d.title)).toContain(`Plan ${internalWorld.key}`);
      expect(outsiderDocs.totalCount).toBe(outsiderDocs.nodes.length);
      const viewerDocs = await documents(viewer);
      expect(viewerDocs.nodes.map((d) => d.title)).toContain(`Plan ${privateWorld.key}`);
      expect(viewerDocs.totalCount).toBe(viewerDocs.nodes.length);
      expect(viewerDocs.totalCount).toBeGreaterThan(outsiderDocs.totalCount);
    });

    it('counts only readable documents under a category and a tag', async () => {
      const { createCategory } = await ok<{ createCategory: { id: string } }>(
        `mutation { createCategory(input: { name: "Access ${dialect}" }) { id } }`,
        {},
        admin,
      );
      const { createProject } = await ok<{ createProject: { id: string } }>(
        CREATE_PROJECT,
        { key: `CAT${n}`, visibility: 'PRIVATE' },
        lead,
      );
      const tag = `access-${dialect}`;
      for (const projectId of [createProject.id, null]) {
        await createDocument(server, lead, {
          title: `In category ${projectId ?? 'loose'}`,
          content: 'x',
          projectId,
          categoryId: createCategory.id,
          tags: [tag],
        });
      }
      const read = (as: TestUser) =>
        ok<{
          categories: {
            nodes: { id: string; documents: { totalCount: number; nodes: unknown[] } }[];
          };
          tags: { nodes: { name: string; documentCount: number }[] };
        }>(
          '{ categories { nodes { id documents { totalCount nodes { id } } } } tags { nodes { name documentCount } } }',
          {},
          as,
        );
      const counts = async (as: TestUser) => {
        const data = await read(as);
        const category = data.categories.nodes.find((c) => c.id === createCategory.id)!;
        return [
          category.documents.totalCount,
          category.documents.nodes.length,
          data.tags.nodes.find((t) => t.name === tag)!.documentCount,
        ];
      };
      expect(await counts(outsider)).toEqual([1, 1, 1]);
      expect(await counts(lead)).toEqual([2, 2, 2]);
      expect(await counts(admin)).toEqual([2, 2, 2]);
    });

    it('hides a project from a non-member as soon as it turns PRIVATE, and shows it again', async () => {
      const w = await world('INTERNAL');
      const look = async () =>
        (
          await ok<{ project: { id: string } | null }>(
            'query ($id: ID!) { project(id: $id) { id } }',
            { id: w.projectId },
            outsider,
          )
        ).project;
      expect(await look()).not.toBeNull();
      await ok(
        'mutation ($id: ID!) { updateProject(id: $id, input: { visibility: PRIVATE }) { id } }',
        { id: w.projectId },
        lead,
      );
      expect(await look()).toBeNull();
      await ok(
        'mutation ($id: ID!) { updateProject(id: $id, input: { visibility: INTERNAL }) { id } }',
        { id: w.projectId },
        lead,
      );
      expect(await look()).not.toBeNull();
    });
  });

  describe('members and roles', () => {
    it('lists members with roles, my projects and my role', async () => {
      const w = await world('PRIVATE');
      const members = await ok<{
        projectMembers: { totalCount: number; nodes: { role: string; user: { id: string } }[] };
      }>(
        'query ($id: ID!) { projectMembers(projectId: $id, first: 1) { totalCount nodes { role user { id } } } }',
        { id: w.projectId },
        viewer,
      );
      expect(members.projectMembers.totalCount).toBe(2);
      expect(members.projectMembers.nodes).toHaveLength(1);
      const field = await ok<{
        project: {
          members: { totalCount: number; nodes: { role: string; user: { id: string } }[] };
        };
      }>(
        'query ($id: ID!) { project(id: $id) { members { totalCount nodes { role user { id } } } } }',
        { id: w.projectId },
        viewer,
      );
      expect(field.project.members.totalCount).toBe(2);
      expect(field.project.members.nodes).toEqual([
        { role: 'LEAD', user: { id: lead.id } },
        { role: 'VIEWER', user: { id: viewer.id } },
      ]);
      const mine = await ok<{ myProjects: { nodes: { key: string; myRole: string }[] } }>(
        '{ myProjects(first: 100) { nodes { key myRole } } }',
        {},
        viewer,
      );
      expect(mine.myProjects.nodes).toContainEqual({ key: w.key, myRole: 'VIEWER' });
      const outsiders = await ok<{ myProjects: { nodes: { key: string }[] } }>(
        '{ myProjects(first: 100) { nodes { key } } }',
        {},
        outsider,
      );
      expect(outsiders.myProjects.nodes.map((p) => p.key)).not.toContain(w.key);
    });

    it('pages through members with cursors', async () => {
      const w = await world('INTERNAL');
      const extra = await server.createUser();
      await ok(ADD_MEMBER, { p: w.projectId, u: extra.id, role: 'EDITOR' }, lead);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        type Page = {
          projectMembers: {
            nodes: { user: { id: string } }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
        const page: Page = await ok<Page>(
          'query ($id: ID!, $after: String) { projectMembers(projectId: $id, first: 1, after: $after) { nodes { user { id } } pageInfo { hasNextPage endCursor } } }',
          { id: w.projectId, after },
          outsider,
        );
        seen.push(...page.projectMembers.nodes.map((node) => node.user.id));
        if (!page.projectMembers.pageInfo.hasNextPage) break;
        after = page.projectMembers.pageInfo.endCursor;
      }
      expect(seen).toEqual([lead.id, viewer.id, extra.id]);
    });

    it('refuses a second membership with CONFLICT and an inactive or unknown user with NOT_FOUND', async () => {
      const w = await world('INTERNAL');
      const again = await server.run(
        ADD_MEMBER,
        { p: w.projectId, u: viewer.id, role: 'EDITOR' },
        { as: lead },
      );
      expect(codesOf(again)).toEqual(['CONFLICT']);
      const unknown = await server.run(
        ADD_MEMBER,
        { p: w.projectId, u: MISSING, role: 'EDITOR' },
        { as: lead },
      );
      expect(codesOf(unknown)).toEqual(['NOT_FOUND']);
    });

    it('keeps the last lead: neither demoted nor removed (CONFLICT, LAST_LEAD), nothing changed', async () => {
      const w = await world('PRIVATE');
      for (const [query, variables] of [
        [SET_ROLE, { p: w.projectId, u: lead.id, role: 'EDITOR' }],
        [REMOVE_MEMBER, { p: w.projectId, u: lead.id }],
      ] as const) {
        for (const as of [lead, admin]) {
          const result = await server.run(query, variables, { as });
          expect(codesOf(result)).toEqual(['CONFLICT']);
          expect(result.errors![0].extensions).toMatchObject({ reason: 'LAST_LEAD' });
          expect(result.extensions).toMatchObject({ transaction: 'ROLLED_BACK' });
        }
      }
      const role = await ok<{ project: { myRole: string } }>(
        'query ($id: ID!) { project(id: $id) { myRole } }',
        { id: w.projectId },
        lead,
      );
      expect(role.project.myRole).toBe('LEAD');
    });

    it('hands the named lead to the other LEAD when the named one steps down', async () => {
      const w = await world('PRIVATE');
      await ok(SET_ROLE, { p: w.projectId, u: viewer.id, role: 'LEAD' }, lead);
      await ok(SET_ROLE, { p: w.projectId, u: lead.id, role: 'VIEWER' }, viewer);
      const after = await ok<{ project: { lead: { id: string } } }>(
        'query ($id: ID!) { project(id: $id) { lead { id } } }',
        { id: w.projectId },
        viewer,
      );
      expect(after.project.lead.id).toBe(viewer.id);
      // The demoted lead now only reads.
      const refused = await server.run(
        'mutation ($id: ID!) { updateProject(id: $id, input: { name: "x" }) { id } }',
        { id: w.projectId },
        { as: lead },
      );
      expect(codesOf(refused)).toEqual(['FORBIDDEN']);
    });

    it('lets a member leave, and then the project is hidden from them', async () => {
      const w = await world('PRIVATE');
      await ok(REMOVE_MEMBER, { p: w.projectId, u: viewer.id }, viewer);
      const look = await ok<{ project: null }>(
        'query ($id: ID!) { project(id: $id) { id } }',
        { id: w.projectId },
        viewer,
      );
      expect(look.project).toBeNull();
    });

    it('never leaves a project without a lead when two leads step down at once', async () => {
      const w = await world('PRIVATE');
      await ok(SET_ROLE, { p: w.projectId, u: viewer.id, role: 'LEAD' }, lead);
      const results = await Promise.all([
        server.run(SET_ROLE, { p: w.projectId, u: viewer.id, role: 'EDITOR' }, { as: lead }),
        server.run(SET_ROLE, { p: w.projectId, u: lead.id, role: 'EDITOR' }, { as: viewer }),
      ]);
      const succeeded = results.filter((result) => !result.errors);
      expect(succeeded.length).toBeGreaterThanOrEqual(1);
      const members = await ok<{ projectMembers: { nodes: { role: string }[] } }>(
        'query ($id: ID!) { projectMembers(projectId: $id) { nodes { role } } }',
        { id: w.projectId },
        admin,
      );
      expect(members.projectMembers.nodes.filter((m) => m.role === 'LEAD')).toHaveLength(1);
      for (const result of results.filter((r) => r.errors)) {
        expect(codesOf(result)).toEqual(
          expect.arrayContaining([expect.stringMatching(/CONFLICT|FORBIDDEN/)]),
        );
      }
    });
  });

  describe('documents without a project', () => {
    it('are read by everyone and changed only by the author and admins', async () => {
      const doc = await createDocument(server, lead, { title: 'Loose note', content: 'x' });
      const read = await ok<{ document: { id: string } }>(
        'query ($id: ID!) { document(id: $id) { id } }',
        { id: doc.id },
        outsider,
      );
      expect(read.document.id).toBe(doc.id);
      const del = 'mutation ($id: ID!) { deleteDocument(id: $id) { id } }';
      expect(codesOf(await server.run(del, { id: doc.id }, { as: outsider }))).toEqual([
        'FORBIDDEN',
      ]);
      expect((await server.run(del, { id: doc.id }, { as: admin })).errors).toBeUndefined();
    });
  });
});

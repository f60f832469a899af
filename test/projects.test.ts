import { Priority } from '../src/common/priority.enum';
import { ProjectStakeholder } from '../src/modules/project/project-stakeholder.entity';
import { ProjectStatus } from '../src/modules/project/project-status.enum';
import { ProjectWatcher } from '../src/modules/project/project-watcher.entity';
import { Project } from '../src/modules/project/project.entity';
import { TaskStatus } from '../src/modules/task/task-status.enum';
import { Task } from '../src/modules/task/task.entity';
import { Role } from '../src/modules/user/role.enum';
import { User } from '../src/modules/user/user.entity';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects } from './support';

const PROJECT_FIELDS = `id key name description status priority archivedAt createdAt
  lead { id } watchers { id } stakeholders { id }`;

const CREATE = `mutation Create($input: CreateProjectInput!) {
  createProject(input: $input) { ${PROJECT_FIELDS} }
}`;

const UPDATE = `mutation Update($id: ID!, $input: UpdateProjectInput!) {
  updateProject(id: $id, input: $input) { ${PROJECT_FIELDS} }
}`;

const ARCHIVE = `mutation Archive($id: ID!) { archiveProject(id: $id) { ${PROJECT_FIELDS} } }`;

const MEMBER_MUTATIONS = {
  addWatcher: 'addProjectWatcher',
  removeWatcher: 'removeProjectWatcher',
  addStakeholder: 'addProjectStakeholder',
  removeStakeholder: 'removeProjectStakeholder',
} as const;

const CREATE_TASK = `mutation CreateTask($input: CreateTaskInput!) {
  createTask(input: $input) { id depth position status priority }
}`;

const PROJECT = `query One($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} } }`;
const BY_KEY = `query ByKey($key: String!) { projectByKey(key: $key) { ${PROJECT_FIELDS} } }`;

const LIST = `query List($first: Int, $after: String, $filter: ProjectFilter, $orderBy: ProjectOrder) {
  projects(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id key } }
    nodes { id key }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface ProjectView {
  id: string;
  key: string;
  name: string;
  description: string | null;
  status: ProjectStatus;
  priority: Priority;
  archivedAt: string | null;
  createdAt: string;
  lead: { id: string };
  watchers: { id: string }[];
  stakeholders: { id: string }[];
}

interface ProjectsPage {
  projects: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; key: string } }[];
    nodes: { id: string; key: string }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
}

interface TaskPage {
  totalCount: number;
  nodes: { id: string; title: string; position: number }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const MISSING_ID = '01900000-0000-7000-8000-000000000000';

const cursorOf = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** Binary string order, as both databases compare the plain ASCII values used here. */
const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

describe.each(dialects)('projects on %s', (dialect) => {
  let server: TestServer;
  let admin: TestUser;
  let lead: TestUser;
  let member: TestUser;
  let other: TestUser;

  const em = () => server.portico.orm.em.fork();

  const create = (input: Record<string, unknown>, as: TestUser) =>
    server.run<{ createProject: ProjectView }>(CREATE, { input }, { as });

  const update = (id: string, input: Record<string, unknown>, as: TestUser) =>
    server.run<{ updateProject: ProjectView }>(UPDATE, { id, input }, { as });

  const members = (
    mutation: keyof typeof MEMBER_MUTATIONS,
    projectId: string,
    userId: string,
    as: TestUser,
  ) =>
    server.run<Record<string, ProjectView>>(
      `mutation M($projectId: ID!, $userId: ID!) {
        result: ${MEMBER_MUTATIONS[mutation]}(projectId: $projectId, userId: $userId) { ${PROJECT_FIELDS} }
      }`,
      { projectId, userId },
      { as },
    );

  /** A project led by `lead`, made through the API. */
  const newProject = async (key: string, fields: Record<string, unknown> = {}) => {
    const result = await create({ key, name: `Project ${key}`, ...fields }, lead);
    expect(result.errors).toBeUndefined();
    return result.data!.createProject;
  };

  const stored = (id: string) => em().findOneOrFail(Project, { id });

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    admin = await server.createUser({ username: 'admin', role: Role.ADMIN });
    lead = await server.createUser({ username: 'lead' });
    member = await server.createUser({ username: 'member' });
    other = await server.createUser({ username: 'other' });
  });

  afterAll(() => server.close());

  describe('createProject', () => {
    it('creates a project led by the caller, ACTIVE and MEDIUM by default', async () => {
      const result = await create({ key: 'OPS', name: 'Operations' }, member);
      expect(result.errors).toBeUndefined();
      expect(result.extensions).toMatchObject({ transaction: 'COMMITTED' });
      const project = result.data!.createProject;
      expect(project).toMatchObject({
        key: 'OPS',
        name: 'Operations',
        description: null,
        status: ProjectStatus.ACTIVE,
        priority: Priority.MEDIUM,
        archivedAt: null,
        lead: { id: member.id },
        watchers: [],
        stakeholders: [],
      });
      const row = await stored(project.id);
      expect(row.lead.id).toBe(member.id);
      expect(row.key).toBe('OPS');
    });

    it('takes the given lead, priority and description', async () => {
      const result = await create(
        {
          key: 'INFRA2',
          name: 'Infrastructure',
          description: 'Racks and cables',
          priority: Priority.CRITICAL,
          leadId: other.id,
        },
        member,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.createProject).toMatchObject({
        key: 'INFRA2',
        description: 'Racks and cables',
        priority: Priority.CRITICAL,
        lead: { id: other.id },
      });
      expect((await stored(result.data!.createProject.id)).lead.id).toBe(other.id);
    });

    it.each([
      ['lower-case', 'ops'],
      ['one character', 'A'],
      ['eleven characters', 'ABCDEFGHIJK'],
      ['a leading digit', '1AB'],
      ['a dash', 'AB-C'],
      ['a space', 'AB C'],
      ['empty', ''],
    ])('refuses a key with %s with BAD_USER_INPUT and stores nothing', async (_name, key) => {
      const before = await em().count(Project);
      const result = await create({ key, name: 'Bad key' }, member);
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.data).toBeNull();
      expect(await em().count(Project)).toBe(before);
    });

    it('accepts keys of 2 and 10 characters', async () => {
      for (const key of ['AB', 'A123456789']) {
        const result = await create({ key, name: `Key ${key}` }, member);
        expect(result.errors).toBeUndefined();
        expect(result.data!.createProject.key).toBe(key);
      }
    });

    it('refuses an empty name and an unknown lead', async () => {
      expect(codesOf(await create({ key: 'NONAME', name: '' }, member))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(
        codesOf(await create({ key: 'NOLEAD', name: 'x', leadId: MISSING_ID }, member)),
      ).toEqual(['NOT_FOUND']);
      expect(codesOf(await create({ key: 'BADLEAD', name: 'x', leadId: 'nope' }, member))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(await em().count(Project, { key: { $in: ['NONAME', 'NOLEAD', 'BADLEAD'] } })).toBe(0);
    });

    it('refuses a duplicate key with CONFLICT, writing nothing', async () => {
      await newProject('DUP');
      const before = await em().count(Project);
      const result = await create({ key: 'DUP', name: 'Second' }, admin);
      expect(codesOf(result)).toEqual(['CONFLICT']);
      expect(result.data).toBeNull();
      expect(result.extensions).toMatchObject({ transaction: 'ROLLED_BACK' });
      expect(await em().count(Project)).toBe(before);
      expect((await em().findOneOrFail(Project, { key: 'DUP' })).name).toBe('Project DUP');
    });

    it('needs a signed-in user', async () => {
      const result = await server.run(CREATE, { input: { key: 'ANON', name: 'Anonymous' } });
      expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
      expect(await em().count(Project, { key: 'ANON' })).toBe(0);
    });
  });

  describe('updateProject', () => {
    it('lets the lead change the settings', async () => {
      const project = await newProject('UPD', { description: 'old' });
      const result = await update(
        project.id,
        { name: 'Renamed', description: 'new text', priority: Priority.HIGH, key: 'UPD2' },
        lead,
      );
      expect(result.errors).toBeUndefined();
      expect(result.extensions).toMatchObject({ transaction: 'COMMITTED' });
      expect(result.data!.updateProject).toMatchObject({
        id: project.id,
        key: 'UPD2',
        name: 'Renamed',
        description: 'new text',
        priority: Priority.HIGH,
        status: ProjectStatus.ACTIVE,
      });
      const row = await stored(project.id);
      expect([row.key, row.name, row.description, row.priority]).toEqual([
        'UPD2',
        'Renamed',
        'new text',
        Priority.HIGH,
      ]);
    });

    it('changes only the fields given; null clears the description', async () => {
      const project = await newProject('PART', { description: 'keep me', priority: Priority.LOW });
      const renamed = await update(project.id, { name: 'Partial' }, lead);
      expect(renamed.data!.updateProject).toMatchObject({
        name: 'Partial',
        description: 'keep me',
        priority: Priority.LOW,
        key: 'PART',
      });
      const cleared = await update(project.id, { description: null }, lead);
      expect(cleared.errors).toBeUndefined();
      expect(cleared.data!.updateProject).toMatchObject({ name: 'Partial', description: null });
      expect((await stored(project.id)).description ?? null).toBeNull();
    });

    it('lets an admin change any project', async () => {
      const project = await newProject('ADM');
      const result = await update(project.id, { name: 'By the admin' }, admin);
      expect(result.errors).toBeUndefined();
      expect((await stored(project.id)).name).toBe('By the admin');
    });

    it('refuses another member with FORBIDDEN and changes nothing', async () => {
      const project = await newProject('FORB', { description: 'untouched' });
      const result = await update(
        project.id,
        { name: 'Hijacked', description: null, status: ProjectStatus.DONE, leadId: member.id },
        member,
      );
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      expect(result.data).toBeNull();
      expect(result.extensions).toMatchObject({ transaction: 'ROLLED_BACK' });
      const row = await stored(project.id);
      expect([row.name, row.description, row.status, row.lead.id]).toEqual([
        'Project FORB',
        'untouched',
        ProjectStatus.ACTIVE,
        lead.id,
      ]);
    });

    it('hands the lead over: the new lead is a LEAD member; the old one stays LEAD until demoted', async () => {
      const project = await newProject('HAND');
      const handed = await update(project.id, { leadId: member.id }, lead);
      expect(handed.errors).toBeUndefined();
      expect(handed.data!.updateProject.lead).toEqual({ id: member.id });
      const byNewLead = await update(project.id, { name: 'New lead' }, member);
      expect(byNewLead.errors).toBeUndefined();
      expect((await stored(project.id)).name).toBe('New lead');
      expect((await update(project.id, { name: 'Old lead' }, lead)).errors).toBeUndefined();
      const demoted = await server.run(
        `mutation ($projectId: ID!, $userId: ID!) {
          setProjectMemberRole(projectId: $projectId, userId: $userId, role: VIEWER) { role }
        }`,
        { projectId: project.id, userId: lead.id },
        { as: member },
      );
      expect(demoted.errors).toBeUndefined();
      expect(codesOf(await update(project.id, { name: 'Not any more' }, lead))).toEqual([
        'FORBIDDEN',
      ]);
      expect((await stored(project.id)).name).toBe('Old lead');
    });

    it('refuses a taken key with CONFLICT and a malformed one with BAD_USER_INPUT', async () => {
      await newProject('TAKEN');
      const project = await newProject('FREE');
      const taken = await update(project.id, { key: 'TAKEN', name: 'Should not stick' }, lead);
      expect(codesOf(taken)).toEqual(['CONFLICT']);
      expect(codesOf(await update(project.id, { key: 'free' }, lead))).toEqual(['BAD_USER_INPUT']);
      const row = await stored(project.id);
      expect([row.key, row.name]).toEqual(['FREE', 'Project FREE']);
    });

    it('answers an unknown project with NOT_FOUND', async () => {
      expect(codesOf(await update(MISSING_ID, { name: 'x' }, admin))).toEqual(['NOT_FOUND']);
    });

    it('sets archivedAt when the status becomes ARCHIVED and clears it when it leaves', async () => {
      const project = await newProject('STAT');
      const held = await update(project.id, { status: ProjectStatus.ON_HOLD }, lead);
      expect(held.data!.updateProject).toMatchObject({ status: 'ON_HOLD', archivedAt: null });
      const archived = await update(project.id, { status: ProjectStatus.ARCHIVED }, lead);
      expect(archived.data!.updateProject.status).toBe(ProjectStatus.ARCHIVED);
      expect(archived.data!.updateProject.archivedAt).not.toBeNull();
      const reopened = await update(project.id, { status: ProjectStatus.ACTIVE }, lead);
      expect(reopened.data!.updateProject).toMatchObject({ status: 'ACTIVE', archivedAt: null });
      expect((await stored(project.id)).archivedAt ?? null).toBeNull();
    });
  });

  describe('archiveProject', () => {
    it('is FORBIDDEN for a member who is not the lead', async () => {
      const project = await newProject('NOARC');
      const result = await server.run(ARCHIVE, { id: project.id }, { as: member });
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      const row = await stored(project.id);
      expect(row.status).toBe(ProjectStatus.ACTIVE);
      expect(row.archivedAt ?? null).toBeNull();
    });

    it('sets ARCHIVED and archivedAt, after which createTask is refused with CONFLICT', async () => {
      const project = await newProject('ARC');
      const task = await server.run(
        CREATE_TASK,
        { input: { projectId: project.id, title: 'Before archiving' } },
        { as: lead },
      );
      expect(task.errors).toBeUndefined();

      const before = Date.now();
      const result = await server.run<{ archiveProject: ProjectView }>(
        ARCHIVE,
        { id: project.id },
        { as: lead },
      );
      expect(result.errors).toBeUndefined();
      expect(result.extensions).toMatchObject({ transaction: 'COMMITTED' });
      const archived = result.data!.archiveProject;
      expect(archived.status).toBe(ProjectStatus.ARCHIVED);
      const archivedAt = new Date(archived.archivedAt!).getTime();
      expect(archivedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(archivedAt).toBeLessThanOrEqual(Date.now() + 1000);
      const row = await stored(project.id);
      expect(row.status).toBe(ProjectStatus.ARCHIVED);
      expect(row.archivedAt!.getTime()).toBe(archivedAt);

      for (const as of [lead, admin]) {
        const refused = await server.run(
          CREATE_TASK,
          { input: { projectId: project.id, title: 'After archiving' } },
          { as },
        );
        expect(codesOf(refused)).toEqual(['CONFLICT']);
        expect(refused.data).toBeNull();
        expect(refused.extensions).toMatchObject({ transaction: 'ROLLED_BACK' });
      }
      expect(await em().count(Task, { project: project.id })).toBe(1);

      // Archiving again keeps the original time.
      const again = await server.run<{ archiveProject: ProjectView }>(
        ARCHIVE,
        { id: project.id },
        { as: admin },
      );
      expect(again.errors).toBeUndefined();
      expect(new Date(again.data!.archiveProject.archivedAt!).getTime()).toBe(archivedAt);
    });
  });

  describe('watchers and stakeholders', () => {
    let project: ProjectView;
    const ids = (users: { id: string }[]) => users.map((user) => user.id).sort();
    const storedWatchers = async () =>
      (await em().find(ProjectWatcher, { project: project.id })).map((w) => w.user.id).sort();
    const storedStakeholders = async () =>
      (await em().find(ProjectStakeholder, { project: project.id })).map((w) => w.user.id).sort();

    beforeAll(async () => {
      project = await newProject('PEOPLE');
    });

    it('a member may add and remove themselves as a watcher, once', async () => {
      const added = await members('addWatcher', project.id, member.id, member);
      expect(added.errors).toBeUndefined();
      expect(ids(added.data!.result.watchers)).toEqual([member.id]);
      const twice = await members('addWatcher', project.id, member.id, member);
      expect(twice.errors).toBeUndefined();
      expect(ids(twice.data!.result.watchers)).toEqual([member.id]);
      expect(await storedWatchers()).toEqual([member.id]);

      const removed = await members('removeWatcher', project.id, member.id, member);
      expect(removed.errors).toBeUndefined();
      expect(removed.data!.result.watchers).toEqual([]);
      expect(await storedWatchers()).toEqual([]);
    });

    it('adding or removing someone else as a watcher needs the lead or an admin', async () => {
      const refused = await members('addWatcher', project.id, other.id, member);
      expect(codesOf(refused)).toEqual(['FORBIDDEN']);
      expect(await storedWatchers()).toEqual([]);

      const byLead = await members('addWatcher', project.id, other.id, lead);
      expect(byLead.errors).toBeUndefined();
      const byAdmin = await members('addWatcher', project.id, member.id, admin);
      expect(byAdmin.errors).toBeUndefined();
      expect(ids(byAdmin.data!.result.watchers)).toEqual([member.id, other.id].sort());
      expect(await storedWatchers()).toEqual([member.id, other.id].sort());

      expect(codesOf(await members('removeWatcher', project.id, other.id, member))).toEqual([
        'FORBIDDEN',
      ]);
      expect(await storedWatchers()).toEqual([member.id, other.id].sort());

      const byLeadRemove = await members('removeWatcher', project.id, member.id, lead);
      expect(byLeadRemove.errors).toBeUndefined();
      const selfRemove = await members('removeWatcher', project.id, other.id, other);
      expect(selfRemove.errors).toBeUndefined();
      expect(await storedWatchers()).toEqual([]);
    });

    it('stakeholders are changed by the lead or an admin only, even for oneself', async () => {
      expect(codesOf(await members('addStakeholder', project.id, member.id, member))).toEqual([
        'FORBIDDEN',
      ]);
      expect(await storedStakeholders()).toEqual([]);

      const byLead = await members('addStakeholder', project.id, member.id, lead);
      expect(byLead.errors).toBeUndefined();
      expect(ids(byLead.data!.result.stakeholders)).toEqual([member.id]);
      const byAdmin = await members('addStakeholder', project.id, other.id, admin);
      expect(ids(byAdmin.data!.result.stakeholders)).toEqual([member.id, other.id].sort());
      expect(byAdmin.data!.result.watchers).toEqual([]);

      expect(codesOf(await members('removeStakeholder', project.id, member.id, member))).toEqual([
        'FORBIDDEN',
      ]);
      expect(await storedStakeholders()).toEqual([member.id, other.id].sort());

      const removed = await members('removeStakeholder', project.id, member.id, admin);
      expect(ids(removed.data!.result.stakeholders)).toEqual([other.id]);
      const byLeadRemove = await members('removeStakeholder', project.id, other.id, lead);
      expect(byLeadRemove.data!.result.stakeholders).toEqual([]);
      expect(await storedStakeholders()).toEqual([]);
    });

    it('answers an unknown project or user with NOT_FOUND', async () => {
      expect(codesOf(await members('addWatcher', MISSING_ID, member.id, member))).toEqual([
        'NOT_FOUND',
      ]);
      expect(codesOf(await members('addStakeholder', project.id, MISSING_ID, lead))).toEqual([
        'NOT_FOUND',
      ]);
    });

    it('lists watchers of several projects in one request, each with its own', async () => {
      const second = await newProject('PEOPLE2');
      await members('addWatcher', second.id, other.id, other);
      await members('addWatcher', project.id, member.id, member);
      const result = await server.run<{ a: ProjectView; b: ProjectView }>(
        `query Two($a: ID!, $b: ID!) {
          a: project(id: $a) { watchers { id } }
          b: project(id: $b) { watchers { id } }
        }`,
        { a: project.id, b: second.id },
        { as: member },
      );
      expect(result.errors).toBeUndefined();
      expect(ids(result.data!.a.watchers)).toEqual([member.id]);
      expect(ids(result.data!.b.watchers)).toEqual([other.id]);
    });
  });

  describe('project(id) and projectByKey', () => {
    it('finds a project by id and by key in any case', async () => {
      const project = await newProject('FIND', { description: 'findable' });
      const byId = await server.run<{ project: ProjectView }>(
        PROJECT,
        { id: project.id },
        { as: other },
      );
      expect(byId.errors).toBeUndefined();
      expect(byId.data!.project).toMatchObject({
        id: project.id,
        key: 'FIND',
        description: 'findable',
        lead: { id: lead.id },
      });
      for (const key of ['FIND', 'find', 'Find']) {
        const byKey = await server.run<{ projectByKey: ProjectView }>(
          BY_KEY,
          { key },
          { as: other },
        );
        expect(byKey.errors).toBeUndefined();
        expect(byKey.data!.projectByKey.id).toBe(project.id);
      }
    });

    it('answers null for an unknown id or key', async () => {
      const byId = await server.run(PROJECT, { id: MISSING_ID }, { as: other });
      expect(byId.errors).toBeUndefined();
      expect(byId.data).toEqual({ project: null });
      const byKey = await server.run(BY_KEY, { key: 'NOPE' }, { as: other });
      expect(byKey.errors).toBeUndefined();
      expect(byKey.data).toEqual({ projectByKey: null });
    });

    it('answers a malformed id like an unknown one, never with an internal error', async () => {
      const one = await server.run(PROJECT, { id: 'not-a-uuid' }, { as: other });
      expect(one.errors).toBeUndefined();
      expect(one.data).toEqual({ project: null });
      const project = await newProject('MALF');
      expect(codesOf(await update('not-a-uuid', { name: 'x' }, admin))).toEqual(['NOT_FOUND']);
      expect(codesOf(await server.run(ARCHIVE, { id: 'not-a-uuid' }, { as: admin }))).toEqual([
        'NOT_FOUND',
      ]);
      expect(codesOf(await members('addWatcher', project.id, 'not-a-uuid', lead))).toEqual([
        'NOT_FOUND',
      ]);
      expect(codesOf(await members('addWatcher', 'not-a-uuid', member.id, member))).toEqual([
        'NOT_FOUND',
      ]);
    });

    it('needs a signed-in user', async () => {
      expect(codesOf(await server.run(BY_KEY, { key: 'FIND' }))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('tasks of a project', () => {
    let project: ProjectView;
    let roots: { id: string; status: TaskStatus; priority: Priority; assignee: TestUser | null }[];
    let childIds: string[];

    const createTask = async (input: Record<string, unknown>) => {
      const result = await server.run<{ createTask: { id: string; position: number } }>(
        CREATE_TASK,
        { input: { projectId: project.id, ...input } },
        { as: lead },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.createTask;
    };

    const tasksOf = (
      field: 'rootTasks' | 'tasks',
      args: Record<string, unknown>,
      projectId = project.id,
    ) => {
      const filtered = field === 'tasks';
      return server.run<{ project: { taskCount: number; list: TaskPage } }>(
        `query Tasks($id: ID!, $first: Int, $after: String${filtered ? ', $filter: TaskFilter' : ''}) {
          project(id: $id) {
            taskCount
            list: ${field}(first: $first, after: $after${filtered ? ', filter: $filter' : ''}) {
              totalCount
              nodes { id title position }
              pageInfo { hasNextPage endCursor }
            }
          }
        }`,
        { id: projectId, ...args },
        { as: member },
      );
    };

    beforeAll(async () => {
      project = await newProject('TASKS');
      const specs: [TaskStatus, Priority, TestUser | null][] = [
        [TaskStatus.TODO, Priority.LOW, member],
        [TaskStatus.DONE, Priority.HIGH, other],
        [TaskStatus.TODO, Priority.HIGH, null],
        [TaskStatus.IN_PROGRESS, Priority.MEDIUM, member],
        [TaskStatus.DONE, Priority.HIGH, member],
      ];
      roots = [];
      for (const [i, [status, priority, assignee]] of specs.entries()) {
        const task = await createTask({
          title: `Root ${i}`,
          status,
          priority,
          assigneeId: assignee?.id ?? null,
        });
        roots.push({ id: task.id, status, priority, assignee });
      }
      childIds = [];
      for (const i of [0, 1]) {
        const child = await createTask({
          title: `Child ${i}`,
          parentId: roots[0].id,
          status: TaskStatus.DONE,
          priority: Priority.HIGH,
          assigneeId: other.id,
        });
        childIds.push(child.id);
      }
      // Another project's tasks must never show up here.
      const elsewhere = await newProject('ELSE');
      await createTask({ projectId: elsewhere.id, title: 'Elsewhere', status: 'DONE' });
    });

    it('counts every task of the project, at every level', async () => {
      const result = await tasksOf('rootTasks', {});
      expect(result.errors).toBeUndefined();
      expect(result.data!.project.taskCount).toBe(7);
      expect(result.data!.project.list.totalCount).toBe(5);
    });

    it('pages through the root tasks in board order with first/after', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const result = await tasksOf('rootTasks', { first: 2, after });
        expect(result.errors).toBeUndefined();
        const list: TaskPage = result.data!.project.list;
        expect(list.totalCount).toBe(5);
        seen.push(...list.nodes.map((node) => node.id));
        pages++;
        after = list.pageInfo.hasNextPage ? list.pageInfo.endCursor : null;
        if (list.pageInfo.hasNextPage) expect(list.nodes).toHaveLength(2);
      } while (after);
      expect(pages).toBe(3);
      expect(seen).toEqual(roots.map((root) => root.id));
    });

    it('a new root task placed first comes first on the board', async () => {
      const board = await newProject('BOARD');
      const a = await createTask({ projectId: board.id, title: 'A' });
      const b = await createTask({ projectId: board.id, title: 'B', position: 0 });
      const result = await tasksOf('rootTasks', { first: 10 }, board.id);
      expect(result.data!.project.list.nodes.map((n) => [n.id, n.position])).toEqual([
        [b.id, 0],
        [a.id, 1],
      ]);
    });

    it.each([
      ['status', { status: TaskStatus.DONE }],
      ['priority', { priority: Priority.HIGH }],
      ['assigneeId', { assigneeId: 'member' }],
      ['status and priority', { status: TaskStatus.TODO, priority: Priority.HIGH }],
      ['nothing', {}],
    ])('filters tasks at every level by %s', async (_name, rawFilter) => {
      const filter: Record<string, unknown> = { ...rawFilter };
      if (filter.assigneeId === 'member') filter.assigneeId = member.id;
      const all = [
        ...roots.map((root) => ({ ...root, assigneeId: root.assignee?.id ?? null })),
        ...childIds.map((id) => ({
          id,
          status: TaskStatus.DONE,
          priority: Priority.HIGH,
          assigneeId: other.id,
        })),
      ];
      const expected = all
        .filter(
          (task) =>
            (!filter.status || task.status === filter.status) &&
            (!filter.priority || task.priority === filter.priority) &&
            (!filter.assigneeId || task.assigneeId === filter.assigneeId),
        )
        .map((task) => task.id)
        // Oldest first: ids are UUIDv7, time-ordered (only to the millisecond, hence the sort).
        .sort(compare);
      expect(expected.length).toBeGreaterThan(0);

      const result = await tasksOf('tasks', { filter, first: 50 });
      expect(result.errors).toBeUndefined();
      const list = result.data!.project.list;
      expect(list.nodes.map((node) => node.id)).toEqual(expected);
      expect(list.totalCount).toBe(expected.length);
      expect(list.pageInfo.hasNextPage).toBe(false);

      // Paged one by one, the same tasks in the same order.
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page = await tasksOf('tasks', { filter, first: 1, after });
        const paged: TaskPage = page.data!.project.list;
        expect(paged.totalCount).toBe(expected.length);
        seen.push(...paged.nodes.map((node) => node.id));
        after = paged.pageInfo.hasNextPage ? paged.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(expected);
    });

    it.each([
      ['first above 100', { first: 101 }],
      ['a garbage cursor', { after: 'garbage' }],
      ['a cursor holding a non-number position', { after: cursorOf(['x', MISSING_ID]) }],
    ])('refuses %s on rootTasks with BAD_USER_INPUT', async (_name, args) => {
      expect(codesOf(await tasksOf('rootTasks', args))).toEqual(['BAD_USER_INPUT']);
    });

    it.each([
      ['an assigneeId that is not an id', { filter: { assigneeId: 'nope' } }],
      ['a cursor that is not an id', { after: cursorOf(['zzz']) }],
      ['first above 100', { first: 101 }],
    ])('refuses %s on tasks with BAD_USER_INPUT', async (_name, args) => {
      expect(codesOf(await tasksOf('tasks', args))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('the projects connection', () => {
    // A server of its own, so that only this dataset is listed.
    let list: TestServer;
    let viewer: TestUser;
    let leads: Record<'a' | 'b' | 'c', User>;
    let rows: {
      id: string;
      key: string;
      name: string;
      status: ProjectStatus;
      priority: Priority;
      leadId: string;
      createdAt: number;
      updatedAt: number;
    }[];

    const query = (variables: Record<string, unknown>) =>
      list.run<ProjectsPage>(LIST, variables, { as: viewer });

    /** Every page of a listing, checking each page's shape on the way. */
    const pageThrough = async (variables: Record<string, unknown>, first: number) => {
      const keys: string[] = [];
      let after: string | null = null;
      let pages = 0;
      let totalCount = -1;
      for (;;) {
        const result = await query({ ...variables, first, after });
        expect(result.errors).toBeUndefined();
        const { projects } = result.data!;
        pages++;
        if (totalCount === -1) totalCount = projects.totalCount;
        expect(projects.totalCount).toBe(totalCount);
        expect(projects.nodes).toEqual(projects.edges.map((edge) => edge.node));
        expect(projects.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(projects.pageInfo.startCursor).toBe(projects.edges[0]?.cursor ?? null);
        expect(projects.pageInfo.endCursor).toBe(projects.edges.at(-1)?.cursor ?? null);
        keys.push(...projects.nodes.map((node) => node.key));
        if (!projects.pageInfo.hasNextPage) break;
        expect(projects.nodes).toHaveLength(first);
        after = projects.pageInfo.endCursor;
      }
      return { keys, pages, totalCount };
    };

    beforeAll(async () => {
      list = await startTestServer({ dialect });
      viewer = await list.createUser({ username: 'viewer' });
      const fork = list.portico.orm.em.fork();
      const user = (username: string) =>
        fork.create(User, {
          username,
          email: `${username}@example.test`,
          displayName: username,
          passwordHash: 'not-a-login',
        });
      leads = { a: user('lead_a'), b: user('lead_b'), c: user('lead_c') };
      const base = Date.UTC(2024, 0, 1);
      const specs: [string, string, ProjectStatus, Priority, 'a' | 'b' | 'c', number][] = [
        ['OPS', 'Operations', ProjectStatus.ACTIVE, Priority.HIGH, 'a', 5],
        ['DEVOPS', 'Platform tooling', ProjectStatus.ACTIVE, Priority.MEDIUM, 'b', 1],
        ['WEB', 'Website', ProjectStatus.ON_HOLD, Priority.LOW, 'a', 9],
        ['APP', 'Mobile app', ProjectStatus.ACTIVE, Priority.CRITICAL, 'b', 3],
        ['DATA', 'Data warehouse', ProjectStatus.DONE, Priority.MEDIUM, 'a', 7],
        ['SEC', 'Security review', ProjectStatus.ACTIVE, Priority.HIGH, 'c', 2],
        ['HR', 'Hiring ops', ProjectStatus.ARCHIVED, Priority.LOW, 'b', 11],
        ['FIN', 'Finance', ProjectStatus.ACTIVE, Priority.MEDIUM, 'a', 4],
        ['MKT', 'Marketing', ProjectStatus.ON_HOLD, Priority.HIGH, 'b', 6],
        ['LEGAL', 'Legal', ProjectStatus.ACTIVE, Priority.LOW, 'a', 8],
        // Two projects with the same name and creation time: the id decides between them.
        ['QA', 'Quality', ProjectStatus.ACTIVE, Priority.MEDIUM, 'c', 10],
        ['QA2', 'Quality', ProjectStatus.ACTIVE, Priority.MEDIUM, 'c', 10],
      ];
      rows = specs.map(([key, name, status, priority, leadOf, minute]) => {
        const createdAt = new Date(base + minute * 60_000);
        const updatedAt = new Date(base + (20 - minute) * 60_000 + 123);
        const project = fork.create(Project, {
          key,
          name,
          status,
          priority,
          lead: leads[leadOf],
          createdAt,
          updatedAt,
        });
        return {
          id: project.id,
          key,
          name,
          status,
          priority,
          leadId: leads[leadOf].id,
          createdAt: createdAt.getTime(),
          updatedAt: updatedAt.getTime(),
        };
      });
      await fork.flush();
    });

    afterAll(() => list.close());

    const ordered = (
      field: 'name' | 'key' | 'createdAt' | 'updatedAt',
      direction: 'asc' | 'desc',
      subset = rows,
    ) => {
      const sign = direction === 'asc' ? 1 : -1;
      return [...subset]
        .sort((x, y) => sign * (compare(x[field], y[field]) || compare(x.id, y.id)))
        .map((row) => row.key);
    };

    it('lists newest first by default, with totalCount and pageInfo', async () => {
      const result = await query({});
      expect(result.errors).toBeUndefined();
      const { projects } = result.data!;
      expect(projects.totalCount).toBe(12);
      expect(projects.nodes.map((node) => node.key)).toEqual(ordered('createdAt', 'desc'));
      expect(projects.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });

      const firstPage = await query({ first: 5 });
      expect(firstPage.data!.projects.totalCount).toBe(12);
      expect(firstPage.data!.projects.pageInfo.hasNextPage).toBe(true);
      expect(firstPage.data!.projects.nodes.map((n) => n.key)).toEqual(
        ordered('createdAt', 'desc').slice(0, 5),
      );
    });

    it.each([
      ['NAME', 'name'],
      ['KEY', 'key'],
      ['CREATED_AT', 'createdAt'],
      ['UPDATED_AT', 'updatedAt'],
    ] as const)(
      'orders by %s both ways, and pages give every project once',
      async (field, prop) => {
        for (const direction of ['ASC', 'DESC'] as const) {
          const expected = ordered(prop, direction === 'ASC' ? 'asc' : 'desc');
          const orderBy = { field, direction };
          const whole = await query({ orderBy, first: 100 });
          expect(whole.errors).toBeUndefined();
          expect(whole.data!.projects.nodes.map((node) => node.key)).toEqual(expected);
          for (const first of [1, 5, 12]) {
            const paged = await pageThrough({ orderBy }, first);
            expect(paged.keys).toEqual(expected);
            expect(paged.totalCount).toBe(12);
            expect(paged.pages).toBe(Math.max(1, Math.ceil(12 / first)));
          }
        }
      },
    );

    it('orders ascending when only the field is given', async () => {
      const result = await query({ orderBy: { field: 'KEY' } });
      expect(result.data!.projects.nodes.map((node) => node.key)).toEqual(ordered('key', 'asc'));
    });

    it.each([
      [
        'status',
        { status: ProjectStatus.ACTIVE },
        (r: (typeof rows)[number]) => r.status === 'ACTIVE',
      ],
      [
        'status ARCHIVED',
        { status: ProjectStatus.ARCHIVED },
        (r: (typeof rows)[number]) => r.status === 'ARCHIVED',
      ],
      [
        'priority',
        { priority: Priority.HIGH },
        (r: (typeof rows)[number]) => r.priority === 'HIGH',
      ],
      [
        'status and priority',
        { status: ProjectStatus.ACTIVE, priority: Priority.HIGH },
        (r: (typeof rows)[number]) => r.status === 'ACTIVE' && r.priority === 'HIGH',
      ],
    ])('filters by %s', async (_name, filter, predicate) => {
      const expected = ordered('key', 'asc', rows.filter(predicate));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(rows.length);
      const paged = await pageThrough({ filter, orderBy: { field: 'KEY', direction: 'ASC' } }, 2);
      expect(paged.keys).toEqual(expected);
      expect(paged.totalCount).toBe(expected.length);
    });

    it('filters by lead', async () => {
      for (const which of ['a', 'b', 'c'] as const) {
        const expected = ordered(
          'name',
          'desc',
          rows.filter((row) => row.leadId === leads[which].id),
        );
        const paged = await pageThrough(
          { filter: { leadId: leads[which].id }, orderBy: { field: 'NAME', direction: 'DESC' } },
          2,
        );
        expect(paged.keys).toEqual(expected);
        expect(paged.totalCount).toBe(expected.length);
      }
      const nobody = await query({ filter: { leadId: viewer.id } });
      expect(nobody.data!.projects).toMatchObject({
        totalCount: 0,
        nodes: [],
        pageInfo: { hasNextPage: false, startCursor: null, endCursor: null },
      });
    });

    it.each([
      ['a key part, in another case', 'OpS', ['DEVOPS', 'HR', 'OPS']],
      ['a name part, in another case', 'QUALITY', ['QA', 'QA2']],
      ['a word inside a name', 'tool', ['DEVOPS']],
      ['a key exactly', 'qa2', ['QA2']],
      ['nothing that exists', 'zzz', []],
    ])('searches %s', async (_name, search, expected) => {
      const paged = await pageThrough(
        { filter: { search }, orderBy: { field: 'KEY', direction: 'ASC' } },
        1,
      );
      expect(paged.keys).toEqual(expected);
      expect(paged.totalCount).toBe(expected.length);
    });

    it('combines search with the other filters', async () => {
      const result = await query({
        filter: { search: 'ops', status: ProjectStatus.ACTIVE },
        orderBy: { field: 'KEY', direction: 'ASC' },
      });
      expect(result.data!.projects.nodes.map((node) => node.key)).toEqual(['DEVOPS', 'OPS']);
      expect(result.data!.projects.totalCount).toBe(2);
    });

    it.each([
      ['first above the maximum page size', { first: 101 }],
      ['first of 0', { first: 0 }],
      ['a garbage cursor', { after: 'garbage' }],
      ['a cursor of the wrong length', { after: cursorOf([MISSING_ID]) }],
      ['a cursor with a non-date value', { after: cursorOf(['yesterday', MISSING_ID]) }],
      ['a cursor with a non-id value', { after: cursorOf([Date.now(), 'zzz']) }],
      ['an invalid leadId', { filter: { leadId: 'not-a-uuid' } }],
      ['an empty search', { filter: { search: '' } }],
    ])('refuses %s with BAD_USER_INPUT', async (_name, variables) => {
      const result = await query(variables);
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    });

    it('needs a signed-in user', async () => {
      expect(codesOf(await list.run(LIST, {}))).toEqual(['UNAUTHENTICATED']);
    });
  });
});

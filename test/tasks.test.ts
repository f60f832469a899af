import { randomUUID } from 'node:crypto';
import type { FormattedExecutionResult } from 'graphql';
import { TaskDependency } from '../src/modules/task/task-dependency.entity';
import { TaskEvent } from '../src/modules/task/task-event.entity';
import { TaskEventKind } from '../src/modules/task/task-event-kind.enum';
import { Task } from '../src/modules/task/task.entity';
import { Todo } from '../src/modules/task/todo.entity';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects } from './support';

const CREATE_PROJECT = `mutation CreateProject($input: CreateProjectInput!) {
  createProject(input: $input) { id key }
}`;

const TASK_FIELDS = 'id title depth position parent { id } project { id }';

const CREATE_TASK = `mutation CreateTask($input: CreateTaskInput!) {
  createTask(input: $input) { ${TASK_FIELDS} }
}`;

const UPDATE_TASK = `mutation UpdateTask($id: ID!, $input: UpdateTaskInput!) {
  updateTask(id: $id, input: $input) {
    id title description status priority dueDate assignee { id username }
  }
}`;

const MOVE_TASK = `mutation MoveTask($id: ID!, $parentId: ID, $position: Int) {
  moveTask(id: $id, parentId: $parentId, position: $position) { ${TASK_FIELDS} }
}`;

const DELETE_TASK = `mutation DeleteTask($id: ID!, $cascade: Boolean!) {
  deleteTask(id: $id, cascade: $cascade) { id deletedCount }
}`;

const ADD_DEPENDENCY = `mutation AddDependency($taskId: ID!, $blockedById: ID!) {
  addTaskDependency(taskId: $taskId, blockedById: $blockedById) {
    id blockedBy { id } blocking { id }
  }
}`;

const REMOVE_DEPENDENCY = `mutation RemoveDependency($taskId: ID!, $blockedById: ID!) {
  removeTaskDependency(taskId: $taskId, blockedById: $blockedById) {
    id blockedBy { id } blocking { id }
  }
}`;

const DEPENDENCIES = `query Dependencies($id: ID!) {
  task(id: $id) { id blockedBy { id title } blocking { id title } }
}`;

const ADD_TODO = `mutation AddTodo($input: AddTodoInput!) {
  addTodo(input: $input) { id text done position task { id } }
}`;

const UPDATE_TODO = `mutation UpdateTodo($id: ID!, $input: UpdateTodoInput!) {
  updateTodo(id: $id, input: $input) { id text done position }
}`;

const REMOVE_TODO = `mutation RemoveTodo($id: ID!) { removeTodo(id: $id) }`;

const TODOS = `query Todos($id: ID!) {
  task(id: $id) { todos { id text done position } }
}`;

const HISTORY = `query History($id: ID!, $first: Int, $after: String) {
  task(id: $id) {
    history(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      nodes { kind changes actor { id username } }
    }
  }
}`;

const TASK_TREE = `query TaskTree($projectId: ID!) {
  taskTree(projectId: $projectId) { id title depth position parent { id } }
}`;

const SUBTASKS = `query Subtasks($id: ID!, $first: Int, $after: String) {
  task(id: $id) {
    subtaskCount
    subtasks(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id title position depth }
    }
  }
}`;

interface TaskNode {
  id: string;
  title: string;
  depth: number;
  position: number;
  parent: { id: string } | null;
  project: { id: string };
}

interface TodoNode {
  id: string;
  text: string;
  done: boolean;
  position: number;
}

interface EventNode {
  kind: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  actor: { id: string; username: string } | null;
}

interface HistoryPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  nodes: EventNode[];
}

interface SubtaskPage {
  subtaskCount: number;
  subtasks: {
    totalCount: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    nodes: { id: string; title: string; position: number; depth: number }[];
  };
}

/** Where a task sits, by title: what every "the tree is unchanged" assertion compares. */
interface Placement {
  parent: string | null;
  depth: number;
  position: number;
}

/** A tree to build with createTask, titles as keys; children keep the order written. */
interface TreeSpec {
  [title: string]: TreeSpec;
}

type Result<T> = FormattedExecutionResult<T>;

/** The refusal's error details, for one-error results. */
function refusal(result: Result<unknown>) {
  expect(result.errors).toHaveLength(1);
  expect(result.data).toBeNull();
  expect(result.extensions?.transaction).toBe('ROLLED_BACK');
  return result.errors![0].extensions ?? {};
}

describe.each(dialects)('tasks on %s', (dialect) => {
  let server: TestServer;
  let user: TestUser;
  let other: TestUser;
  let projectCount = 0;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    user = await server.createUser();
    other = await server.createUser();
  });
  afterAll(() => server.close());

  const run = <T>(query: string, variables: Record<string, unknown> = {}, as = user) =>
    server.run<T>(query, variables, { as });

  /** Runs an operation that must succeed (and, for a mutation, commit). */
  async function ok<T>(query: string, variables: Record<string, unknown> = {}, as = user) {
    const result = await run<T>(query, variables, as);
    expect(result.errors).toBeUndefined();
    if (query.trimStart().startsWith('mutation'))
      expect(result.extensions?.transaction).toBe('COMMITTED');
    return result.data as T;
  }

  const em = () => server.portico.orm.em.fork();

  async function createProject(): Promise<string> {
    projectCount += 1;
    const key = `T${dialect === 'sqlite' ? 'S' : 'P'}${projectCount}`;
    const data = await ok<{ createProject: { id: string } }>(CREATE_PROJECT, {
      input: { key, name: `Tasks ${key}` },
    });
    return data.createProject.id;
  }

  /** Makes `who` a member of the project, so that they may act on it (the lead adds them). */
  async function addMember(projectId: string, who: TestUser, role = 'EDITOR'): Promise<void> {
    await ok(
      `mutation ($projectId: ID!, $userId: ID!, $role: ProjectRole!) {
        addProjectMember(projectId: $projectId, userId: $userId, role: $role) { role }
      }`,
      { projectId, userId: who.id, role },
    );
  }

  async function createTask(input: Record<string, unknown>): Promise<TaskNode> {
    return (await ok<{ createTask: TaskNode }>(CREATE_TASK, { input })).createTask;
  }

  /** Builds a tree depth first in the order written; answers the ids by title. */
  async function build(
    projectId: string,
    spec: TreeSpec,
    parentId: string | null = null,
    ids: Record<string, string> = {},
  ): Promise<Record<string, string>> {
    for (const [title, children] of Object.entries(spec)) {
      ids[title] = (await createTask({ projectId, parentId, title })).id;
      await build(projectId, children, ids[title], ids);
    }
    return ids;
  }

  const move = (id: string, parentId: string | null, position?: number) =>
    run<{ moveTask: TaskNode }>(MOVE_TASK, { id, parentId, position });

  /** Every task of the project as stored, by title. */
  async function stored(projectId: string): Promise<Record<string, Placement>> {
    const tasks = await em().find(Task, { project: projectId });
    const titleOf = new Map(tasks.map((task) => [task.id, task.title]));
    return Object.fromEntries(
      tasks.map((task) => [
        task.title,
        {
          parent: task.parent ? titleOf.get(task.parent.id)! : null,
          depth: task.depth,
          position: task.position,
        },
      ]),
    );
  }

  /** Titles of the stored children of a parent (or the roots), in position order. */
  async function storedChildren(projectId: string, parentId: string | null): Promise<string[]> {
    const tasks = await em().find(
      Task,
      { project: projectId, parent: parentId },
      { orderBy: { position: 'asc' } },
    );
    expect(tasks.map((task) => task.position)).toEqual(tasks.map((_task, index) => index));
    return tasks.map((task) => task.title);
  }

  async function history(id: string, first = 50, after?: string): Promise<HistoryPage> {
    const data = await ok<{ task: { history: HistoryPage } }>(HISTORY, { id, first, after });
    return data.task.history;
  }

  const kinds = async (id: string) => (await history(id)).nodes.map((event) => event.kind);

  describe('createTask', () => {
    it('puts roots at depth 0 and children one below their parent, appending positions', async () => {
      const projectId = await createProject();
      const roots = [];
      for (const title of ['R0', 'R1', 'R2']) roots.push(await createTask({ projectId, title }));
      expect(roots.map(({ depth, position, parent }) => ({ depth, position, parent }))).toEqual([
        { depth: 0, position: 0, parent: null },
        { depth: 0, position: 1, parent: null },
        { depth: 0, position: 2, parent: null },
      ]);
      const child = await createTask({ projectId, parentId: roots[1].id, title: 'C0' });
      expect(child).toMatchObject({ depth: 1, position: 0, parent: { id: roots[1].id } });
      expect(child.project.id).toBe(projectId);
      const second = await createTask({ projectId, parentId: roots[1].id, title: 'C1' });
      expect(second).toMatchObject({ depth: 1, position: 1 });
      const grandchild = await createTask({ projectId, parentId: second.id, title: 'G0' });
      expect(grandchild).toMatchObject({ depth: 2, position: 0, parent: { id: second.id } });

      expect(await stored(projectId)).toEqual({
        R0: { parent: null, depth: 0, position: 0 },
        R1: { parent: null, depth: 0, position: 1 },
        R2: { parent: null, depth: 0, position: 2 },
        C0: { parent: 'R1', depth: 1, position: 0 },
        C1: { parent: 'R1', depth: 1, position: 1 },
        G0: { parent: 'C1', depth: 2, position: 0 },
      });
    });

    it('inserts at an explicit position and shifts the later siblings', async () => {
      const projectId = await createProject();
      const { P } = await build(projectId, { P: { a: {}, b: {}, c: {} }, Q: {} });
      const first = await createTask({ projectId, parentId: P, title: 'first', position: 0 });
      expect(first.position).toBe(0);
      const middle = await createTask({ projectId, parentId: P, title: 'middle', position: 2 });
      expect(middle.position).toBe(2);
      const past = await createTask({ projectId, parentId: P, title: 'past', position: 99 });
      expect(past.position).toBe(5);
      expect(await storedChildren(projectId, P)).toEqual([
        'first',
        'a',
        'middle',
        'b',
        'c',
        'past',
      ]);
      // The roots are siblings of their own.
      await createTask({ projectId, title: 'top', position: 1 });
      expect(await storedChildren(projectId, null)).toEqual(['P', 'top', 'Q']);
    });

    it('refuses a parent of another project and stores nothing', async () => {
      const projectId = await createProject();
      const elsewhere = await createProject();
      const { foreign } = await build(elsewhere, { foreign: {} });
      const result = await run(CREATE_TASK, {
        input: { projectId, parentId: foreign, title: 'stray' },
      });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(refusal(result).field).toBe('parentId');
      expect(await em().count(Task, { project: projectId })).toBe(0);
      expect(await em().count(Task, { parent: foreign })).toBe(0);
    });

    it('refuses to nest past the depth limit and stores nothing', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, { L0: { L1: { L2: { L3: {} } } } });
      // Depth 4 is the fifth and last level allowed by default.
      const last = await createTask({ projectId, parentId: ids.L3, title: 'L4' });
      expect(last.depth).toBe(4);
      const result = await run(CREATE_TASK, {
        input: { projectId, parentId: last.id, title: 'L5' },
      });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(refusal(result)).toMatchObject({ reason: 'DEPTH_LIMIT', limit: 5 });
      expect(await em().count(Task, { project: projectId })).toBe(5);
      expect(await em().count(Task, { title: 'L5' })).toBe(0);
    });

    it('answers NOT_FOUND for an unknown project or parent', async () => {
      const unknownProject = await run(CREATE_TASK, {
        input: { projectId: randomUUID(), title: 'orphan' },
      });
      expect(codesOf(unknownProject)).toEqual(['NOT_FOUND']);
      refusal(unknownProject);

      const projectId = await createProject();
      const unknownParent = await run(CREATE_TASK, {
        input: { projectId, parentId: randomUUID(), title: 'orphan' },
      });
      expect(codesOf(unknownParent)).toEqual(['NOT_FOUND']);
      refusal(unknownParent);
      expect(await em().count(Task, { title: 'orphan' })).toBe(0);
    });

    it('validates its input and needs a signed-in user', async () => {
      const projectId = await createProject();
      const empty = await run(CREATE_TASK, { input: { projectId, title: '' } });
      expect(codesOf(empty)).toEqual(['BAD_USER_INPUT']);
      refusal(empty);
      const negative = await run(CREATE_TASK, { input: { projectId, title: 'x', position: -1 } });
      expect(codesOf(negative)).toEqual(['BAD_USER_INPUT']);
      const anonymous = await server.run(CREATE_TASK, { input: { projectId, title: 'anon' } });
      expect(codesOf(anonymous)).toEqual(['UNAUTHENTICATED']);
      expect(await em().count(Task, { project: projectId })).toBe(0);
    });

    it('records a CREATED event with the initial fields and the actor', async () => {
      const projectId = await createProject();
      const { P } = await build(projectId, { P: {} });
      const task = await createTask({
        projectId,
        parentId: P,
        title: 'Ship it',
        priority: 'HIGH',
        assigneeId: other.id,
      });
      const page = await history(task.id);
      expect(page.totalCount).toBe(1);
      expect(page.nodes).toEqual([
        {
          kind: 'CREATED',
          actor: { id: user.id, username: user.username },
          changes: {
            title: { from: null, to: 'Ship it' },
            status: { from: null, to: 'TODO' },
            priority: { from: null, to: 'HIGH' },
            assigneeId: { from: null, to: other.id },
            parentId: { from: null, to: P },
          },
        },
      ]);
    });
  });

  describe('updateTask', () => {
    it('changes only the given fields, unassigns with null, and records each change', async () => {
      const projectId = await createProject();
      const created = await createTask({
        projectId,
        title: 'Draft',
        description: 'first words',
        priority: 'HIGH',
        assigneeId: other.id,
      });

      const renamed = await ok<{ updateTask: Record<string, unknown> }>(UPDATE_TASK, {
        id: created.id,
        input: { title: 'Final' },
      });
      expect(renamed.updateTask).toEqual({
        id: created.id,
        title: 'Final',
        description: 'first words',
        status: 'TODO',
        priority: 'HIGH',
        dueDate: null,
        assignee: { id: other.id, username: other.username },
      });

      const unassigned = await ok<{ updateTask: Record<string, unknown> }>(UPDATE_TASK, {
        id: created.id,
        input: { assigneeId: null, status: 'IN_PROGRESS' },
      });
      expect(unassigned.updateTask).toMatchObject({
        title: 'Final',
        description: 'first words',
        status: 'IN_PROGRESS',
        priority: 'HIGH',
        assignee: null,
      });

      const row = await em().findOneOrFail(Task, { id: created.id });
      expect(row).toMatchObject({
        title: 'Final',
        description: 'first words',
        status: 'IN_PROGRESS',
        priority: 'HIGH',
        assignee: null,
      });

      const page = await history(created.id);
      expect(page.totalCount).toBe(3);
      expect(page.nodes.map(({ kind, changes, actor }) => ({ kind, changes, actor }))).toEqual([
        expect.objectContaining({ kind: 'CREATED' }),
        {
          kind: 'UPDATED',
          changes: { title: { from: 'Draft', to: 'Final' } },
          actor: { id: user.id, username: user.username },
        },
        {
          kind: 'UPDATED',
          changes: {
            assigneeId: { from: other.id, to: null },
            status: { from: 'TODO', to: 'IN_PROGRESS' },
          },
          actor: { id: user.id, username: user.username },
        },
      ]);
    });

    it('clears an optional field with null and records the actor who made the change', async () => {
      const projectId = await createProject();
      const dueDate = '2030-01-02T03:04:05.000Z';
      const created = await createTask({ projectId, title: 'Dated', description: 'd', dueDate });
      await addMember(projectId, other);
      const cleared = await ok<{ updateTask: Record<string, unknown> }>(
        UPDATE_TASK,
        { id: created.id, input: { description: null, dueDate: null } },
        other,
      );
      expect(cleared.updateTask).toMatchObject({
        title: 'Dated',
        description: null,
        dueDate: null,
      });
      const page = await history(created.id);
      expect(page.nodes[1]).toEqual({
        kind: 'UPDATED',
        changes: { description: { from: 'd', to: null }, dueDate: { from: dueDate, to: null } },
        actor: { id: other.id, username: other.username },
      });
    });

    it('records nothing for an update that changes nothing', async () => {
      const projectId = await createProject();
      const created = await createTask({ projectId, title: 'Same', priority: 'LOW' });
      await ok(UPDATE_TASK, { id: created.id, input: { title: 'Same', priority: 'LOW' } });
      await ok(UPDATE_TASK, { id: created.id, input: {} });
      expect(await kinds(created.id)).toEqual(['CREATED']);
      expect(await em().count(TaskEvent, { task: created.id })).toBe(1);
    });

    it('refuses an empty title or an unknown assignee and changes nothing', async () => {
      const projectId = await createProject();
      const created = await createTask({ projectId, title: 'Keep' });
      const empty = await run(UPDATE_TASK, { id: created.id, input: { title: '' } });
      expect(codesOf(empty)).toEqual(['BAD_USER_INPUT']);
      const unknown = await run(UPDATE_TASK, {
        id: created.id,
        input: { title: 'Lost', assigneeId: randomUUID() },
      });
      expect(codesOf(unknown)).toEqual(['NOT_FOUND']);
      refusal(unknown);
      expect(await em().findOneOrFail(Task, { id: created.id })).toMatchObject({ title: 'Keep' });
      expect(await kinds(created.id)).toEqual(['CREATED']);
      const missing = await run(UPDATE_TASK, { id: randomUUID(), input: { title: 'x' } });
      expect(codesOf(missing)).toEqual(['NOT_FOUND']);
    });

    it('pages through the history in order with totalCount and cursors', async () => {
      const projectId = await createProject();
      const created = await createTask({ projectId, title: 'v0' });
      for (let version = 1; version <= 4; version++)
        await ok(UPDATE_TASK, { id: created.id, input: { title: `v${version}` } });

      const titles = (page: HistoryPage) => page.nodes.map((event) => event.changes.title.to);
      const first = await history(created.id, 2);
      expect(first.totalCount).toBe(5);
      expect(titles(first)).toEqual(['v0', 'v1']);
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const second = await history(created.id, 2, first.pageInfo.endCursor!);
      expect(titles(second)).toEqual(['v2', 'v3']);
      expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
      const third = await history(created.id, 2, second.pageInfo.endCursor!);
      expect(titles(third)).toEqual(['v4']);
      expect(third.totalCount).toBe(5);
      expect(third.pageInfo.hasNextPage).toBe(false);
    });

    it('keeps the history in the order of the changes made within one mutation', async () => {
      const projectId = await createProject();
      const created = await createTask({ projectId, title: 'v0' });
      const versions = Array.from({ length: 12 }, (_, i) => `v${i + 1}`);
      const fields = versions
        .map((title, i) => `u${i}: updateTask(id: $id, input: { title: "${title}" }) { id }`)
        .join('\n');
      await ok(`mutation Many($id: ID!) {\n${fields}\n}`, { id: created.id });
      const page = await history(created.id);
      expect(page.nodes.map((event) => event.changes.title.to)).toEqual(['v0', ...versions]);
    });
  });

  describe('moveTask', () => {
    const TREE: TreeSpec = {
      R1: { A: { A1: { A2: {} } }, B: {}, C: {} },
      R2: { D: {} },
    };

    it('reorders among siblings, renumbering them without gaps', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, TREE);
      const moved = await move(ids.C, ids.R1, 0);
      expect(moved.errors).toBeUndefined();
      expect(moved.data!.moveTask).toMatchObject({ position: 0, depth: 1, parent: { id: ids.R1 } });
      expect(await storedChildren(projectId, ids.R1)).toEqual(['C', 'A', 'B']);

      await ok(MOVE_TASK, { id: ids.C, parentId: ids.R1, position: 99 });
      expect(await storedChildren(projectId, ids.R1)).toEqual(['A', 'B', 'C']);
      await ok(MOVE_TASK, { id: ids.A, parentId: ids.R1, position: 1 });
      expect(await storedChildren(projectId, ids.R1)).toEqual(['B', 'A', 'C']);
      // Roots reorder the same way.
      await ok(MOVE_TASK, { id: ids.R2, parentId: null, position: 0 });
      expect(await storedChildren(projectId, null)).toEqual(['R2', 'R1']);

      const events = (await history(ids.C)).nodes.filter((event) => event.kind === 'MOVED');
      expect(events.map((event) => event.changes)).toEqual([
        { position: { from: 2, to: 0 } },
        { position: { from: 0, to: 2 } },
      ]);
      expect(events[0].actor).toEqual({ id: user.id, username: user.username });
    });

    it('keeps the parent when parentId is left out, and only reorders', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, TREE);
      const moved = await ok<{ moveTask: TaskNode }>(MOVE_TASK, { id: ids.B, position: 0 });
      expect(moved.moveTask).toMatchObject({ position: 0, depth: 1, parent: { id: ids.R1 } });
      expect(await storedChildren(projectId, ids.R1)).toEqual(['B', 'A', 'C']);
      // A root stays a root.
      await ok(MOVE_TASK, { id: ids.R2, position: 0 });
      expect(await storedChildren(projectId, null)).toEqual(['R2', 'R1']);
    });

    it('re-parents a whole subtree, recomputing every depth and closing the old gap', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, TREE);
      const moved = await ok<{ moveTask: TaskNode }>(MOVE_TASK, { id: ids.A, parentId: ids.D });
      expect(moved.moveTask).toMatchObject({ depth: 2, position: 0, parent: { id: ids.D } });
      expect(await stored(projectId)).toEqual({
        R1: { parent: null, depth: 0, position: 0 },
        B: { parent: 'R1', depth: 1, position: 0 },
        C: { parent: 'R1', depth: 1, position: 1 },
        R2: { parent: null, depth: 0, position: 1 },
        D: { parent: 'R2', depth: 1, position: 0 },
        A: { parent: 'D', depth: 2, position: 0 },
        A1: { parent: 'A', depth: 3, position: 0 },
        A2: { parent: 'A1', depth: 4, position: 0 },
      });
      const [created, event] = (await history(ids.A)).nodes;
      expect(created.kind).toBe('CREATED');
      expect(event).toEqual({
        kind: 'MOVED',
        changes: {
          parentId: { from: ids.R1, to: ids.D },
          depth: { from: 1, to: 2 },
        },
        actor: { id: user.id, username: user.username },
      });
      // The subtree came along without events of its own.
      expect(await kinds(ids.A1)).toEqual(['CREATED']);
    });

    it('inserts at a position among the new siblings', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, TREE);
      await ok(MOVE_TASK, { id: ids.D, parentId: ids.R1, position: 1 });
      expect(await storedChildren(projectId, ids.R1)).toEqual(['A', 'D', 'B', 'C']);
      expect(await storedChildren(projectId, ids.R2)).toEqual([]);
      expect((await stored(projectId)).D).toEqual({ parent: 'R1', depth: 1, position: 1 });
    });

    it('moves a subtree to the roots with parentId null', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, TREE);
      const moved = await ok<{ moveTask: TaskNode }>(MOVE_TASK, { id: ids.A1, parentId: null });
      expect(moved.moveTask).toMatchObject({ depth: 0, position: 2, parent: null });
      const tree = await stored(projectId);
      expect(tree.A1).toEqual({ parent: null, depth: 0, position: 2 });
      expect(tree.A2).toEqual({ parent: 'A1', depth: 1, position: 0 });
      expect(await storedChildren(projectId, ids.A)).toEqual([]);
      expect(await storedChildren(projectId, null)).toEqual(['R1', 'R2', 'A1']);
      expect((await history(ids.A1)).nodes[1].changes).toEqual({
        parentId: { from: ids.A, to: null },
        position: { from: 0, to: 2 },
        depth: { from: 2, to: 0 },
      });
    });

    it('records nothing for a move to where the task already is', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, TREE);
      const before = await stored(projectId);
      await ok(MOVE_TASK, { id: ids.B, parentId: ids.R1, position: 1 });
      await ok(MOVE_TASK, { id: ids.C, parentId: ids.R1 });
      await ok(MOVE_TASK, { id: ids.R2, parentId: null, position: 1 });
      expect(await stored(projectId)).toEqual(before);
      for (const id of [ids.B, ids.C, ids.R2]) expect(await kinds(id)).toEqual(['CREATED']);
    });

    it('refuses a move under itself or its own descendant, leaving the tree unchanged', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, TREE);
      const before = await stored(projectId);
      for (const target of [ids.A, ids.A1, ids.A2]) {
        const result = await move(ids.A, target);
        expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
        expect(refusal(result).reason).toBe('CYCLE');
      }
      const root = await move(ids.R1, ids.A2, 0);
      expect(refusal(root).reason).toBe('CYCLE');
      expect(await stored(projectId)).toEqual(before);
      expect(await kinds(ids.A)).toEqual(['CREATED']);
    });

    it('refuses a move that would take the subtree past the depth limit', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, { ...TREE, X0: { X1: { X2: {} } } });
      const before = await stored(projectId);
      // A has two levels below it: under X2 (depth 2) its deepest task would land at depth 5.
      const result = await move(ids.A, ids.X2);
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(refusal(result)).toMatchObject({ reason: 'DEPTH_LIMIT', limit: 5 });
      expect(await stored(projectId)).toEqual(before);
      expect(await kinds(ids.A)).toEqual(['CREATED']);

      // Under X1 it reaches depth 4 exactly, which is allowed.
      await ok(MOVE_TASK, { id: ids.A, parentId: ids.X1 });
      const tree = await stored(projectId);
      expect([tree.A, tree.A1, tree.A2]).toEqual([
        { parent: 'X1', depth: 2, position: 1 },
        { parent: 'A', depth: 3, position: 0 },
        { parent: 'A1', depth: 4, position: 0 },
      ]);
      expect(await storedChildren(projectId, ids.R1)).toEqual(['B', 'C']);
    });

    it('refuses a parent of another project and an unknown task', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, TREE);
      const elsewhere = await build(await createProject(), { far: {} });
      const before = await stored(projectId);
      const foreign = await move(ids.A, elsewhere.far);
      expect(codesOf(foreign)).toEqual(['BAD_USER_INPUT']);
      refusal(foreign);
      expect(await stored(projectId)).toEqual(before);
      expect(codesOf(await move(randomUUID(), null))).toEqual(['NOT_FOUND']);
      expect(codesOf(await move(ids.A, randomUUID()))).toEqual(['NOT_FOUND']);
    });
  });

  describe('deleteTask', () => {
    it('refuses a task with subtasks without cascade and deletes nothing', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, { P: { Q: { Q1: {} } } });
      const result = await run(DELETE_TASK, { id: ids.Q, cascade: false });
      expect(codesOf(result)).toEqual(['CONFLICT']);
      expect(refusal(result).subtasks).toBe(1);
      const omitted = await run(`mutation ($id: ID!) { deleteTask(id: $id) { deletedCount } }`, {
        id: ids.P,
      });
      expect(codesOf(omitted)).toEqual(['CONFLICT']);
      expect(Object.keys(await stored(projectId)).sort()).toEqual(['P', 'Q', 'Q1']);
    });

    it('deletes a leaf and renumbers its siblings', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, { P: { a: {}, b: {}, c: {} } });
      const result = await ok<{ deleteTask: { id: string; deletedCount: number } }>(DELETE_TASK, {
        id: ids.a,
        cascade: false,
      });
      expect(result.deleteTask).toEqual({ id: ids.a, deletedCount: 1 });
      expect(await storedChildren(projectId, ids.P)).toEqual(['b', 'c']);
    });

    it('with cascade removes the subtree with its todos, events and dependencies', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, {
        R: { P: {}, Q: { Q1: { Q2: {} }, Q3: {} }, S: {} },
      });
      const doomed = [ids.Q, ids.Q1, ids.Q2, ids.Q3];
      await ok(ADD_TODO, { input: { taskId: ids.Q1, text: 'gone' } });
      await ok(ADD_TODO, { input: { taskId: ids.Q, text: 'gone too' } });
      await ok(ADD_TODO, { input: { taskId: ids.P, text: 'kept' } });
      // Dependencies inside the subtree, into it and out of it.
      await ok(ADD_DEPENDENCY, { taskId: ids.Q2, blockedById: ids.Q1 });
      await ok(ADD_DEPENDENCY, { taskId: ids.P, blockedById: ids.Q2 });
      await ok(ADD_DEPENDENCY, { taskId: ids.Q3, blockedById: ids.S });
      await ok(ADD_DEPENDENCY, { taskId: ids.S, blockedById: ids.P });
      await ok(UPDATE_TASK, { id: ids.Q1, input: { status: 'DONE' } });

      const result = await ok<{ deleteTask: { id: string; deletedCount: number } }>(DELETE_TASK, {
        id: ids.Q,
        cascade: true,
      });
      expect(result.deleteTask).toEqual({ id: ids.Q, deletedCount: 4 });

      const db = em();
      expect(await db.count(Task, { id: { $in: doomed } })).toBe(0);
      expect(await db.count(Todo, { task: { $in: doomed } })).toBe(0);
      expect(await db.count(TaskEvent, { task: { $in: doomed } })).toBe(0);
      expect(
        await db.count(TaskDependency, {
          $or: [{ task: { $in: doomed } }, { blockedBy: { $in: doomed } }],
        }),
      ).toBe(0);
      // What lies outside the subtree stays, siblings renumbered.
      expect(await stored(projectId)).toEqual({
        R: { parent: null, depth: 0, position: 0 },
        P: { parent: 'R', depth: 1, position: 0 },
        S: { parent: 'R', depth: 1, position: 1 },
      });
      expect(await db.count(Todo, { task: ids.P })).toBe(1);
      expect(await db.count(TaskDependency, { task: ids.S, blockedBy: ids.P })).toBe(1);
      const p = await ok<{ task: { blockedBy: unknown[]; blocking: { id: string }[] } }>(
        DEPENDENCIES,
        { id: ids.P },
      );
      expect(p.task.blockedBy).toEqual([]);
      expect(p.task.blocking.map((task) => task.id)).toEqual([ids.S]);
      expect(await ok(`query ($id: ID!) { task(id: $id) { id } }`, { id: ids.Q })).toEqual({
        task: null,
      });
    });

    it('answers NOT_FOUND for an unknown task', async () => {
      const result = await run(DELETE_TASK, { id: randomUUID(), cascade: true });
      expect(codesOf(result)).toEqual(['NOT_FOUND']);
    });
  });

  describe('task dependencies', () => {
    const idsOf = (tasks: { id: string }[]) => tasks.map((task) => task.id).sort();
    const edges = (projectId: string) =>
      em()
        .count(TaskDependency, { task: { project: projectId } })
        .then(Number);

    it('lists blockedBy and blocking on both sides, and removes', async () => {
      const projectId = await createProject();
      const { A, B, C } = await build(projectId, { A: {}, B: {}, C: {} });
      const added = await ok<{ addTaskDependency: Record<string, { id: string }[]> }>(
        ADD_DEPENDENCY,
        { taskId: C, blockedById: A },
      );
      expect(added.addTaskDependency).toMatchObject({
        id: C,
        blockedBy: [{ id: A }],
        blocking: [],
      });
      await ok(ADD_DEPENDENCY, { taskId: C, blockedById: B });
      await ok(ADD_DEPENDENCY, { taskId: B, blockedById: A });

      const read = async (id: string) =>
        (
          await ok<{ task: { blockedBy: { id: string }[]; blocking: { id: string }[] } }>(
            DEPENDENCIES,
            { id },
          )
        ).task;
      expect(idsOf((await read(C)).blockedBy)).toEqual([A, B].sort());
      expect((await read(C)).blocking).toEqual([]);
      expect(idsOf((await read(A)).blocking)).toEqual([B, C].sort());
      expect((await read(A)).blockedBy).toEqual([]);
      expect(idsOf((await read(B)).blocking)).toEqual([C]);
      expect(idsOf((await read(B)).blockedBy)).toEqual([A]);

      const removed = await ok<{ removeTaskDependency: Record<string, { id: string }[]> }>(
        REMOVE_DEPENDENCY,
        { taskId: C, blockedById: A },
      );
      expect(idsOf(removed.removeTaskDependency.blockedBy)).toEqual([B]);
      expect(idsOf((await read(A)).blocking)).toEqual([B]);
      expect(await edges(projectId)).toBe(2);

      expect((await kinds(C)).slice(1)).toEqual([
        'DEPENDENCY_ADDED',
        'DEPENDENCY_ADDED',
        'DEPENDENCY_REMOVED',
      ]);
    });

    it('records who added and removed a dependency', async () => {
      const projectId = await createProject();
      const { A, B } = await build(projectId, { A: {}, B: {} });
      await ok(ADD_DEPENDENCY, { taskId: B, blockedById: A });
      await addMember(projectId, other);
      await ok(REMOVE_DEPENDENCY, { taskId: B, blockedById: A }, other);
      const events = (await history(B)).nodes.slice(1);
      expect(events).toEqual([
        {
          kind: 'DEPENDENCY_ADDED',
          changes: { blockedBy: { from: null, to: A } },
          actor: { id: user.id, username: user.username },
        },
        {
          kind: 'DEPENDENCY_REMOVED',
          changes: { blockedBy: { from: A, to: null } },
          actor: { id: other.id, username: other.username },
        },
      ]);
      // The blocker's own history is untouched.
      expect(await kinds(A)).toEqual(['CREATED']);
    });

    it('is idempotent: adding twice stores one edge, removing a missing one does nothing', async () => {
      const projectId = await createProject();
      const { A, B } = await build(projectId, { A: {}, B: {} });
      await ok(ADD_DEPENDENCY, { taskId: B, blockedById: A });
      const again = await ok<{ addTaskDependency: { blockedBy: { id: string }[] } }>(
        ADD_DEPENDENCY,
        { taskId: B, blockedById: A },
      );
      expect(again.addTaskDependency.blockedBy).toEqual([{ id: A }]);
      expect(await edges(projectId)).toBe(1);
      expect(await kinds(B)).toEqual(['CREATED', 'DEPENDENCY_ADDED']);

      await ok(REMOVE_DEPENDENCY, { taskId: B, blockedById: A });
      await ok(REMOVE_DEPENDENCY, { taskId: B, blockedById: A });
      await ok(REMOVE_DEPENDENCY, { taskId: A, blockedById: B });
      expect(await edges(projectId)).toBe(0);
      expect(await kinds(B)).toEqual(['CREATED', 'DEPENDENCY_ADDED', 'DEPENDENCY_REMOVED']);
      expect(await kinds(A)).toEqual(['CREATED']);
    });

    it('refuses self, direct and longer cycles, storing nothing', async () => {
      const projectId = await createProject();
      const { A, B, C, D } = await build(projectId, { A: {}, B: {}, C: {}, D: {} });

      const self = await run(ADD_DEPENDENCY, { taskId: A, blockedById: A });
      expect(codesOf(self)).toEqual(['BAD_USER_INPUT']);
      expect(refusal(self).reason).toBe('CYCLE');

      await ok(ADD_DEPENDENCY, { taskId: B, blockedById: A });
      const direct = await run(ADD_DEPENDENCY, { taskId: A, blockedById: B });
      expect(codesOf(direct)).toEqual(['BAD_USER_INPUT']);
      expect(refusal(direct).reason).toBe('CYCLE');

      // A ← B ← C ← D: closing it from D back to A, or from C back to A, is refused.
      await ok(ADD_DEPENDENCY, { taskId: C, blockedById: B });
      await ok(ADD_DEPENDENCY, { taskId: D, blockedById: C });
      for (const blockedById of [C, D]) {
        const longer = await run(ADD_DEPENDENCY, { taskId: A, blockedById });
        expect(codesOf(longer)).toEqual(['BAD_USER_INPUT']);
        expect(refusal(longer).reason).toBe('CYCLE');
      }
      expect(await edges(projectId)).toBe(3);
      expect(await em().count(TaskDependency, { task: A })).toBe(0);
      expect(await kinds(A)).toEqual(['CREATED']);
    });

    it('allows a shortcut that closes no cycle', async () => {
      const projectId = await createProject();
      const { A, B, C, D } = await build(projectId, { A: {}, B: {}, C: {}, D: {} });
      // A diamond: B and C wait for A, D waits for both, then D also waits for A directly.
      await ok(ADD_DEPENDENCY, { taskId: B, blockedById: A });
      await ok(ADD_DEPENDENCY, { taskId: C, blockedById: A });
      await ok(ADD_DEPENDENCY, { taskId: D, blockedById: B });
      await ok(ADD_DEPENDENCY, { taskId: D, blockedById: C });
      await ok(ADD_DEPENDENCY, { taskId: D, blockedById: A });
      expect(await edges(projectId)).toBe(5);
      // Tasks in the same tree are free to depend on each other too.
      const tree = await build(projectId, { P: { K: {} } });
      await ok(ADD_DEPENDENCY, { taskId: tree.P, blockedById: tree.K });
    });

    it('refuses tasks of different projects and unknown tasks', async () => {
      const projectId = await createProject();
      const { A } = await build(projectId, { A: {} });
      const { Z } = await build(await createProject(), { Z: {} });
      const result = await run(ADD_DEPENDENCY, { taskId: A, blockedById: Z });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(refusal(result).field).toBe('blockedById');
      expect(await em().count(TaskDependency, { $or: [{ task: A }, { blockedBy: A }] })).toBe(0);
      expect(codesOf(await run(ADD_DEPENDENCY, { taskId: A, blockedById: randomUUID() }))).toEqual([
        'NOT_FOUND',
      ]);
    });
  });

  describe('todos', () => {
    const todosOf = async (taskId: string) =>
      (await ok<{ task: { todos: TodoNode[] } }>(TODOS, { id: taskId })).task.todos;
    const addTodo = async (input: Record<string, unknown>) =>
      (await ok<{ addTodo: TodoNode & { task: { id: string } } }>(ADD_TODO, { input })).addTodo;
    const updateTodo = async (id: string, input: Record<string, unknown>) =>
      (await ok<{ updateTodo: TodoNode }>(UPDATE_TODO, { id, input })).updateTodo;
    const storedTodos = async (taskId: string) =>
      (await em().find(Todo, { task: taskId }, { orderBy: { position: 'asc' } })).map(
        ({ text, position, done }) => ({ text, position, done }),
      );

    it('adds last by default, inserts at a position, and lists in order', async () => {
      const projectId = await createProject();
      const { T } = await build(projectId, { T: {} });
      const one = await addTodo({ taskId: T, text: 'one' });
      expect(one).toMatchObject({ text: 'one', done: false, position: 0, task: { id: T } });
      expect((await addTodo({ taskId: T, text: 'two' })).position).toBe(1);
      expect((await addTodo({ taskId: T, text: 'three' })).position).toBe(2);
      expect((await addTodo({ taskId: T, text: 'zero', position: 0 })).position).toBe(0);
      expect((await addTodo({ taskId: T, text: 'half', position: 2 })).position).toBe(2);
      expect((await addTodo({ taskId: T, text: 'end', position: 50 })).position).toBe(5);
      const expected = ['zero', 'one', 'half', 'two', 'three', 'end'];
      expect((await todosOf(T)).map(({ text, position }) => [text, position])).toEqual(
        expected.map((text, position) => [text, position]),
      );
      expect((await storedTodos(T)).map((todo) => todo.text)).toEqual(expected);
      const page = await history(T);
      expect(page.nodes.slice(1).map((event) => event.kind)).toEqual(Array(6).fill('TODO_ADDED'));
      expect(page.nodes[1].changes).toEqual({ [`todo:${one.id}`]: { from: null, to: 'one' } });
    });

    it('updates done, text and position, recording each change', async () => {
      const projectId = await createProject();
      const { T } = await build(projectId, { T: {} });
      const [a, b, c] = [
        await addTodo({ taskId: T, text: 'a' }),
        await addTodo({ taskId: T, text: 'b' }),
        await addTodo({ taskId: T, text: 'c' }),
      ];
      expect(await updateTodo(b.id, { done: true })).toMatchObject({ text: 'b', done: true });
      expect(await updateTodo(a.id, { text: 'A' })).toMatchObject({ text: 'A', done: false });
      expect(await updateTodo(c.id, { position: 0 })).toMatchObject({ text: 'c', position: 0 });
      expect(await storedTodos(T)).toEqual([
        { text: 'c', position: 0, done: false },
        { text: 'A', position: 1, done: false },
        { text: 'b', position: 2, done: true },
      ]);
      await updateTodo(c.id, { position: 2 });
      expect((await todosOf(T)).map(({ text, position }) => [text, position])).toEqual([
        ['A', 0],
        ['b', 1],
        ['c', 2],
      ]);
      const events = (await history(T)).nodes.filter((event) => event.kind === 'TODO_UPDATED');
      expect(events.map((event) => event.changes)).toEqual([
        { [`todo:${b.id}:done`]: { from: false, to: true } },
        { [`todo:${a.id}:text`]: { from: 'a', to: 'A' } },
        { [`todo:${c.id}:position`]: { from: 2, to: 0 } },
        { [`todo:${c.id}:position`]: { from: 0, to: 2 } },
      ]);
      // Unchanged values record nothing.
      await updateTodo(b.id, { done: true, text: 'b' });
      expect((await history(T)).totalCount).toBe(1 + 3 + 4);
    });

    it('removes a todo and closes the gap', async () => {
      const projectId = await createProject();
      const { T } = await build(projectId, { T: {} });
      const todos = [];
      for (const text of ['a', 'b', 'c', 'd']) todos.push(await addTodo({ taskId: T, text }));
      expect(await ok(REMOVE_TODO, { id: todos[1].id })).toEqual({ removeTodo: true });
      expect(await storedTodos(T)).toEqual([
        { text: 'a', position: 0, done: false },
        { text: 'c', position: 1, done: false },
        { text: 'd', position: 2, done: false },
      ]);
      await ok(REMOVE_TODO, { id: todos[0].id });
      expect((await todosOf(T)).map(({ text, position }) => [text, position])).toEqual([
        ['c', 0],
        ['d', 1],
      ]);
      expect(await em().count(Todo, { id: todos[1].id })).toBe(0);
      const removed = (await history(T)).nodes.filter((event) => event.kind === 'TODO_REMOVED');
      expect(removed.map((event) => event.changes)).toEqual([
        { [`todo:${todos[1].id}`]: { from: 'b', to: null } },
        { [`todo:${todos[0].id}`]: { from: 'a', to: null } },
      ]);
    });

    it('refuses empty text and unknown tasks or todos', async () => {
      const projectId = await createProject();
      const { T } = await build(projectId, { T: {} });
      const todo = await addTodo({ taskId: T, text: 'x' });
      expect(codesOf(await run(ADD_TODO, { input: { taskId: T, text: '' } }))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(codesOf(await run(UPDATE_TODO, { id: todo.id, input: { text: '' } }))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(codesOf(await run(ADD_TODO, { input: { taskId: randomUUID(), text: 'y' } }))).toEqual([
        'NOT_FOUND',
      ]);
      expect(codesOf(await run(UPDATE_TODO, { id: randomUUID(), input: { done: true } }))).toEqual([
        'NOT_FOUND',
      ]);
      expect(codesOf(await run(REMOVE_TODO, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
      expect(await storedTodos(T)).toEqual([{ text: 'x', position: 0, done: false }]);
    });
  });

  describe('taskTree', () => {
    it('lists the project depth first, siblings by position, with depths', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, {
        R1: { a: {}, b: { b1: {}, b2: {} }, c: { c1: { c11: {} } } },
        R2: { x: {} },
      });
      // Position order now differs from creation order at every level.
      await ok(MOVE_TASK, { id: ids.c, parentId: ids.R1, position: 0 });
      await ok(MOVE_TASK, { id: ids.b2, parentId: ids.b, position: 0 });
      await createTask({ projectId, title: 'R0', position: 0 });
      await createTask({ projectId, parentId: ids.R2, title: 'x0', position: 0 });
      // Another project's tasks stay out.
      await build(await createProject(), { elsewhere: { under: {} } });

      const data = await ok<{ taskTree: TaskNode[] }>(TASK_TREE, { projectId });
      const titleOf = new Map(data.taskTree.map((task) => [task.id, task.title]));
      expect(
        data.taskTree.map((task) => [
          task.title,
          task.depth,
          task.position,
          task.parent ? titleOf.get(task.parent.id) : null,
        ]),
      ).toEqual([
        ['R0', 0, 0, null],
        ['R1', 0, 1, null],
        ['c', 1, 0, 'R1'],
        ['c1', 2, 0, 'c'],
        ['c11', 3, 0, 'c1'],
        ['a', 1, 1, 'R1'],
        ['b', 1, 2, 'R1'],
        ['b2', 2, 0, 'b'],
        ['b1', 2, 1, 'b'],
        ['R2', 0, 2, null],
        ['x0', 1, 0, 'R2'],
        ['x', 1, 1, 'R2'],
      ]);
    });

    it('follows moves of whole subtrees', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, { R1: { a: { a1: {} }, b: {} }, R2: {} });
      await ok(MOVE_TASK, { id: ids.a, parentId: ids.R2 });
      const data = await ok<{ taskTree: TaskNode[] }>(TASK_TREE, { projectId });
      expect(data.taskTree.map((task) => [task.title, task.depth])).toEqual([
        ['R1', 0],
        ['b', 1],
        ['R2', 0],
        ['a', 1],
        ['a1', 2],
      ]);
    });

    it('is empty for a project without tasks and NOT_FOUND for an unknown project', async () => {
      const projectId = await createProject();
      expect(await ok(TASK_TREE, { projectId })).toEqual({ taskTree: [] });
      const unknown = await run(TASK_TREE, { projectId: randomUUID() });
      expect(codesOf(unknown)).toEqual(['NOT_FOUND']);
    });
  });

  describe('subtasks', () => {
    it('pages through every child in sibling order', async () => {
      const projectId = await createProject();
      const titles = ['s0', 's1', 's2', 's3', 's4', 's5', 's6'];
      const ids = await build(projectId, {
        P: Object.fromEntries(titles.map((title) => [title, {}])),
        Other: { o0: {} },
      });
      // Sibling order differs from creation order.
      await ok(MOVE_TASK, { id: ids.s6, parentId: ids.P, position: 0 });
      await ok(MOVE_TASK, { id: ids.s1, parentId: ids.P, position: 4 });
      const order = ['s6', 's0', 's2', 's3', 's1', 's4', 's5'];
      expect(await storedChildren(projectId, ids.P)).toEqual(order);

      const seen: string[] = [];
      const pages: boolean[] = [];
      let after: string | null = null;
      for (let page = 0; page < 5; page++) {
        const data: { task: SubtaskPage } = await ok<{ task: SubtaskPage }>(SUBTASKS, {
          id: ids.P,
          first: 3,
          after,
        });
        const { subtaskCount, subtasks } = data.task;
        expect(subtaskCount).toBe(7);
        expect(subtasks.totalCount).toBe(7);
        expect(subtasks.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(subtasks.nodes.every((node) => node.depth === 1)).toBe(true);
        seen.push(...subtasks.nodes.map((node) => node.title));
        pages.push(subtasks.pageInfo.hasNextPage);
        if (!subtasks.pageInfo.hasNextPage) break;
        after = subtasks.pageInfo.endCursor;
      }
      expect(seen).toEqual(order);
      expect(pages).toEqual([true, true, false]);

      const exact = await ok<{ task: SubtaskPage }>(SUBTASKS, { id: ids.P, first: 7 });
      expect(exact.task.subtasks.pageInfo.hasNextPage).toBe(false);
      expect(exact.task.subtasks.nodes.map((node) => node.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    });

    it('pages each parent separately when several are asked in one request', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, {
        A: { a0: {}, a1: {}, a2: {} },
        B: { b0: {}, b1: {} },
        C: {},
      });
      const query = `query Three($a: ID!, $b: ID!, $c: ID!) {
        a: task(id: $a) { ...page }
        b: task(id: $b) { ...page }
        c: task(id: $c) { ...page }
      }
      fragment page on Task {
        subtaskCount
        subtasks(first: 2) { totalCount pageInfo { hasNextPage } nodes { title } }
      }`;
      const data = await ok<Record<'a' | 'b' | 'c', SubtaskPage>>(query, {
        a: ids.A,
        b: ids.B,
        c: ids.C,
      });
      const summary = (page: SubtaskPage) => ({
        count: page.subtaskCount,
        total: page.subtasks.totalCount,
        next: page.subtasks.pageInfo.hasNextPage,
        titles: page.subtasks.nodes.map((node) => node.title),
      });
      expect(summary(data.a)).toEqual({ count: 3, total: 3, next: true, titles: ['a0', 'a1'] });
      expect(summary(data.b)).toEqual({ count: 2, total: 2, next: false, titles: ['b0', 'b1'] });
      expect(summary(data.c)).toEqual({ count: 0, total: 0, next: false, titles: [] });
    });

    it('refuses a page size out of range and a foreign cursor', async () => {
      const projectId = await createProject();
      const { P } = await build(projectId, { P: { c: {} } });
      expect(codesOf(await run(SUBTASKS, { id: P, first: 0 }))).toEqual(['BAD_USER_INPUT']);
      expect(codesOf(await run(SUBTASKS, { id: P, first: 1000 }))).toEqual(['BAD_USER_INPUT']);
      expect(codesOf(await run(SUBTASKS, { id: P, first: 1, after: 'bm90IGEgY3Vyc29y' }))).toEqual([
        'BAD_USER_INPUT',
      ]);
    });
  });

  describe('malformed ids', () => {
    it('answer NOT_FOUND (or null) on every task operation, not an internal error', async () => {
      const projectId = await createProject();
      const { A } = await build(projectId, { A: {} });
      const bad = 'not-a-uuid';
      const attempts: [string, string, Record<string, unknown>][] = [
        ['updateTask', UPDATE_TASK, { id: bad, input: { title: 'x' } }],
        ['moveTask', MOVE_TASK, { id: bad, parentId: null }],
        ['moveTask parent', MOVE_TASK, { id: A, parentId: bad }],
        ['deleteTask', DELETE_TASK, { id: bad, cascade: true }],
        ['addTaskDependency', ADD_DEPENDENCY, { taskId: A, blockedById: bad }],
        ['removeTaskDependency', REMOVE_DEPENDENCY, { taskId: bad, blockedById: A }],
        ['updateTodo', UPDATE_TODO, { id: bad, input: { done: true } }],
        ['removeTodo', REMOVE_TODO, { id: bad }],
        ['taskTree', TASK_TREE, { projectId: bad }],
      ];
      const codes = [];
      for (const [name, query, variables] of attempts)
        codes.push([name, codesOf(await run(query, variables))[0]]);
      expect(codes).toEqual(attempts.map(([name]) => [name, 'NOT_FOUND']));
      expect(await ok(`query ($id: ID!) { task(id: $id) { id } }`, { id: bad })).toEqual({
        task: null,
      });
    });
  });

  describe('an archived project', () => {
    it('refuses every change to its tasks, todos and dependencies with CONFLICT', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, { A: { A1: {} }, B: {}, C: {} });
      await ok(ADD_DEPENDENCY, { taskId: ids.B, blockedById: ids.A });
      const todo = (
        await ok<{ addTodo: TodoNode }>(ADD_TODO, { input: { taskId: ids.A, text: 'frozen' } })
      ).addTodo;
      await ok(`mutation ($id: ID!) { archiveProject(id: $id) { id status } }`, { id: projectId });
      const before = await stored(projectId);
      const eventsBefore = await em().count(TaskEvent, { task: { project: projectId } });

      const attempts: [string, string, Record<string, unknown>][] = [
        ['createTask', CREATE_TASK, { input: { projectId, title: 'late' } }],
        ['updateTask', UPDATE_TASK, { id: ids.A, input: { title: 'renamed' } }],
        ['moveTask', MOVE_TASK, { id: ids.C, parentId: ids.A }],
        ['deleteTask', DELETE_TASK, { id: ids.C, cascade: true }],
        ['addTaskDependency', ADD_DEPENDENCY, { taskId: ids.C, blockedById: ids.A }],
        ['removeTaskDependency', REMOVE_DEPENDENCY, { taskId: ids.B, blockedById: ids.A }],
        ['addTodo', ADD_TODO, { input: { taskId: ids.A, text: 'late' } }],
        ['updateTodo', UPDATE_TODO, { id: todo.id, input: { done: true } }],
        ['removeTodo', REMOVE_TODO, { id: todo.id }],
      ];
      const codes = [];
      for (const [name, query, variables] of attempts)
        codes.push([name, codesOf(await run(query, variables))[0]]);
      expect(codes).toEqual(attempts.map(([name]) => [name, 'CONFLICT']));

      expect(await stored(projectId)).toEqual(before);
      expect(await em().count(TaskDependency, { task: ids.B, blockedBy: ids.A })).toBe(1);
      expect(await em().count(TaskDependency, { task: ids.C })).toBe(0);
      expect(await em().findOneOrFail(Todo, { id: todo.id })).toMatchObject({
        text: 'frozen',
        done: false,
      });
      expect(await em().count(Todo, { task: ids.A })).toBe(1);
      expect(await em().count(TaskEvent, { task: { project: projectId } })).toBe(eventsBefore);
    });
  });

  describe('concurrent changes', () => {
    /** Depth is the parent's plus one and every sibling list is numbered 0..n-1. */
    async function expectConsistent(projectId: string) {
      const tasks = await em().find(Task, { project: projectId });
      const byId = new Map(tasks.map((task) => [task.id, task]));
      const wrongDepths = tasks
        .filter((task) => task.depth !== (task.parent ? byId.get(task.parent.id)!.depth + 1 : 0))
        .map((task) => task.title);
      expect(wrongDepths).toEqual([]);
      const siblings = new Map<string | null, number[]>();
      for (const task of tasks) {
        const key = task.parent?.id ?? null;
        siblings.set(key, [...(siblings.get(key) ?? []), task.position]);
      }
      for (const positions of siblings.values())
        expect(positions.sort((a, b) => a - b)).toEqual(positions.map((_p, i) => i));
    }

    it('keeps depths and positions consistent when one subtree is moved twice at once', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, {
        P: { p0: {} },
        Q: { q0: {} },
        T: { T1: { T2: {} } },
        U: {},
      });
      for (let round = 0; round < 4; round++) {
        const [first, second] = await Promise.all([
          move(ids.T, ids.P),
          move(ids.T, round % 2 ? ids.q0 : null, 0),
        ]);
        expect([first.errors, second.errors]).toEqual([undefined, undefined]);
        await expectConsistent(projectId);
      }
      const tree = await stored(projectId);
      expect(tree.T1.depth).toBe(tree.T.depth + 1);
      expect(tree.T2.depth).toBe(tree.T.depth + 2);
    });

    it('keeps sibling positions distinct when tasks are created and deleted at once', async () => {
      const projectId = await createProject();
      const { P } = await build(projectId, { P: { x: {}, y: {} } });
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          run(CREATE_TASK, { input: { projectId, parentId: P, title: `c${i}` } }),
        ),
      );
      expect(results.map((result) => result.errors)).toEqual(Array(6).fill(undefined));
      await expectConsistent(projectId);
      const children = await storedChildren(projectId, P);
      expect(children).toHaveLength(8);
      const deletions = await Promise.all(
        ['x', 'c0', 'c3'].map(async (title) => {
          const task = await em().findOneOrFail(Task, { project: projectId, title });
          return run(DELETE_TASK, { id: task.id, cascade: false });
        }),
      );
      expect(deletions.map((result) => result.errors)).toEqual(Array(3).fill(undefined));
      await expectConsistent(projectId);
      expect(await storedChildren(projectId, P)).toHaveLength(5);
    });

    it('keeps checklist positions distinct when todos are added at once', async () => {
      const projectId = await createProject();
      const { T } = await build(projectId, { T: {} });
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => run(ADD_TODO, { input: { taskId: T, text: `t${i}` } })),
      );
      expect(results.map((result) => result.errors)).toEqual(Array(6).fill(undefined));
      const todos = await em().find(Todo, { task: T }, { orderBy: { position: 'asc' } });
      expect(todos.map((todo) => todo.position)).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('closes the gap in the right list when a task is moved and deleted at once', async () => {
      const projectId = await createProject();
      const ids = await build(projectId, { P: { p0: {}, T: {}, p2: {} }, Q: { q0: {}, q1: {} } });
      const [moved, deleted] = await Promise.all([
        move(ids.T, ids.Q, 0),
        run(DELETE_TASK, { id: ids.T, cascade: false }),
      ]);
      // Whichever ran second saw the other's result.
      expect(deleted.errors).toBeUndefined();
      expect([undefined, 'NOT_FOUND']).toContain(codesOf(moved)[0]);
      await expectConsistent(projectId);
      expect(await storedChildren(projectId, ids.P)).toEqual(['p0', 'p2']);
      expect(await storedChildren(projectId, ids.Q)).toEqual(['q0', 'q1']);
    });

    it('keeps checklist positions compact when todos are removed and reordered at once', async () => {
      const projectId = await createProject();
      const { T } = await build(projectId, { T: {} });
      const todos: TodoNode[] = [];
      for (const text of ['a', 'b', 'c', 'd', 'e', 'f']) {
        const result = await ok<{ addTodo: TodoNode }>(ADD_TODO, { input: { taskId: T, text } });
        todos.push(result.addTodo);
      }
      const [a, b, c, d, e, f] = todos;
      const results = await Promise.all([
        run(REMOVE_TODO, { id: a.id }),
        run(REMOVE_TODO, { id: c.id }),
        run(REMOVE_TODO, { id: c.id }),
        run(UPDATE_TODO, { id: f.id, input: { position: 0 } }),
        run(REMOVE_TODO, { id: e.id }),
      ]);
      expect(results.map((result) => codesOf(result)[0] ?? 'OK').sort()).toEqual([
        'NOT_FOUND',
        'OK',
        'OK',
        'OK',
        'OK',
      ]);
      const rows = await em().find(Todo, { task: T }, { orderBy: { position: 'asc' } });
      expect(rows.map((todo) => [todo.text, todo.position])).toEqual([
        ['f', 0],
        ['b', 1],
        ['d', 2],
      ]);
      expect([b.id, d.id, f.id].sort()).toEqual(rows.map((todo) => todo.id).sort());
      expect(await em().count(TaskEvent, { task: T, kind: TaskEventKind.TODO_REMOVED })).toBe(3);
    });

    it('refuses one of two dependencies that together would close a cycle', async () => {
      const projectId = await createProject();
      const { A, B } = await build(projectId, { A: {}, B: {} });
      const results = await Promise.all([
        run(ADD_DEPENDENCY, { taskId: A, blockedById: B }),
        run(ADD_DEPENDENCY, { taskId: B, blockedById: A }),
      ]);
      expect(results.map((result) => codesOf(result)).sort()).toEqual([[], ['BAD_USER_INPUT']]);
      expect(await em().count(TaskDependency, { task: { project: projectId } })).toBe(1);
    });
  });

  describe('with TASK_MAX_DEPTH 3', () => {
    let shallow: TestServer;
    beforeAll(async () => {
      shallow = await startTestServer({ dialect, env: { TASK_MAX_DEPTH: '3' } });
    });
    afterAll(() => shallow.close());

    it('refuses the fourth level on create and on move', async () => {
      const member = await shallow.createUser();
      const exec = <T>(query: string, variables: Record<string, unknown>) =>
        shallow.run<T>(query, variables, { as: member });
      const project = await exec<{ createProject: { id: string } }>(CREATE_PROJECT, {
        input: { key: 'SHALLOW', name: 'Shallow' },
      });
      const projectId = project.data!.createProject.id;
      const create = async (title: string, parentId: string | null) => {
        const result = await exec<{ createTask: TaskNode }>(CREATE_TASK, {
          input: { projectId, parentId, title },
        });
        expect(result.errors).toBeUndefined();
        return result.data!.createTask;
      };
      const top = await create('top', null);
      const middle = await create('middle', top.id);
      const bottom = await create('bottom', middle.id);
      expect(bottom.depth).toBe(2);
      const tooDeep = await exec(CREATE_TASK, {
        input: { projectId, parentId: bottom.id, title: 'too deep' },
      });
      expect(codesOf(tooDeep)).toEqual(['BAD_USER_INPUT']);
      expect(refusal(tooDeep)).toMatchObject({ reason: 'DEPTH_LIMIT', limit: 3 });

      const pair = await create('pair', null);
      await create('pair child', pair.id);
      const moved = await exec(MOVE_TASK, { id: pair.id, parentId: middle.id });
      expect(refusal(moved)).toMatchObject({ reason: 'DEPTH_LIMIT', limit: 3 });
      const allowed = await exec<{ moveTask: TaskNode }>(MOVE_TASK, {
        id: pair.id,
        parentId: top.id,
      });
      expect(allowed.errors).toBeUndefined();
      const db = shallow.portico.orm.em.fork();
      const rows = await db.find(Task, { project: projectId }, { orderBy: { depth: 'asc' } });
      expect(Object.fromEntries(rows.map((task) => [task.title, task.depth]))).toEqual({
        top: 0,
        middle: 1,
        pair: 1,
        bottom: 2,
        'pair child': 2,
      });
    });
  });
});

import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { buildDataset, type DatasetScale } from './fixtures';
import { dialects } from './support';

// The shape of each operation fixes its statement count; the data's size must not change it.
const SMALL: DatasetScale = {
  projects: 2,
  roots: 3,
  children: 2,
  todosPerTask: 1,
  usersPerPool: 2,
};
const LARGE: DatasetScale = {
  projects: 12,
  roots: 30,
  children: 3,
  todosPerTask: 3,
  usersPerPool: 20,
};

const BOARD = `query Board($key: String!) {
  projectByKey(key: $key) {
    key name lead { username } watchers { username } stakeholders { username } taskCount
    rootTasks(first: 25) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        title position status assignee { username } blockedBy { title } blocking { title }
        todos { text done } subtaskCount
        subtasks(first: 10) {
          totalCount
          nodes { title depth assignee { username } blockedBy { title } todos { text } }
        }
      }
    }
  }
}`;

const MEDIUM_TREE = `query MediumTree {
  projects(first: 20, orderBy: { field: KEY, direction: ASC }) {
    totalCount
    nodes {
      key lead { username } watchers { username } taskCount
      rootTasks(first: 10) { nodes { title assignee { username } subtasks(first: 5) { nodes { title assignee { username } } } } }
    }
  }
}`;

const TREE = `query Tree($projectId: ID!) {
  taskTree(projectId: $projectId) { id depth position parent { id } assignee { username } todos { text } }
}`;

const HISTORY = `query History($key: String!) {
  projectByKey(key: $key) {
    tasks(first: 50, filter: { status: TODO }) {
      totalCount
      nodes { history(first: 5) { totalCount nodes { kind changes actor { username } } } project { key } parent { title } }
    }
  }
}`;

/** Session lookup, then one statement per relation fetched at each level. */
const EXPECTED = {
  // session; project; lead, watchers, stakeholders, taskCount, rootTasks page, rootTasks count;
  // roots: assignees, blockedBy, blocking, todos, subtaskCount, subtasks page (whose totalCount
  // reuses the subtaskCount batch); subtasks: assignees, blockedBy, todos
  board: 1 + 1 + 6 + 6 + 3,
  // session; projects page, count; leads, watchers, taskCount, rootTasks page;
  // roots: assignees, subtasks page; subtasks: assignees
  mediumTree: 1 + 2 + 4 + 2 + 1,
  // session; project check; all tasks; parents, assignees, todos
  tree: 1 + 1 + 1 + 3,
  // session; project; tasks page, count; history page, history count, actors, projects, parents
  history: 1 + 1 + 2 + 5,
};

describe.each(dialects)('statement counts on %s', (dialect) => {
  const measureAll = async (scale: DatasetScale) => {
    const server = await startTestServer({ dialect });
    try {
      // A member of the PRIVATE projects, not an admin: every list and lookup applies the
      // access rule in SQL, and the counts must not change for it.
      const user = await server.createUser();
      const projects = await buildDataset(server, scale, user);
      const outsider = await server.createUser();
      const hidden = await server.measure(MEDIUM_TREE, {}, { as: outsider });
      const board = await server.measure(BOARD, { key: 'DS1' }, { as: user });
      const medium = await server.measure(MEDIUM_TREE, {}, { as: user });
      const tree = await server.measure(TREE, { projectId: projects[1].id }, { as: user });
      const history = await server.measure(HISTORY, { key: 'DS1' }, { as: user });
      for (const { result } of [board, medium, tree, history, hidden])
        expect(result.errors).toBeUndefined();
      return { board, medium, tree, history, hidden, server, user };
    } finally {
      await server.close();
    }
  };

  let small: Awaited<ReturnType<typeof measureAll>>;
  let large: Awaited<ReturnType<typeof measureAll>>;

  beforeAll(async () => {
    small = await measureAll(SMALL);
    large = await measureAll(LARGE);
  });

  it('returns more rows from the larger dataset', () => {
    const roots = (r: typeof small) =>
      (r.board.result.data as { projectByKey: { rootTasks: { nodes: unknown[] } } }).projectByKey
        .rootTasks.nodes;
    expect(roots(small)).toHaveLength(SMALL.roots);
    expect(roots(large)).toHaveLength(25);
    expect((large.tree.result.data as { taskTree: unknown[] }).taskTree).toHaveLength(
      30 + 90 + 270,
    );
  });

  it('shows a member every project, and a non-member only the INTERNAL ones', () => {
    type Medium = { projects: { totalCount: number; nodes: { key: string }[] } };
    const projects = (r: { result: { data?: unknown } }) => (r.result.data as Medium).projects;
    expect(projects(large.medium).totalCount).toBe(LARGE.projects);
    expect(projects(large.hidden).totalCount).toBe(LARGE.projects / 2);
    expect(projects(large.hidden).nodes.map((p) => Number(p.key.slice(2)) % 2)).toEqual(
      Array(LARGE.projects / 2).fill(0),
    );
    expect(large.hidden.statements).toBe(EXPECTED.mediumTree);
  });

  it.each([
    ['board', 'board'],
    ['medium tree', 'medium'],
    ['task tree', 'tree'],
    ['history', 'history'],
  ] as const)('%s: the same count for both sizes, as asserted', (_name, key) => {
    const expected = EXPECTED[key === 'medium' ? 'mediumTree' : key];
    expect({ small: small[key].statements, large: large[key].statements }).toEqual({
      small: expected,
      large: expected,
    });
  });
});

export type { TestServer, TestUser };

import { faker } from '@faker-js/faker';
import { ref } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Priority } from '../../common/priority.enum';
import { ProjectMember } from '../../modules/project/project-member.entity';
import { ProjectRole } from '../../modules/project/project-role.enum';
import { ProjectStatus } from '../../modules/project/project-status.enum';
import { ProjectVisibility } from '../../modules/project/project-visibility.enum';
import { ProjectStakeholder } from '../../modules/project/project-stakeholder.entity';
import { ProjectWatcher } from '../../modules/project/project-watcher.entity';
import { Project } from '../../modules/project/project.entity';
import { TaskStatus } from '../../modules/task/task-status.enum';
import { TaskDependency } from '../../modules/task/task-dependency.entity';
import { Task } from '../../modules/task/task.entity';
import { Todo } from '../../modules/task/todo.entity';
import { hashPassword } from '../../modules/user/password';
import { Role } from '../../modules/user/role.enum';
import { User } from '../../modules/user/user.entity';
import type { Orm } from '../database';
import { seedHandoffs } from './demo-handoffs';
import { seedPlans } from './demo-plans';
import { seedVenues } from './demo-venues';

export interface SeedScale {
  users: number;
  projects: number;
  /** Root tasks per project. */
  rootTasks: number;
  /** Subtasks per task, at every level below the roots. */
  subtasks: number;
  /** Levels of tasks, roots included. */
  depth: number;
  /** When above 0, one more project, key TREE, with exactly this many tasks (fan-out 10). */
  treeTasks?: number;
  /** Shift handoffs, spread over the shifts (see demo-handoffs.ts). */
  handoffs?: number;
  /** Travel plans per user (see demo-plans.ts). */
  plansPerUser?: number;
  /** Venues with their hours and a day of bookings (see demo-venues.ts). */
  venues?: number;
}

/** The shape of one project's task forest; `limit` stops it at that many tasks. */
interface TreeShape {
  rootTasks: number;
  subtasks: number;
  depth: number;
  limit?: number;
}

export const DEMO_SCALE: SeedScale = {
  users: 12,
  projects: 5,
  rootTasks: 8,
  subtasks: 3,
  depth: 3,
  handoffs: 40,
  plansPerUser: 3,
  venues: 4,
};
export const DEMO_ADMIN = { email: 'admin@portico.dev', password: 'portico-admin' };
export const DEMO_MEMBER_PASSWORD = 'portico-demo';
const FAKER_SEED = 20261122;

function pick<T>(items: readonly T[]): T {
  return items[faker.number.int({ min: 0, max: items.length - 1 })];
}

async function seedUsers(em: SqlEntityManager, count: number): Promise<User[]> {
  const memberHash = await hashPassword(DEMO_MEMBER_PASSWORD);
  const admin = em.create(User, {
    email: DEMO_ADMIN.email,
    username: 'admin',
    displayName: 'Portico Admin',
    role: Role.ADMIN,
    passwordHash: await hashPassword(DEMO_ADMIN.password),
  });
  const members = Array.from({ length: Math.max(count - 1, 0) }, (_, i) =>
    em.create(User, {
      email: `member${i + 1}@portico.dev`,
      username: `member${i + 1}`,
      displayName: faker.person.fullName(),
      passwordHash: memberHash,
    }),
  );
  await em.flush();
  return [admin, ...members];
}

function seedTasks(em: SqlEntityManager, project: Project, users: User[], shape: TreeShape): void {
  let made = 0;
  const level = (parent: Task | null, count: number, depth: number): void => {
    let previous: Task | null = null;
    for (let position = 0; position < count && made < (shape.limit ?? Infinity); position++) {
      made++;
      const task: Task = em.create(Task, {
        project,
        parent,
        depth,
        position,
        title: faker.hacker.phrase().slice(0, 300),
        description: faker.lorem.sentence(),
        status: pick(Object.values(TaskStatus)),
        priority: pick(Object.values(Priority)),
        assignee: faker.datatype.boolean(0.8) ? pick(users) : null,
        dueDate: faker.datatype.boolean(0.5)
          ? faker.date.soon({ days: 60, refDate: '2026-12-01' })
          : null,
      });
      // Each task may wait for its previous sibling: never a cycle.
      if (previous && faker.datatype.boolean(0.3))
        em.create(TaskDependency, { task, blockedBy: previous });
      const todos = faker.number.int({ min: 0, max: 3 });
      for (let i = 0; i < todos; i++) {
        em.create(Todo, {
          task,
          text: faker.lorem.words(4),
          done: faker.datatype.boolean(),
          position: i,
        });
      }
      if (depth + 1 < shape.depth) level(task, shape.subtasks, depth + 1);
      previous = task;
    }
  };
  level(null, shape.rootTasks, 0);
}

/** The lead as LEAD, `editors` as EDITOR, and a few others with a random role. */
function seedMembers(
  em: SqlEntityManager,
  project: Project,
  users: User[],
  editors: (User | undefined)[],
): void {
  const lead = project.lead.getEntity();
  const roles = new Map<User, ProjectRole>([[lead, ProjectRole.LEAD]]);
  for (const user of editors) if (user && !roles.has(user)) roles.set(user, ProjectRole.EDITOR);
  for (const user of faker.helpers.arrayElements(users, { min: 1, max: 3 }))
    if (!roles.has(user)) roles.set(user, pick([ProjectRole.VIEWER, ProjectRole.EDITOR]));
  for (const [user, role] of roles) em.create(ProjectMember, { project, user, role });
}

/** Reproducible demo data: the same faker seed gives the same names, titles and shape. */
export async function seedDemoData(
  em: SqlEntityManager,
  scale: SeedScale = DEMO_SCALE,
): Promise<void> {
  faker.seed(FAKER_SEED);
  const users = await seedUsers(em, scale.users);
  for (let p = 0; p < scale.projects; p++) {
    const project = em.create(Project, {
      key: p === 0 ? 'OPS' : `P${String(p).padStart(3, '0')}`,
      name: p === 0 ? 'Operations' : faker.company.catchPhrase().slice(0, 200),
      description: faker.lorem.paragraph(),
      status:
        p === 0
          ? ProjectStatus.ACTIVE
          : pick([ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD, ProjectStatus.DONE]),
      priority: pick(Object.values(Priority)),
      lead: p === 0 ? users[0] : pick(users),
    });
    for (const user of faker.helpers.arrayElements(users, { min: 1, max: 4 }))
      em.create(ProjectWatcher, { project, user });
    for (const user of faker.helpers.arrayElements(users, { min: 0, max: 3 }))
      em.create(ProjectStakeholder, { project, user });
    seedTasks(em, project, users, scale);
    // The last project (of several) is PRIVATE and member1 is no member of it; member1 edits
    // every other one.
    const isPrivate = p > 0 && p === scale.projects - 1;
    if (isPrivate) {
      project.visibility = ProjectVisibility.PRIVATE;
      if (project.lead.id === users[1]?.id) project.lead = ref(users[0]);
    }
    if (isPrivate)
      seedMembers(
        em,
        project,
        users.filter((user) => user !== users[1]),
        [],
      );
    else seedMembers(em, project, users, [users[1]]);
    await em.flush();
  }
  if (scale.treeTasks) {
    const project = em.create(Project, { key: 'TREE', name: 'A large task tree', lead: users[0] });
    const depth = Math.max(1, Math.ceil(Math.log10(scale.treeTasks)));
    seedTasks(em, project, users, { rootTasks: 10, subtasks: 10, depth, limit: scale.treeTasks });
    seedMembers(em, project, users, [users[1]]);
    await em.flush();
  }
  if (scale.handoffs) await seedHandoffs(em, users, scale.handoffs);
  if (scale.plansPerUser) await seedPlans(em, users, scale.plansPerUser);
  if (scale.venues) await seedVenues(em, users, scale.venues);
}

/** Seeds when there is no user yet; true when it did. */
export async function seedDemoDataIfEmpty(
  orm: Orm,
  scale: SeedScale = DEMO_SCALE,
): Promise<boolean> {
  const em = orm.em.fork();
  if ((await em.count(User)) > 0) return false;
  await em.transactional((trx) => seedDemoData(trx as SqlEntityManager, scale));
  return true;
}

import type { SqlEntityManager } from '@mikro-orm/knex';
import { ProjectMember } from '../src/modules/project/project-member.entity';
import { ProjectRole } from '../src/modules/project/project-role.enum';
import { ProjectVisibility } from '../src/modules/project/project-visibility.enum';
import { Project } from '../src/modules/project/project.entity';
import { ProjectStakeholder } from '../src/modules/project/project-stakeholder.entity';
import { ProjectWatcher } from '../src/modules/project/project-watcher.entity';
import { TaskDependency } from '../src/modules/task/task-dependency.entity';
import { TaskEvent } from '../src/modules/task/task-event.entity';
import { TaskEventKind } from '../src/modules/task/task-event-kind.enum';
import { Task } from '../src/modules/task/task.entity';
import { Todo } from '../src/modules/task/todo.entity';
import { User } from '../src/modules/user/user.entity';
import type { TestServer } from '../src/testing/test-server';

export interface DatasetScale {
  projects: number;
  /** Root tasks per project. */
  roots: number;
  /** Children per task at levels 1 and 2. */
  children: number;
  todosPerTask: number;
  /** Users in each of the four pools (leads, level 0, 1 and 2 assignees). */
  usersPerPool: number;
}

/**
 * A deterministic project forest for statement counting. Each level's tasks are assigned to
 * users of a pool of its own, so no level's users are already cached by another level's batch,
 * and every task after the first sibling waits for its previous sibling. Odd projects are
 * PRIVATE; `member`, when given, is a VIEWER of every one of them.
 */
export async function buildDataset(
  server: TestServer,
  scale: DatasetScale,
  member?: { id: string },
): Promise<Project[]> {
  const em = server.portico.orm.em.fork() as SqlEntityManager;
  const pools = Array.from({ length: 4 }, (_, pool) =>
    Array.from({ length: scale.usersPerPool }, (_, i) =>
      em.create(User, {
        email: `p${pool}u${i}@dataset.test`,
        username: `p${pool}u${i}`,
        displayName: `Pool ${pool} user ${i}`,
        passwordHash: 'not-a-login',
      }),
    ),
  );
  const [leads, ...levelPools] = pools;
  const projects: Project[] = [];
  let n = 0;
  const level = (project: Project, parent: Task | null, depth: number, count: number) => {
    let previous: Task | null = null;
    for (let position = 0; position < count; position++) {
      const pool = levelPools[depth];
      const task: Task = em.create(Task, {
        project,
        parent,
        depth,
        position,
        title: `Task ${n++}`,
        assignee: pool[n % pool.length],
      });
      for (let t = 0; t < scale.todosPerTask; t++)
        em.create(Todo, { task, text: `todo ${t}`, position: t });
      em.create(TaskEvent, {
        task,
        actor: leads[n % leads.length],
        kind: TaskEventKind.CREATED,
        changes: { title: { from: null, to: task.title } },
      });
      if (previous) em.create(TaskDependency, { task, blockedBy: previous });
      if (depth < 2) level(project, task, depth + 1, scale.children);
      previous = task;
    }
  };
  for (let p = 0; p < scale.projects; p++) {
    // Odd projects are PRIVATE, so reads by non-admins go through the membership rule.
    const project = em.create(Project, {
      key: `DS${p}`,
      name: `Dataset ${p}`,
      lead: leads[p % leads.length],
      visibility: p % 2 ? ProjectVisibility.PRIVATE : ProjectVisibility.INTERNAL,
    });
    em.create(ProjectMember, { project, user: leads[p % leads.length], role: ProjectRole.LEAD });
    if (member && p % 2)
      em.create(ProjectMember, {
        project,
        user: em.getReference(User, member.id),
        role: ProjectRole.VIEWER,
      });
    projects.push(project);
    for (const user of pools.flat().slice(0, 3 + (p % 3))) {
      em.create(ProjectWatcher, { project, user });
      em.create(ProjectStakeholder, { project, user });
    }
    level(project, null, 0, scale.roots);
  }
  await em.flush();
  return projects;
}

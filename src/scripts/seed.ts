import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { loadConfig } from '../config';
import { ormOptions } from '../db/orm-options';
import { DEMO_SCALE, seedDemoData, type SeedScale } from '../db/seed/demo-data';
import { User } from '../modules/user/user.entity';
import { print } from './print';

const usage = `usage: npm run db:seed -- [--users N] [--projects N] [--root-tasks N] [--subtasks N] [--depth N] [--tree-tasks N] [--handoffs N] [--plans-per-user N] [--venues N] [--force]
Loads reproducible demo data into DATABASE_URL (migrating it first). Refuses a database that has
users unless --force is given. --tree-tasks adds a project TREE with exactly N tasks.`;

function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' },
      projects: { type: 'string' },
      'root-tasks': { type: 'string' },
      subtasks: { type: 'string' },
      depth: { type: 'string' },
      'tree-tasks': { type: 'string' },
      handoffs: { type: 'string' },
      'plans-per-user': { type: 'string' },
      venues: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return print(usage);
  const scale: SeedScale = {
    users: Math.max(count(values.users, DEMO_SCALE.users, 'users'), 1),
    projects: count(values.projects, DEMO_SCALE.projects, 'projects'),
    rootTasks: count(values['root-tasks'], DEMO_SCALE.rootTasks, 'root-tasks'),
    subtasks: count(values.subtasks, DEMO_SCALE.subtasks, 'subtasks'),
    depth: Math.max(count(values.depth, DEMO_SCALE.depth, 'depth'), 1),
    treeTasks: count(values['tree-tasks'], 0, 'tree-tasks'),
    handoffs: count(values.handoffs, DEMO_SCALE.handoffs ?? 0, 'handoffs'),
    plansPerUser: count(values['plans-per-user'], DEMO_SCALE.plansPerUser ?? 0, 'plans-per-user'),
    venues: count(values.venues, DEMO_SCALE.venues ?? 0, 'venues'),
  };
  const config = loadConfig();
  if (scale.depth > config.taskMaxDepth)
    throw new Error(`--depth may not exceed TASK_MAX_DEPTH (${config.taskMaxDepth})`);
  const orm = await MikroORM.init(ormOptions(config));
  try {
    await orm.getMigrator().up();
    const em = orm.em.fork() as SqlEntityManager;
    if ((await em.count(User)) > 0 && !values.force)
      throw new Error('the database already has users; pass --force to add more');
    const started = Date.now();
    await em.transactional((trx) => seedDemoData(trx as SqlEntityManager, scale));
    print(`seeded ${JSON.stringify(scale)} in ${Date.now() - started} ms`);
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

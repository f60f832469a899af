import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Seeder } from '@mikro-orm/seeder';
import { seedDemoData } from './demo-data';

/** `mikro-orm seeder:run` entry point: the demo data at its default scale. */
export class DatabaseSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    await seedDemoData(em as SqlEntityManager);
  }
}

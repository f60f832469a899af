import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { ormOptions } from './orm-options';

export type Orm = MikroORM & { em: SqlEntityManager };

export async function openDatabase(config: Config, logger: Logger): Promise<Orm> {
  const orm = (await MikroORM.init(ormOptions(config))) as Orm;
  if (config.migrateOnStart) {
    const applied = await orm.getMigrator().up();
    if (applied.length)
      logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
  }
  return orm;
}

/** The database answers a trivial statement. */
export async function databaseIsReady(orm: Orm): Promise<boolean> {
  try {
    await orm.em.fork().execute('select 1');
    return true;
  } catch {
    return false;
  }
}

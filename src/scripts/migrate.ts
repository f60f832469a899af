import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { loadConfig } from '../config';
import { ormOptions } from '../db/orm-options';
import { print } from './print';

/**
 * `up` applies pending migrations, `down` reverts the last one, `create` writes a migration for
 * the difference between the entities and the database of DATABASE_URL (run it once per dialect).
 */
async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  const orm = await MikroORM.init(ormOptions(config));
  const migrator = orm.getMigrator();
  try {
    if (command === 'up') {
      const applied = await migrator.up();
      print(
        applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'nothing to apply',
      );
    } else if (command === 'down') {
      const reverted = await migrator.down();
      print(
        reverted.length
          ? `reverted: ${reverted.map((m) => m.name).join(', ')}`
          : 'nothing to revert',
      );
    } else if (command === 'create') {
      await migrator.up();
      const result = await migrator.createMigration(`migrations/${config.dialect}`, false, false);
      print(
        result.fileName
          ? `created ${result.fileName}`
          : 'the database already matches the entities',
      );
    } else {
      throw new Error('usage: migrate.js up | down | create');
    }
  } finally {
    await orm.close();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

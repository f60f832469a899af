import path from 'node:path';
import type { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SeedManager } from '@mikro-orm/seeder';
import { SqliteDriver } from '@mikro-orm/sqlite';
import type { Config } from '../config';
import { CountingLogger } from '../common/sql-stats';
import { SEARCH_TABLE } from '../modules/document/document-search';
import { entities } from './entities';
import { addPostgresOnlyIndexes } from './postgres-only-indexes';

/** Under jest (swc) the TypeScript sources are loaded directly, so migrations come from `pathTs`. */
const runningTs = __filename.endsWith('.ts');
/** The repository root, from src/db (sources) or dist/src/db (compiled). */
const root = path.resolve(__dirname, ...(runningTs ? ['..', '..'] : ['..', '..', '..']));

type SqliteConnection = { exec(sql: string, done: (error: Error | null) => void): void };

/** MikroORM options for one dialect; `mikro-orm.config.ts` and the app both build from this. */
export function ormOptions(
  config: Pick<Config, 'dialect' | 'dbName' | 'dbPoolMax' | 'logLevel'>,
): Options {
  const common: Options = {
    entities,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: true },
    loggerFactory: (options) => CountingLogger.create(options),
    debug:
      config.logLevel === 'debug' || config.logLevel === 'trace'
        ? ['query', 'query-params']
        : false,
    preferTs: runningTs,
    extensions: [Migrator, SeedManager],
    // The full-text table is dialect-specific (FTS5 / tsvector) and kept by the migrations.
    schemaGenerator: { skipTables: [SEARCH_TABLE] },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: path.join(root, 'dist', 'migrations', config.dialect),
      pathTs: path.join(root, 'migrations', config.dialect),
      glob: runningTs ? '!(*.d).ts' : '!(*.d).js',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
  };
  if (config.dialect === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      discovery: { ...common.discovery, onMetadata: addPostgresOnlyIndexes },
      clientUrl: config.dbName,
      pool: { min: 0, max: config.dbPoolMax },
    };
  }
  return {
    ...common,
    driver: SqliteDriver,
    dbName: config.dbName,
    pool: {
      min: 1,
      max: 1,
      // One connection, kept; the pragmas must hold on every connection the pool ever opens.
      afterCreate: (
        conn: SqliteConnection,
        done: (error: Error | null, conn: SqliteConnection) => void,
      ) =>
        conn.exec(
          'PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;',
          (error) => done(error, conn),
        ),
    },
  };
}

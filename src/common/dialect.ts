import type { Platform } from '@mikro-orm/core';
import type { Knex, SqlEntityManager } from '@mikro-orm/knex';
import type { Config } from '../config';

/**
 * Where PostgreSQL and SQLite differ, in one place. SQLite runs one write transaction at a
 * time on its single pooled connection, so what PostgreSQL needs a lock for, SQLite has already.
 */
interface Scope {
  em: SqlEntityManager;
  config: Pick<Config, 'dialect'>;
}

export function isPostgres(scope: { config: Pick<Config, 'dialect'> }): boolean {
  return scope.config.dialect === 'postgresql';
}

/**
 * The same question asked of a MikroORM platform (column types see no Config): PostgreSQL has
 * schemas, SQLite has none.
 */
export function isPostgresPlatform(platform: Platform): boolean {
  return (platform as Platform & { supportsSchemas?: () => boolean }).supportsSchemas?.() === true;
}

/** Locks a row until the transaction ends (PostgreSQL `for update`; nothing on SQLite). */
export async function lockRow(scope: Scope, table: string, id: string): Promise<void> {
  if (!isPostgres(scope)) return;
  await scope.em.execute(`select id from ${table} where id = ? for update`, [id]);
}

/** Takes a transaction-scoped advisory lock on `key` (PostgreSQL; nothing on SQLite). */
export async function lockKey(scope: Scope, key: number): Promise<void> {
  if (!isPostgres(scope)) return;
  await scope.em.execute('select pg_advisory_xact_lock(?)', [key]);
}

/**
 * Rows where any of `columns` contains `text`, ignoring case, with `%`, `_` and `\` taken
 * literally: ILIKE on PostgreSQL, LIKE on SQLite (which folds ASCII letters only).
 */
export function whereContains(
  scope: { config: Pick<Config, 'dialect'> },
  qb: Knex.QueryBuilder,
  columns: readonly string[],
  text: string,
): void {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = isPostgres(scope) ? 'ilike' : 'like';
  qb.where((any) => {
    for (const column of columns) any.orWhereRaw(`?? ${like} ? escape '\\'`, [column, pattern]);
  });
}

/**
 * `column` is one of `keys`, as one bind parameter however many keys there are: a PostgreSQL
 * array (`= any(?)`), a JSON array on SQLite. knex's `whereIn` writes a placeholder per key, and
 * compiling and sending a statement of hundreds of them cost more than running it.
 */
export function whereKeyIn(
  em: SqlEntityManager,
  qb: Knex.QueryBuilder,
  column: string,
  keys: readonly string[],
): Knex.QueryBuilder {
  // Batch functions hold only the EntityManager, not the Config: its knex client names the dialect.
  if ((em.getKnex().client as { dialect: string }).dialect !== 'postgresql')
    return qb.whereRaw('?? in (select value from json_each(?))', [column, JSON.stringify(keys)]);
  // An array literal as text (knex would spread a JS array into a list of placeholders);
  // PostgreSQL gives it the column's array type.
  const literal = `{${keys.map((key) => `"${key.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  return qb.whereRaw('?? = any(?)', [column, literal]);
}

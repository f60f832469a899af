import type { EntityName } from '@mikro-orm/core';
import type { Knex, SqlEntityManager } from '@mikro-orm/knex';
import { columnOf, columnsOf, rowsAs, tableOf } from './row-mapper';
import { isUuid } from './uuid';
import { whereKeyIn } from './dialect';
import { selectRows } from './select-rows';

/**
 * Batch functions shared by every module's loaders. Each issues exactly one statement for all
 * the keys of a batch and answers in key order, one entry per key. They answer plain objects
 * shaped like the entity (see row-mapper.ts), never managed entities: reads need no identity
 * map or change tracking.
 */

export type Where = (qb: Knex.QueryBuilder) => void;

/** `items` (mapped from `rows`, index for index) per key, in key order; `column` holds a row's key. */
export function groupBy<T>(
  keys: readonly string[],
  rows: readonly Record<string, unknown>[],
  column: string,
  items: readonly T[],
): T[][] {
  const groups = new Map<string, T[]>();
  for (const key of keys) groups.set(key, []);
  for (let i = 0; i < rows.length; i++) groups.get(String(rows[i][column]))?.push(items[i]);
  return keys.map((key) => groups.get(key)!);
}

/** Rows by primary key (and `where`, e.g. an access rule); a missing or malformed id answers null. */
export function loadByIds<T extends { id: string }>(
  em: SqlEntityManager,
  entity: EntityName<T>,
  ids: readonly string[],
  where?: Where,
): Promise<(T | null)[]> {
  // A malformed id matches nothing (PostgreSQL would refuse it in a uuid comparison).
  return loadByUnique(em, entity, 'id', ids, where, isUuid);
}

/**
 * Rows by a unique property (an id, a project's key, a shift's key), and `where`; a key that
 * matches nothing, or fails `valid`, answers null.
 */
export async function loadByUnique<T extends object>(
  em: SqlEntityManager,
  entity: EntityName<T>,
  property: keyof T & string,
  keys: readonly string[],
  where?: Where,
  valid: (key: string) => boolean = () => true,
): Promise<(T | null)[]> {
  const wanted = keys.filter(valid);
  const table = tableOf(em, entity);
  const column = columnOf(em, entity, property);
  const query = em.getKnex()(table).select(columnsOf(em, entity));
  whereKeyIn(em, query, `${table}.${column}`, wanted);
  where?.(query);
  const rows = wanted.length ? rowsAs(em, entity, await selectRows(em, query)) : [];
  const byKey = new Map(rows.map((row) => [String(row[property]), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** `count(*)` per parent key in one grouped statement; parents without rows count 0. */
export async function countByParent(
  em: SqlEntityManager,
  table: string,
  column: string,
  keys: readonly string[],
  where?: Where,
): Promise<number[]> {
  const qb = em.getKnex()(table).select({ k: column }).count({ n: '*' }).groupBy(column);
  whereKeyIn(em, qb, column, keys);
  where?.(qb);
  const rows = await selectRows(em, qb);
  const counts = new Map(rows.map((row) => [String(row.k), Number(row.n)]));
  return keys.map((key) => counts.get(key) ?? 0);
}

/** Every child of each parent (small bounded sets such as todos), ordered. */
export async function listByParent<T extends object>(
  em: SqlEntityManager,
  entity: EntityName<T>,
  table: string,
  column: string,
  order: string[],
  keys: readonly string[],
  columns: readonly string[] = columnsOf(em, entity),
): Promise<T[][]> {
  const qb = em
    .getKnex()(table)
    .select(columns)
    .orderBy([column, ...order]);
  whereKeyIn(em, qb, column, keys);
  const rows = await selectRows(em, qb);
  const items = rowsAs(em, entity, rows);
  return groupBy(keys, rows, column, items);
}

/** Targets of a many-to-many relation through its pivot table, per owner. */
export async function listThroughPivot<T extends object>(
  em: SqlEntityManager,
  entity: EntityName<T>,
  pivot: { table: string; owner: string; target: string },
  targetTable: string,
  order: string[],
  keys: readonly string[],
  columns: readonly string[] = columnsOf(em, entity),
): Promise<T[][]> {
  const qb = em
    .getKnex()(targetTable)
    .select(...columns, { _owner: `p.${pivot.owner}` })
    .join({ p: pivot.table }, `p.${pivot.target}`, `${targetTable}.id`)
    .orderBy(order.map((column) => `${targetTable}.${column}`));
  whereKeyIn(em, qb, `p.${pivot.owner}`, keys);
  const rows = await selectRows(em, qb);
  const items = rowsAs(em, entity, rows);
  return groupBy(keys, rows, '_owner', items);
}

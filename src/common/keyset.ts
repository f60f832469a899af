import { ReferenceKind, type EntityMetadata, type EntityName } from '@mikro-orm/core';
import type { Knex, SqlEntityManager } from '@mikro-orm/knex';

/** One key of a list's order: an entity property and its direction. The last key is the id. */
export interface SortKey {
  property: string;
  direction: 'asc' | 'desc';
}

/** A sort key as the database sees it, read from MikroORM's metadata. */
export interface KeyColumn extends SortKey {
  column: string;
  kind: 'date' | 'integer' | 'number' | 'string' | 'boolean';
  nullable: boolean;
  /** An integer key's values lie in [-limit, limit): its column's range, so a cursor is checked. */
  limit?: number;
}

/** The range of an integer column type: a cursor value outside it would fail the comparison. */
function integerLimit(columnType: string): number {
  if (/smallint|int2\b/.test(columnType)) return 2 ** 15;
  if (/bigint|int8\b/.test(columnType)) return Number.MAX_SAFE_INTEGER;
  return 2 ** 31;
}

/** Creation order, and the keys of an id cursor: ids are UUIDv7, so they sort by time. */
export const ID_ORDER: readonly SortKey[] = [{ property: 'id', direction: 'asc' }];

/** By a unique name (tags, categories). */
export const NAME_ORDER: readonly SortKey[] = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];

const resolved = new WeakMap<EntityMetadata, Map<string, KeyColumn[]>>();

function kindOf(meta: EntityMetadata, property: string): KeyColumn['kind'] {
  const prop = meta.properties[property as never] as EntityMetadata['props'][number];
  if (prop.kind === ReferenceKind.MANY_TO_ONE) return 'string';
  const columnType = String(prop.columnTypes?.[0] ?? '');
  if (prop.runtimeType === 'Date') return 'date';
  if (prop.runtimeType === 'boolean') return 'boolean';
  if (prop.runtimeType === 'number') return /int/.test(columnType) ? 'integer' : 'number';
  return 'string';
}

/** The columns behind a list's sort keys; the order must end with the unique `id`. */
export function keyColumns<T>(
  em: SqlEntityManager,
  entity: EntityName<T>,
  keys: readonly SortKey[],
): KeyColumn[] {
  const meta = em.getMetadata().get(entity as EntityName<object>) as EntityMetadata;
  let byKeys = resolved.get(meta);
  if (!byKeys) resolved.set(meta, (byKeys = new Map()));
  const id = keys.map((key) => `${key.property}:${key.direction}`).join(',');
  let columns = byKeys.get(id);
  if (!columns) {
    // The last key must tell rows apart: the id, or the part of a composite key that varies
    // within a child list's parent (a member's user).
    const last = keys[keys.length - 1]?.property;
    if (last !== 'id' && !meta.primaryKeys.includes(last as never)) {
      throw new Error(`The order of a ${meta.className} list must end with its id`);
    }
    columns = keys.map((key) => {
      const prop = meta.properties[key.property as never] as EntityMetadata['props'][number];
      if (!prop) throw new Error(`${meta.className} has no property ${key.property}`);
      const kind = kindOf(meta, key.property);
      const columnType = String(prop.columnTypes?.[0] ?? '');
      return {
        ...key,
        column: prop.fieldNames[0],
        kind,
        nullable: Boolean(prop.nullable),
        ...(kind === 'integer' && { limit: integerLimit(columnType) }),
      };
    });
    byKeys.set(id, columns);
  }
  return columns;
}

type Raw = { sql: string; bindings: Knex.Value[] };

/**
 * The ORDER BY of a list read forwards or (for `last`/`before`) backwards. NULLs come last when
 * read forwards, whatever the direction, on both dialects. A NOT NULL key gets no NULLS clause:
 * PostgreSQL reads an index in order (either way) only when the clause matches the index's, and
 * indexes are declared without one.
 */
export function orderSql(keys: readonly KeyColumn[], backward: boolean, table: string): Raw {
  const parts = keys.map((key) => {
    const ascending = (key.direction === 'asc') !== backward;
    const nulls = key.nullable ? ` nulls ${backward ? 'first' : 'last'}` : '';
    return `??.?? ${ascending ? 'asc' : 'desc'}${nulls}`;
  });
  return { sql: parts.join(', '), bindings: keys.flatMap((key) => [table, key.column]) };
}

/**
 * The rows strictly after the cursor's row in the order being read, e.g. for (due asc, id asc)
 * forwards after (d, i): `due > d or due is null or (due = d and id > i)`; a NULL in the cursor
 * is matched with `is null`, so pages through NULLs are as stable as through values.
 */
export function afterSql(
  keys: readonly KeyColumn[],
  values: readonly Knex.Value[],
  backward: boolean,
  table: string,
): Raw {
  const strict = (key: KeyColumn, value: Knex.Value): Raw => {
    if (value === null)
      return backward
        ? { sql: '??.?? is not null', bindings: [table, key.column] }
        : { sql: '1 = 0', bindings: [] };
    const op = (key.direction === 'asc') !== backward ? '>' : '<';
    const sql = backward || !key.nullable ? `??.?? ${op} ?` : `(??.?? ${op} ? or ??.?? is null)`;
    const bindings =
      backward || !key.nullable
        ? [table, key.column, value]
        : [table, key.column, value, table, key.column];
    return { sql, bindings };
  };
  const equal = (key: KeyColumn, value: Knex.Value): Raw =>
    value === null
      ? { sql: '??.?? is null', bindings: [table, key.column] }
      : { sql: '??.?? = ?', bindings: [table, key.column, value] };
  let condition = strict(keys[keys.length - 1], values[keys.length - 1]);
  for (let i = keys.length - 2; i >= 0; i--) {
    const head = strict(keys[i], values[i]);
    const same = equal(keys[i], values[i]);
    condition = {
      sql: `(${head.sql} or (${same.sql} and ${condition.sql}))`,
      bindings: [...head.bindings, ...same.bindings, ...condition.bindings],
    };
  }
  return condition;
}

/** A client's choice of order: an entity property (or `id`) and a direction. */
export interface ChosenOrder {
  field: string;
  direction: 'asc' | 'desc';
}

/**
 * The keyset of a list in the order a client chose: the property, then the id (the tie-break)
 * in the same direction; the id alone when it chose the id; `fallback` when it chose nothing.
 */
export function chosenOrder(
  order: ChosenOrder | null | undefined,
  fallback: readonly SortKey[],
): readonly SortKey[] {
  if (!order) return fallback;
  const id: SortKey = { property: 'id', direction: order.direction };
  return order.field === 'id' ? [id] : [{ property: order.field, direction: order.direction }, id];
}

import type { Knex } from '@mikro-orm/knex';
import type { Context } from '../../context';
import { isPostgres } from '../../common/dialect';
import { ErrorReason, userInputError } from '../../common/errors';

/** Plan data and activity metadata: JSON objects, at most this deep and this large. */
export const JSON_MAX_DEPTH = 10;
export const PLAN_DATA_MAX_BYTES = 65_536;
export const ACTIVITY_METADATA_MAX_BYTES = 16_384;

type Json = unknown;

function depthOf(value: Json): number {
  let deepest = 0;
  const stack: [Json, number][] = [[value, 1]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The object, or BAD_USER_INPUT when it is nested too deep or too large once serialised. */
export function boundedObject(
  value: Record<string, unknown>,
  field: string,
  maxBytes: number,
): Record<string, unknown> {
  const depth = depthOf(value);
  if (depth > JSON_MAX_DEPTH) {
    throw userInputError(`${field} nests ${depth} levels deep; at most ${JSON_MAX_DEPTH}`, {
      field,
      reason: ErrorReason.TOO_LARGE,
      limit: JSON_MAX_DEPTH,
    });
  }
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > maxBytes) {
    throw userInputError(`${field} is ${bytes} bytes as JSON; at most ${maxBytes}`, {
      field,
      reason: ErrorReason.TOO_LARGE,
      limit: maxBytes,
      bytes,
    });
  }
  return value;
}

type Raw = { sql: string; bindings: Knex.Value[] };

const isObject = (value: Json): value is Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The JSON type names (SQLite's json_type, json_each.type) a scalar of the filter matches. */
function jsonTypes(value: Json): string {
  if (value === null) return "'null'";
  if (typeof value === 'boolean') return `'${value}'`;
  return typeof value === 'string' ? "'text'" : "'integer', 'real'";
}

/** Null and booleans are told by their type alone; strings and numbers by their value too. */
const hasValue = (value: Json) => typeof value === 'string' || typeof value === 'number';

/** SQLite's reading of `column @> filter`, path by path (PostgreSQL has the operator). */
function sqliteContains(column: string, filter: Record<string, Json>, path = '$'): Raw[] {
  const conditions: Raw[] = [];
  for (const [key, value] of Object.entries(filter)) {
    const at = `${path}.${JSON.stringify(key)}`;
    if (isObject(value)) {
      conditions.push({ sql: `json_type(??, ?) = 'object'`, bindings: [column, at] });
      conditions.push(...sqliteContains(column, value, at));
    } else if (Array.isArray(value)) {
      conditions.push({ sql: `json_type(??, ?) = 'array'`, bindings: [column, at] });
      for (const element of value) {
        const equal = hasValue(element) ? ' and e.value = ?' : '';
        conditions.push({
          sql: `exists (select 1 from json_each(??, ?) e where e.type in (${jsonTypes(element)})${equal})`,
          bindings: [column, at, ...(equal ? [element as Knex.Value] : [])],
        });
      }
    } else {
      const equal = hasValue(value) ? ' and json_extract(??, ?) = ?' : '';
      conditions.push({
        sql: `json_type(??, ?) in (${jsonTypes(value)})${equal}`,
        bindings: [column, at, ...(equal ? [column, at, value as Knex.Value] : [])],
      });
    }
  }
  return conditions;
}

/** Leaves must be scalars or arrays of scalars: an object inside an array is refused. */
function assertContainable(value: Json): void {
  if (Array.isArray(value)) {
    for (const element of value) {
      if (element !== null && typeof element === 'object') {
        throw userInputError('dataContains: arrays may hold only scalars', {
          field: 'dataContains',
        });
      }
    }
  } else if (isObject(value)) {
    Object.values(value).forEach(assertContainable);
  }
}

/** Rows whose JSON `column` contains `filter` (PostgreSQL `@>`, served by the GIN index). */
export function whereJsonContains(
  ctx: Context,
  qb: Knex.QueryBuilder,
  column: string,
  filter: Record<string, Json>,
): void {
  boundedObject(filter, 'dataContains', 4_096);
  assertContainable(filter);
  if (isPostgres(ctx)) {
    qb.whereRaw('?? @> ?::jsonb', [column, JSON.stringify(filter)]);
    return;
  }
  for (const condition of sqliteContains(column, filter))
    qb.whereRaw(condition.sql, condition.bindings);
}

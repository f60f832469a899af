import type { Knex } from '@mikro-orm/knex';
import { invalidCursorError } from './errors';
import type { KeyColumn } from './keyset';
import { isUuid } from './uuid';

export type CursorValue = string | number | boolean | null;

/** The value a row has for a sort key, as it travels in a cursor (dates as epoch ms). */
function cursorValue(value: unknown): CursorValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  // A to-one key (a plain row's `{ id }`) travels as the id.
  if (typeof value === 'object' && 'id' in value) return String(value.id);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** Keyset cursors: the sort values of a row, opaque to clients. */
export function encodeCursor(keys: readonly KeyColumn[], row: object): string {
  const values = keys.map((key) => cursorValue((row as Record<string, unknown>)[key.property]));
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Milliseconds either side of the epoch that a Date can hold (ECMA-262's time range). */
const MAX_TIME = 8.64e15;

function fits(key: KeyColumn, value: unknown): boolean {
  if (value === null) return key.nullable;
  if (key.property === 'id') return typeof value === 'string' && isUuid(value);
  switch (key.kind) {
    case 'date':
      return Number.isSafeInteger(value) && Math.abs(value as number) <= MAX_TIME;
    case 'integer':
      return (
        Number.isSafeInteger(value) &&
        (value as number) >= -(key.limit ?? 2 ** 31) &&
        (value as number) < (key.limit ?? 2 ** 31)
      );
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      // A to-one key holds a UUID; PostgreSQL would refuse anything else in the comparison.
      return typeof value === 'string' && (!key.column.endsWith('_id') || isUuid(value));
  }
}

/**
 * The sort values in a client's cursor, checked against the list's keys (their number, each
 * value's type, NULL only where the column allows it) and ready to bind: dates as Date.
 */
export function decodeCursor(
  cursor: string,
  keys: readonly KeyColumn[],
  argument: 'after' | 'before',
): Knex.Value[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (
    !Array.isArray(values) ||
    values.length !== keys.length ||
    !values.every((value, i) => fits(keys[i], value))
  ) {
    throw invalidCursorError(argument);
  }
  return values.map((value, i) =>
    keys[i].kind === 'date' && value !== null ? new Date(value as number) : (value as Knex.Value),
  );
}

import type { FilterQuery } from '@mikro-orm/core';
import type { CursorValue } from './cursor';
import { userInputError } from './errors';

export interface SortKey {
  property: string;
  direction: 'asc' | 'desc';
  /** Date keys travel in cursors as epoch milliseconds. */
  isDate?: boolean;
}

/**
 * The condition "after this row" for a keyset order, e.g. for (name asc, id asc) after (n, i):
 * name > n OR (name = n AND id > i). The last key must be unique.
 */
export function afterKeyset<T>(keys: SortKey[], cursor: CursorValue[]): FilterQuery<T> {
  const values = cursor.map((value, i) => {
    if (!keys[i].isDate) return value;
    const date = new Date(value);
    if (typeof value !== 'number' || Number.isNaN(date.getTime()))
      throw userInputError('The cursor is not valid for this list', { argument: 'after' });
    return date;
  });
  const branches = keys.map((key, index) => {
    const branch: Record<string, unknown> = {};
    keys.slice(0, index).forEach((prefix, i) => (branch[prefix.property] = values[i]));
    branch[key.property] = { [key.direction === 'asc' ? '$gt' : '$lt']: values[index] };
    return branch;
  });
  return { $or: branches } as FilterQuery<T>;
}

export function orderByOf(keys: SortKey[]): Record<string, 'asc' | 'desc'> {
  return Object.fromEntries(keys.map((key) => [key.property, key.direction]));
}

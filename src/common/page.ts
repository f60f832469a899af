import type { Knex } from '@mikro-orm/knex';
import type { Config } from '../config';
import { decodeCursor } from './cursor';
import { userInputError } from './errors';
import type { KeyColumn } from './keyset';
import type { PageArgs } from './page.args';

/** A validated page request: its size, direction and the decoded keyset position. */
export interface PageRequest {
  size: number;
  /** Read from the end (`last`, `before`). */
  backward: boolean;
  /** The sort values of the row the page starts after (in the direction read), or null. */
  cursor: Knex.Value[] | null;
}

function size(value: number, argument: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw userInputError(`${argument} must be between 1 and ${max}`, { field: argument, max });
  }
  return value;
}

/** Checks the page arguments: forwards (`first`, `after`) or backwards (`last`, `before`), not both. */
export function pageRequest(
  args: PageArgs,
  limits: Pick<Config, 'defaultPageSize' | 'maxPageSize'>,
  keys: readonly KeyColumn[],
): PageRequest {
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    throw userInputError('Page forwards (first, after) or backwards (last, before), not both', {
      field: args.first != null ? 'first' : 'after',
    });
  }
  const wanted = backward ? args.last : args.first;
  const argument = backward ? 'last' : 'first';
  const cursor = backward ? args.before : args.after;
  return {
    size: size(wanted ?? limits.defaultPageSize, argument, limits.maxPageSize),
    backward,
    cursor: cursor ? decodeCursor(cursor, keys, backward ? 'before' : 'after') : null,
  };
}

/** One page of items in list order, and whether more lie on either side. */
export interface PageSlice<T> {
  items: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * The page from rows fetched in the direction read, one more than asked: the extra row tells
 * that another page lies that way. Rows read backwards are put back in list order.
 */
export function sliceRows<T>(rows: T[], page: PageRequest): PageSlice<T> {
  const more = rows.length > page.size;
  const items = more ? rows.slice(0, page.size) : rows;
  if (page.backward) items.reverse();
  return {
    items,
    hasNextPage: page.backward ? page.cursor !== null : more,
    hasPreviousPage: page.backward ? more : page.cursor !== null,
  };
}

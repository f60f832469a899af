import type { Config } from '../config';
import { decodeCursor, type CursorValue } from './cursor';
import { userInputError } from './errors';
import type { PageArgs } from './page.args';

/** A validated page request: the size and the decoded keyset position. */
/** Creation order, and the keys of an id cursor: ids are UUIDv7, so they sort by time. */
export const ID_ORDER = ['id'];

export interface PageRequest {
  first: number;
  after: CursorValue[] | null;
}

export function pageRequest(
  args: PageArgs,
  limits: Pick<Config, 'defaultPageSize' | 'maxPageSize'>,
  cursorLength: number,
): PageRequest {
  const first = args.first ?? limits.defaultPageSize;
  if (!Number.isInteger(first) || first < 1 || first > limits.maxPageSize) {
    throw userInputError(`first must be between 1 and ${limits.maxPageSize}`, {
      argument: 'first',
      max: limits.maxPageSize,
    });
  }
  return { first, after: args.after ? decodeCursor(args.after, cursorLength) : null };
}

/** One page of items as fetched: one row more than asked tells whether another page exists. */
export interface PageSlice<T> {
  items: T[];
  hasNextPage: boolean;
}

export function sliceRows<T>(rows: T[], first: number): PageSlice<T> {
  return rows.length > first
    ? { items: rows.slice(0, first), hasNextPage: true }
    : { items: rows, hasNextPage: false };
}

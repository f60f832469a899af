import { userInputError } from './errors';
import { isUuid } from './uuid';

export type CursorValue = string | number;

/** Keyset cursors: the sort values of the last row seen, opaque to clients. */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (
    !Array.isArray(values) ||
    values.length !== length ||
    !values.every((v) => typeof v === 'string' || Number.isFinite(v)) ||
    // Every keyset order ends with the row's UUID id (see keyset.ts); anything else would reach
    // the database as a malformed uuid.
    !isUuid(String(values[length - 1]))
  ) {
    throw userInputError('The cursor is not valid for this list', { argument: 'after' });
  }
  return values as CursorValue[];
}

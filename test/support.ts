import type { Dialect } from '../src/config';

/** Every integration suite runs on both databases; PostgreSQL is always there (see global-setup). */
export const dialects: Dialect[] = ['sqlite', 'postgresql'];

/** The error codes of a result, in order. */
export function codesOf(result: {
  errors?: readonly { extensions?: Record<string, unknown> }[];
}): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}

import type { Dialect } from '../src/config';
import type { TestServer, TestUser } from '../src/testing/test-server';

/** Every integration suite runs on both databases; PostgreSQL is always there (see global-setup). */
export const dialects: Dialect[] = ['sqlite', 'postgresql'];

/** The error codes of a result, in order. */
export function codesOf(result: {
  errors?: readonly { extensions?: Record<string, unknown> }[];
}): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}

/** Runs an operation as `as`, expects it to succeed, and answers its data. */
export async function runOk<T>(
  server: TestServer,
  query: string,
  variables: Record<string, unknown>,
  as: TestUser,
): Promise<T> {
  const result = await server.run<T>(query, variables, { as });
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

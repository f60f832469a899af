import type { QueryResult } from '@mikro-orm/core';
import type { Context } from '../context';

/**
 * Takes a row for a change of status: one conditional UPDATE that raises its `version` when its
 * status is one of `from`, in the request's transaction. Two concurrent changes cannot both
 * start from the same status: on PostgreSQL the second waits for the first's row lock, then
 * re-checks the status and matches nothing; SQLite runs one write transaction at a time. False
 * when the row is missing or in another status (nothing changed).
 */
export async function claimByStatus(
  ctx: Context,
  table: string,
  id: string,
  from: readonly string[],
): Promise<boolean> {
  const placeholders = from.map(() => '?').join(', ');
  const { affectedRows } = await ctx.em.execute<QueryResult>(
    `update ${table} set version = version + 1 where id = ? and status in (${placeholders})`,
    [id, ...from],
    'run',
  );
  return affectedRows > 0;
}

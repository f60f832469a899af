import type { Knex, SqlEntityManager } from '@mikro-orm/knex';

type Row = Record<string, unknown>;

/**
 * Runs a read built with knex, its parameters bound by the driver. `em.execute` first inlines
 * every parameter into the SQL text (MikroORM's `Platform.formatQuery`), which on a board was a
 * sixth of all the bytes the server allocated, and gives PostgreSQL a different text for every
 * batch. Like `em.execute`, it runs on the request's transaction when there is one, reports the
 * statement to MikroORM's logger (query logging, the tests' statement counts) and converts
 * driver errors into MikroORM's exception classes.
 */
export async function selectRows<T = Row>(
  em: SqlEntityManager,
  query: Knex.QueryBuilder | Knex.Raw,
): Promise<T[]> {
  const { sql, bindings } = query.toSQL();
  const platform = em.getPlatform();
  // As MikroORM stores them: a Date stays a Date for pg, and is epoch milliseconds on SQLite.
  const values = bindings.map((value) =>
    value instanceof Date ? (platform.processDateProperty(value) as Knex.Value) : value,
  );
  const statement = em.getKnex().raw(sql, values);
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (transaction) statement.transacting(transaction);
  const started = Date.now();
  const log = (level: 'info' | 'error', results?: number) =>
    em.config.getLogger().logQuery({ query: sql, took: Date.now() - started, results, level });
  try {
    const result = (await statement) as T[] | { rows: T[] };
    // pg answers a result object, sqlite3 the rows themselves.
    const rows = Array.isArray(result) ? result : result.rows;
    log('info', rows.length);
    return rows;
  } catch (error) {
    log('error');
    throw em.getDriver().convertException(error as Error);
  }
}

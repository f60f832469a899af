import { AsyncLocalStorage } from 'node:async_hooks';
import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';

/** Statements issued while one request (or one measured block) runs. */
export interface StatementTally {
  statements: number;
  queries: string[];
}

const tallies = new AsyncLocalStorage<StatementTally>();
let totalStatements = 0;

export function newTally(): StatementTally {
  return { statements: 0, queries: [] };
}

/** Runs `fn` with a fresh tally; every SQL statement it causes is counted there. */
export async function countStatements<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; tally: StatementTally }> {
  const tally = newTally();
  const result = await tallies.run(tally, fn);
  return { result, tally };
}

export function runWithTally<T>(tally: StatementTally, fn: () => T): T {
  return tallies.run(tally, fn);
}

export function totalStatementCount(): number {
  return totalStatements;
}

/**
 * MikroORM reports every statement (transaction control included) to its logger whether or not
 * query logging is on, which makes the logger the one place to count what the database sees.
 */
export class CountingLogger extends DefaultLogger {
  override logQuery(context: { query: string } & LogContext): void {
    totalStatements++;
    const tally = tallies.getStore();
    if (tally) {
      tally.statements++;
      tally.queries.push(context.query);
    }
    super.logQuery(context);
  }

  static override create(options: LoggerOptions): CountingLogger {
    return new CountingLogger(options);
  }
}

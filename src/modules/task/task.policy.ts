import type { Knex } from '@mikro-orm/knex';
import type { Context } from '../../context';
import { readableProjectSql } from '../project/project.policy';

/**
 * Tasks follow their project's rules (project.policy.ts); what hangs off a task (todos, events)
 * follows its task. The read rule on rows that point at a task through `column`: that task's
 * project is readable.
 */
export function whereTaskOfReadable(ctx: Context, qb: Knex.QueryBuilder, column: string): void {
  const condition = readableProjectSql(ctx, 'rt.project_id');
  if (!condition) return;
  qb.whereRaw(
    `exists (select 1 from tasks rt where rt.id = ${column} and ${condition.sql})`,
    condition.bindings,
  );
}

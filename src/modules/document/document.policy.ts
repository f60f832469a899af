import type { Knex } from '@mikro-orm/knex';
import type { Context } from '../../context';
import type { Document } from './document.entity';
import { forbiddenError, notFoundError } from '../../common/errors';
import {
  authorizeProject,
  isAdmin,
  readableProjectSql,
  type ProjectAction,
} from '../project/project.policy';

/**
 * Who may read and change a document. A project's documents follow the project: its readers
 * read them, its editors change them. A document without a project is read by everyone signed
 * in and changed by its author and admins.
 */
function readableSql(ctx: Context, projectIdColumn: string) {
  const project = readableProjectSql(ctx, projectIdColumn);
  return project && { ...project, sql: `(${projectIdColumn} is null or ${project.sql})` };
}

/** The read rule on a knex query whose `column` holds the documents' project id. */
export function whereDocumentReadable(ctx: Context, qb: Knex.QueryBuilder, column: string): void {
  const condition = readableSql(ctx, column);
  if (condition) qb.whereRaw(condition.sql, condition.bindings);
}

/** The read rule on a knex query over rows that point at documents through `column`. */
export function whereDocumentOfReadable(ctx: Context, qb: Knex.QueryBuilder, column: string): void {
  const condition = readableSql(ctx, 'rd.project_id');
  if (!condition) return;
  qb.whereRaw(
    `exists (select 1 from documents rd where rd.id = ${column} and ${condition.sql})`,
    condition.bindings,
  );
}

/**
 * Refuses what the user may not do with the document: NOT_FOUND when it may not even read it
 * (as for a missing one), FORBIDDEN when it reads but may not change it.
 */
export async function authorizeDocument(
  ctx: Context,
  document: Document,
  action: Exclude<ProjectAction, 'manage'>,
): Promise<void> {
  const missing = notFoundError('Document', document.id);
  if (document.project) {
    await authorizeProject(ctx, document.project.id, action, missing);
    return;
  }
  if (action === 'read' || isAdmin(ctx) || document.author?.id === ctx.user?.id) return;
  throw forbiddenError('Only its author or an admin may change a document without a project');
}

import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../../context';
import type { SortKey } from '../../common/keyset';
import { searchDocumentIds } from './document-search';
import type { Document } from './document.entity';
import { documentReadableFilter } from './document.policy';
import { DocumentOrderField, type DocumentFilter, type DocumentOrder } from './document.inputs';

/** The keyset of a documents list: the chosen field, then the id. */
export function documentSortKeys(order: DocumentOrder | null | undefined): SortKey[] {
  const field = order?.field ?? DocumentOrderField.CREATED_AT;
  const direction = order?.direction ?? 'desc';
  if (field === DocumentOrderField.CREATED_AT) return [{ property: 'id', direction }];
  return [
    { property: field, direction, isDate: field === DocumentOrderField.UPDATED_AT },
    { property: 'id', direction },
  ];
}

/**
 * The filter as a MikroORM condition (built anew for each statement, see `findPage`), limited
 * to documents the user may read; `tag` and `search` first ask for the ids they match.
 */
export async function documentWhere(
  ctx: Context,
  filter: DocumentFilter | null | undefined,
): Promise<() => FilterQuery<Document>> {
  const where: Record<string, unknown> = {
    deletedAt: filter?.deleted ? { $ne: null } : null,
  };
  if (filter?.projectId) where.project = filter.projectId;
  if (filter?.categoryId) where.category = filter.categoryId;
  if (filter?.authorId) where.author = filter.authorId;
  const and: Record<string, unknown>[] = [];
  if (filter?.tag) {
    const tagged = await ctx.em.execute<{ document_id: string }[]>(
      'select dt.document_id from document_tags dt join tags t on t.id = dt.tag_id where t.name = ?',
      [filter.tag.trim().toLowerCase()],
    );
    and.push({ id: { $in: tagged.map((row) => String(row.document_id)) } });
  }
  if (filter?.search != null) {
    and.push({ id: { $in: await searchDocumentIds(ctx, filter.search) } });
  }
  if (and.length) where.$and = and;
  return () => ({ ...documentReadableFilter(ctx), ...where }) as FilterQuery<Document>;
}

import type { Where } from '../../common/batch';
import { chosenOrder, type SortKey } from '../../common/keyset';
import type { Context } from '../../context';
import { whereMatches } from './document-search';
import { DocumentOrderField, type DocumentFilter, type DocumentOrder } from './document.inputs';
import { whereDocumentReadable } from './document.policy';

/** The keyset of a documents list: the chosen field (creation order is the id's), newest first by default. */
export function documentSortKeys(order: DocumentOrder | null | undefined): readonly SortKey[] {
  const byCreation = order?.field === DocumentOrderField.CREATED_AT;
  return chosenOrder(byCreation ? { ...order, field: 'id' } : order, [
    { property: 'id', direction: 'desc' },
  ]);
}

/**
 * The filter, limited to documents the user may read. `tag` and `search` are subqueries, so
 * no list of ids, however long, becomes statement parameters.
 */
export function documentWhere(ctx: Context, filter: DocumentFilter | null | undefined): Where {
  return (qb) => {
    whereDocumentReadable(ctx, qb, 'documents.project_id');
    if (filter?.deleted) qb.whereNotNull('documents.deleted_at');
    else qb.whereNull('documents.deleted_at');
    if (filter?.projectId) qb.where('documents.project_id', filter.projectId);
    if (filter?.categoryId) qb.where('documents.category_id', filter.categoryId);
    if (filter?.authorId) qb.where('documents.author_id', filter.authorId);
    if (filter?.tag) {
      qb.whereRaw(
        'documents.id in (select dt.document_id from document_tags dt join tags t on t.id = dt.tag_id where t.name = ?)',
        [filter.tag.trim().toLowerCase()],
      );
    }
    if (filter?.search != null) whereMatches(ctx, qb, filter.search);
  };
}

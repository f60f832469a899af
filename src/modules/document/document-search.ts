import type { Context } from '../../context';

/**
 * Full-text search over titles and texts. The text is stored compressed, so the database cannot
 * index it: the service keeps `document_search` in step with each write, in the same
 * transaction. PostgreSQL: a tsvector column under a GIN index; SQLite: an FTS5 table. The table
 * is created by the migrations and left out of MikroORM's schema diff (`skipTables`).
 */
export const SEARCH_TABLE = 'document_search';

/** HTML tags out, so markup words (div, href) are not found; Markdown is already plain enough. */
export function searchableText(title: string, content: string): string {
  return `${title}\n${content.replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;/gi, ' ')}`;
}

export async function indexDocument(
  ctx: Context,
  documentId: string,
  title: string,
  content: string,
): Promise<void> {
  const body = searchableText(title, content);
  if (ctx.config.dialect === 'postgresql') {
    await ctx.em.execute(
      `insert into ${SEARCH_TABLE} (document_id, body) values (?, to_tsvector('simple', ?))
       on conflict (document_id) do update set body = excluded.body`,
      [documentId, body],
    );
    return;
  }
  // A match on the id column is an index lookup (the id's parts are tokens of one phrase); a
  // plain `where document_id = ?` would scan the whole FTS table.
  await ctx.em.execute(`delete from ${SEARCH_TABLE} where ${SEARCH_TABLE} match ?`, [
    `document_id : "${documentId}"`,
  ]);
  await ctx.em.execute(`insert into ${SEARCH_TABLE} (document_id, body) values (?, ?)`, [
    documentId,
    body,
  ]);
}

/** Words of a query: letters and digits, lower-cased, at most 16. */
function words(query: string): string[] {
  return (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
}

/** Ids of documents containing every word of `query` (none when it has no word). */
export async function searchDocumentIds(ctx: Context, query: string): Promise<string[]> {
  const terms = words(query);
  if (!terms.length) return [];
  const rows =
    ctx.config.dialect === 'postgresql'
      ? await ctx.em.execute<{ document_id: string }[]>(
          `select document_id from ${SEARCH_TABLE} where body @@ plainto_tsquery('simple', ?)`,
          [terms.join(' ')],
        )
      : await ctx.em.execute<{ document_id: string }[]>(
          // Each word quoted (a plain token, never query syntax), and only the body column searched.
          `select document_id from ${SEARCH_TABLE} where ${SEARCH_TABLE} match ?`,
          [`body : (${terms.map((term) => `"${term}"`).join(' ')})`],
        );
  return rows.map((row) => String(row.document_id));
}

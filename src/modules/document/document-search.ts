import type { Knex } from '@mikro-orm/knex';
import type { Context } from '../../context';
import { isPostgres } from '../../common/dialect';

/**
 * Full-text search over titles and texts. The text is stored compressed, so the database cannot
 * index it: the service keeps `document_search` in step with each write, in the same
 * transaction. PostgreSQL: a tsvector column under a GIN index; SQLite: an FTS5 table. The table
 * is created by the migrations and left out of MikroORM's schema diff (`skipTables`).
 */
export const SEARCH_TABLE = 'document_search';

/** HTML tags out, so markup words (div, href) are not found; Markdown is already plain enough. */
export function searchableText(title: string, content: string): string {
  return `${title}\n${withoutTags(content).replace(/&[a-z]+;/gi, ' ')}`;
}

/**
 * Each `<…>` replaced by a space, as `replace(/<[^>]*>/g, ' ')` would, in one pass: that regular
 * expression rescans to the end of the text from every `<` that has no `>` after it, which is
 * quadratic (a text of 80,000 `<` took 6 s, blocking every request).
 */
export function withoutTags(text: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let open = text.indexOf('<'); open >= 0; open = text.indexOf('<', from)) {
    const close = text.indexOf('>', open + 1);
    // No `>` after this `<` means none after any later `<` either: the rest is text.
    if (close < 0) break;
    parts.push(text.slice(from, open), ' ');
    from = close + 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

export async function indexDocument(
  ctx: Context,
  documentId: string,
  title: string,
  content: string,
): Promise<void> {
  const body = searchableText(title, content);
  if (isPostgres(ctx)) {
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

/**
 * Keeps the documents (of a query over `documents`) containing every word of `query`, none when
 * it has no word: a subquery on the search table, so no list of ids travels as parameters.
 */
export function whereMatches(ctx: Context, qb: Knex.QueryBuilder, query: string): void {
  const terms = words(query);
  if (!terms.length) {
    qb.whereRaw('1 = 0');
    return;
  }
  if (isPostgres(ctx)) {
    qb.whereRaw(
      `documents.id in (select document_id from ${SEARCH_TABLE} where body @@ plainto_tsquery('simple', ?))`,
      [terms.join(' ')],
    );
    return;
  }
  // Each word quoted (a plain token, never query syntax), and only the body column searched.
  qb.whereRaw(
    `documents.id in (select document_id from ${SEARCH_TABLE} where ${SEARCH_TABLE} match ?)`,
    [`body : (${terms.map((term) => `"${term}"`).join(' ')})`],
  );
}

import type { Context } from '../../context';
import { ErrorReason, userInputError } from '../../common/errors';
import { DocumentTag } from './document-tag.entity';
import type { Document } from './document.entity';
import { Tag } from './tag.entity';

/** The most tags one document carries; also the bound of CreateDocumentInput.tags. */
export const MAX_TAGS_PER_DOCUMENT = 20;

/** Tag names are trimmed and lower-cased, so "Ops" and "ops" are one tag. */
export function normalizeTagNames(names: readonly string[]): string[] {
  // Checked before any work on the names: a request may carry thousands of them.
  if (names.length > MAX_TAGS_PER_DOCUMENT) {
    throw userInputError(`A document carries at most ${MAX_TAGS_PER_DOCUMENT} tags`, {
      field: 'tags',
      reason: ErrorReason.TOO_LARGE,
      limit: MAX_TAGS_PER_DOCUMENT,
    });
  }
  const normalized = [...new Set(names.map((name) => name.trim().toLowerCase()))];
  for (const name of normalized) {
    if (name.length < 1 || name.length > 50) {
      throw userInputError('A tag name has 1 to 50 characters', { field: 'tags', name });
    }
  }
  return normalized;
}

/** Makes the document's tags exactly `names`, creating tags that do not exist yet. */
export async function setTags(
  ctx: Context,
  document: Document,
  names: readonly string[],
): Promise<Tag[]> {
  const wanted = normalizeTagNames(names);
  const existing = wanted.length ? await ctx.em.find(Tag, { name: { $in: wanted } }) : [];
  const byName = new Map(existing.map((tag) => [tag.name, tag]));
  const tags = wanted.map((name) => byName.get(name) ?? ctx.em.create(Tag, { name }));
  const current = await ctx.em.find(DocumentTag, { document });
  const keep = new Set(tags.map((tag) => tag.id));
  for (const link of current) if (!keep.has(link.tag.id)) ctx.em.remove(link);
  const have = new Set(current.map((link) => link.tag.id));
  for (const tag of tags) if (!have.has(tag.id)) ctx.em.create(DocumentTag, { document, tag });
  return tags;
}

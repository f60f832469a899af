import { ref } from '@mikro-orm/core';
import type { Context } from '../../context';
import { conflictError, ErrorReason, notFoundError, userInputError } from '../../common/errors';
import { findOrFail } from '../../common/find-or-fail';
import { authorizeProject } from '../project/project.policy';
import { authorizeDocument } from './document.policy';
import { Category } from './category.entity';
import { decodeContent, encodeContent, type EncodedContent } from './content-codec';
import { contentHash } from './content-hash';
import { DocumentContent } from './document-content.entity';
import { DocumentRevision } from './document-revision.entity';
import { indexDocument } from './document-search';
import { setTags } from './document-tags';
import { Document } from './document.entity';
import type { CreateDocumentInput } from './document.inputs';
import type { RevisionComparison } from './document.types';
import { diffLimits, diffTexts, nextTurn } from './revision-diff';
import { rebuildRevisions, revisionPayload } from './revision-history';

/** The live (or, with `deleted`, the deleted) document, when the user may do `action` on it. */
export async function findDocumentFor(
  ctx: Context,
  id: string,
  action: 'read' | 'edit',
  deleted: boolean | null = false,
): Promise<Document> {
  const where = deleted === null ? {} : { deletedAt: deleted ? { $ne: null } : null };
  const document = await findOrFail(ctx.em, Document, id, where);
  await authorizeDocument(ctx, document, action);
  return document;
}

/** Refuses a text over DOCUMENT_MAX_BYTES, measured in UTF-8 bytes as stored. */
function assertSize(ctx: Context, content: string): void {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > ctx.config.documentMaxBytes) {
    throw userInputError(
      `The content is ${bytes} bytes; documents hold at most ${ctx.config.documentMaxBytes}`,
      {
        field: 'content',
        reason: ErrorReason.TOO_LARGE,
        limit: ctx.config.documentMaxBytes,
        bytes,
      },
    );
  }
}

export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 180)
    .replace(/-+$/, '');
  return slug || 'document';
}

async function freeSlug(ctx: Context, wanted: string | null | undefined, title: string) {
  const slug = wanted ?? slugify(title);
  const taken = await ctx.em.count(Document, { slug });
  if (!taken) return slug;
  if (wanted) throw conflictError(`The slug ${slug} is taken`, { field: 'slug' });
  // A derived slug gets a random suffix rather than a probe loop.
  return `${slug}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function createDocument(ctx: Context, input: CreateDocumentInput): Promise<Document> {
  const author = ctx.user!;
  assertSize(ctx, input.content);
  const project = input.projectId ? await authorizeProject(ctx, input.projectId, 'edit') : null;
  const category = input.categoryId ? await findOrFail(ctx.em, Category, input.categoryId) : null;
  const slug = await freeSlug(ctx, input.slug, input.title);
  const encoded = encodeContent(input.content);
  const document = ctx.em.create(Document, {
    title: input.title,
    slug,
    project,
    category,
    author,
    version: 1,
    contentLength: input.content.length,
    storedBytes: encoded.data.length,
    contentHash: contentHash(input.content),
  });
  ctx.em.create(DocumentContent, { document, ...encoded });
  await addRevision(ctx, document, 1, '', input.content, input.title, input.message, encoded);
  if (input.tags?.length) await setTags(ctx, document, input.tags);
  await ctx.em.flush();
  await indexDocument(ctx, document.id, document.title, input.content);
  return document;
}

async function addRevision(
  ctx: Context,
  document: Document,
  number: number,
  before: string,
  after: string,
  title: string,
  message: string | null | undefined,
  encoded: EncodedContent | null,
): Promise<DocumentRevision> {
  const payload = await revisionPayload(
    number,
    before,
    after,
    ctx.config.documentSnapshotEvery,
    diffLimits(ctx.config.documentDiffMaxEditLength),
    encoded,
  );
  return ctx.em.create(DocumentRevision, {
    document: ref(document),
    number,
    author: ctx.user ? ref(ctx.user) : null,
    message: message ?? null,
    title,
    ...payload,
  });
}

export interface DocumentEdit {
  content?: string | null;
  title?: string | null;
  message?: string | null;
}

/**
 * Saves a new version, or refuses with CONFLICT when `expectedVersion` is not current. The
 * version check and bump are one conditional UPDATE, so two writers can never both win: on
 * PostgreSQL the second waits for the first's row lock, re-checks the WHERE and matches nothing.
 * The revision number is the new version; the unique (document, number) index backs it up.
 */
export async function updateDocument(
  ctx: Context,
  id: string,
  expectedVersion: number,
  edit: DocumentEdit,
): Promise<Document> {
  const document = await findDocumentFor(ctx, id, 'edit');
  if (edit.content != null) assertSize(ctx, edit.content);
  const encoded = edit.content != null ? encodeContent(edit.content) : null;
  const version = expectedVersion + 1;
  const claimed = await ctx.em.nativeUpdate(
    Document,
    { id, version: expectedVersion, deletedAt: null },
    {
      version,
      updatedAt: new Date(),
      ...(edit.title ? { title: edit.title } : {}),
      ...(edit.content != null
        ? {
            contentLength: edit.content.length,
            contentHash: contentHash(edit.content),
            storedBytes: encoded!.data.length,
          }
        : {}),
    },
  );
  if (!claimed) {
    const [row] = await ctx.em.execute<{ version: number }[]>(
      'select version from documents where id = ?',
      [id],
    );
    throw conflictError(
      `Document ${id} is at version ${row?.version}, not ${expectedVersion}; reload and retry`,
      { currentVersion: Number(row?.version), expectedVersion },
    );
  }
  // Read under the row lock just taken: the row as this update left it, and the text of
  // `expectedVersion` (the document loaded above may predate a concurrent writer's commit).
  if (!(await ctx.em.refresh(document))) throw notFoundError('Document', id);
  const stored = await ctx.em.findOneOrFail(DocumentContent, { document: id });
  const before = decodeContent(stored.encoding, stored.data);
  const after = edit.content ?? before;
  const title = document.title;
  if (encoded && after !== before) {
    stored.encoding = encoded.encoding;
    stored.data = encoded.data;
  }
  // `encoded` is `after` compressed, when content was sent: a snapshot reuses it.
  await addRevision(ctx, document, version, before, after, title, edit.message, encoded);
  await ctx.em.flush();
  if (after !== before || edit.title) await indexDocument(ctx, id, title, after);
  return document;
}

/** The full text of one revision, or NOT_FOUND. */
export async function revisionText(ctx: Context, documentId: string, number: number) {
  const [text] = await rebuildRevisions(ctx.em, [{ documentId, number }]);
  if (text === null) throw notFoundError('DocumentRevision', `${documentId}#${number}`);
  return text;
}

/**
 * The unified diff and line counts between two revisions of one document, read in one pass over
 * their history. Bounded like a save's diff: past DOCUMENT_DIFF_MAX_EDIT_LENGTH the answer is the
 * coarse diff, with `minimal: false`.
 */
export async function compareRevisions(
  ctx: Context,
  documentId: string,
  from: number,
  to: number,
): Promise<RevisionComparison> {
  await findDocumentFor(ctx, documentId, 'read', null);
  const [before, after] = await rebuildRevisions(ctx.em, [
    { documentId, number: from },
    { documentId, number: to },
  ]);
  if (before === null) throw notFoundError('DocumentRevision', `${documentId}#${from}`);
  if (after === null) throw notFoundError('DocumentRevision', `${documentId}#${to}`);
  await nextTurn();
  const limits = diffLimits(ctx.config.documentDiffMaxEditLength);
  const { patch, stat, minimal } = diffTexts(before, after, limits, `r${from}`, `r${to}`);
  return { from, to, diff: patch, stat, minimal };
}

/** A new revision whose text is that of revision `number`. */
export async function restoreRevision(
  ctx: Context,
  id: string,
  number: number,
  expectedVersion: number,
): Promise<Document> {
  await findDocumentFor(ctx, id, 'edit');
  const content = await revisionText(ctx, id, number);
  return updateDocument(ctx, id, expectedVersion, {
    content,
    message: `Restored revision ${number}`,
  });
}

export async function deleteDocument(ctx: Context, id: string): Promise<Document> {
  const document = await findDocumentFor(ctx, id, 'edit');
  document.deletedAt = new Date();
  await ctx.em.flush();
  return document;
}

export async function restoreDocument(ctx: Context, id: string): Promise<Document> {
  const document = await findDocumentFor(ctx, id, 'edit', true);
  document.deletedAt = null;
  await ctx.em.flush();
  return document;
}

export async function setDocumentTags(
  ctx: Context,
  id: string,
  names: readonly string[],
): Promise<Document> {
  const document = await findDocumentFor(ctx, id, 'edit');
  await setTags(ctx, document, names);
  await ctx.em.flush();
  return document;
}

export async function createCategory(
  ctx: Context,
  name: string,
  description: string | null | undefined,
): Promise<Category> {
  if (await ctx.em.count(Category, { name })) {
    throw conflictError(`The category ${name} exists`, { field: 'name' });
  }
  const category = ctx.em.create(Category, { name, description: description ?? null });
  await ctx.em.flush();
  return category;
}

/** Its documents stay, without a category (the foreign key sets null). */
export async function deleteCategory(ctx: Context, id: string): Promise<boolean> {
  const category = await findOrFail(ctx.em, Category, id);
  await ctx.em.nativeUpdate(Document, { category: id }, { category: null });
  ctx.em.remove(category);
  await ctx.em.flush();
  return true;
}

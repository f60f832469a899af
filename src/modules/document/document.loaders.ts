import { countByParent, listThroughPivot, loadByIds, type Where } from '../../common/batch';
import { defineChildList } from '../../common/child-list';
import { ID_ORDER } from '../../common/keyset';
import { columnsOf, rowsAs } from '../../common/row-mapper';
import type { Context } from '../../context';
import { decodeContent } from './content-codec';
import type { ContentEncoding } from './content-encoding.enum';
import { Category } from './category.entity';
import { DocumentContent } from './document-content.entity';
import { DocumentRevision } from './document-revision.entity';
import { Document } from './document.entity';
import { whereDocumentOfReadable, whereDocumentReadable } from './document.policy';
import { rebuildRevisions, type RevisionKey } from './revision-history';
import { Tag } from './tag.entity';
import { selectRows } from '../../common/select-rows';

/** Live documents the user may read. */
const liveAndReadable =
  (ctx: Context): Where =>
  (qb) => {
    qb.whereNull('documents.deleted_at');
    whereDocumentReadable(ctx, qb, 'documents.project_id');
  };

/** A document's revisions, oldest first. */
export const revisionList = defineChildList({
  name: 'document.revisions',
  entity: DocumentRevision,
  partition: 'document',
  order: [
    { property: 'number', direction: 'asc' },
    { property: 'id', direction: 'asc' },
  ],
});

/** The live documents under a project or a category that the user may read, oldest first. */
const liveDocumentsOf = (partition: 'project' | 'category') =>
  defineChildList({
    name: `${partition}.documents`,
    entity: Document,
    partition,
    order: ID_ORDER,
    where: (ctx) => liveAndReadable(ctx),
  });

export const projectDocumentList = liveDocumentsOf('project');
export const categoryDocumentList = liveDocumentsOf('category');

export const documentLoaders = {
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Document | null>('document.byId', (ids) =>
      loadByIds(ctx.em, Document, ids, (qb) =>
        whereDocumentReadable(ctx, qb, 'documents.project_id'),
      ),
    ),
  /** A live document the user may read, by slug. */
  bySlug: (ctx: Context) =>
    ctx.loaders.get<string, Document | null>('document.bySlug', async (slugs) => {
      const query = ctx.em
        .getKnex()('documents')
        .select(columnsOf(ctx.em, Document))
        .whereIn('documents.slug', [...slugs])
        .whereNull('documents.deleted_at');
      whereDocumentReadable(ctx, query, 'documents.project_id');
      const rows = rowsAs(ctx.em, Document, await selectRows(ctx.em, query));
      const bySlug = new Map(rows.map((row) => [row.slug, row]));
      return slugs.map((slug) => bySlug.get(slug) ?? null);
    }),
  category: (ctx: Context) =>
    ctx.loaders.get<string, Category | null>('category.byId', (ids) =>
      loadByIds(ctx.em, Category, ids),
    ),

  /** The current text of each document, decoded. */
  content: (ctx: Context) =>
    ctx.loaders.get<string, string | null>('document.content', async (ids) => {
      const rows = await ctx.em.find(DocumentContent, { document: { $in: [...ids] } });
      const byId = new Map(rows.map((row) => [row.document.id, row]));
      return ids.map((id) => {
        const row = byId.get(id);
        return row ? decodeContent(row.encoding, row.data) : null;
      });
    }),

  tags: (ctx: Context) =>
    ctx.loaders.get<string, Tag[]>('document.tags', (ids) =>
      listThroughPivot(
        ctx.em,
        Tag,
        { table: 'document_tags', owner: 'document_id', target: 'tag_id' },
        'tags',
        ['name', 'id'],
        ids,
      ),
    ),

  /** The revision each document's current version was made by. */
  latestRevision: (ctx: Context) =>
    ctx.loaders.get<string, DocumentRevision | null>('document.latestRevision', async (ids) => {
      const qb = ctx.em
        .getKnex()('document_revisions as r')
        // `data` is lazy, so revision bodies are never read here.
        .select(columnsOf(ctx.em, DocumentRevision, 'r'))
        .join('documents as d', (on) =>
          on.on('d.id', 'r.document_id').andOn('d.version', 'r.number'),
        )
        .whereIn('d.id', [...ids]);
      const revisions = rowsAs(ctx.em, DocumentRevision, await selectRows(ctx.em, qb));
      const byId = new Map(revisions.map((revision) => [revision.document.id, revision]));
      return ids.map((id) => byId.get(id) ?? null);
    }),

  /** Keyed by `documentId:number`. */
  revision: (ctx: Context) =>
    ctx.loaders.get<string, DocumentRevision | null>('document.revision', async (keys) => {
      const pairs = keys.map(parseRevisionKey);
      const qb = ctx.em.getKnex()('document_revisions').select(columnsOf(ctx.em, DocumentRevision));
      qb.where((outer) => {
        for (const pair of pairs)
          outer.orWhere({ document_id: pair.documentId, number: pair.number });
      });
      const revisions = rowsAs(ctx.em, DocumentRevision, await selectRows(ctx.em, qb));
      const byKey = new Map(
        revisions.map((revision) => [`${revision.document.id}:${revision.number}`, revision]),
      );
      return keys.map((k) => byKey.get(k) ?? null);
    }),

  /** The stored body (diff or snapshot) of each revision, decoded; keyed by revision id. */
  revisionBody: (ctx: Context) =>
    ctx.loaders.get<string, string | null>('document.revisionBody', async (ids) => {
      const qb = ctx.em
        .getKnex()('document_revisions')
        .select('id', 'encoding', 'data')
        .whereIn('id', [...ids]);
      const rows = await selectRows<{ id: string; encoding: string; data: Buffer }>(ctx.em, qb);
      const byId = new Map(
        rows.map((row) => [
          String(row.id),
          decodeContent(row.encoding as ContentEncoding, row.data),
        ]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    }),

  /** The full text of a revision, keyed by `documentId:number`. */
  revisionContent: (ctx: Context) =>
    ctx.loaders.get<string, string | null>('document.revisionContent', (keys) =>
      rebuildRevisions(ctx.em, keys.map(parseRevisionKey)),
    ),

  tagDocumentCount: (ctx: Context) =>
    ctx.loaders.get<string, number>('tag.documentCount', (ids) =>
      countByParent(ctx.em, 'document_tags', 'tag_id', ids, (qb) =>
        whereDocumentOfReadable(ctx, qb, 'document_tags.document_id'),
      ),
    ),
};

export function revisionKey(documentId: string, number: number): string {
  return `${documentId}:${number}`;
}

function parseRevisionKey(value: string): RevisionKey {
  const at = value.lastIndexOf(':');
  return { documentId: value.slice(0, at), number: Number(value.slice(at + 1)) };
}

export const documentRevisionLoaders = {
  /** Only revisions of documents the user may read: any other id answers null. */
  byId: (ctx: Context) =>
    ctx.loaders.get<string, DocumentRevision | null>('documentRevision.byId', (ids) =>
      loadByIds(ctx.em, DocumentRevision, ids, (qb) =>
        whereDocumentOfReadable(ctx, qb, 'document_revisions.document_id'),
      ),
    ),
};

export const tagLoaders = {
  /** Every signed-in user reads every tag. */
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Tag | null>('tag.byId', (ids) => loadByIds(ctx.em, Tag, ids)),
};

import type { SqlEntityManager } from '@mikro-orm/knex';
import { decodeContent, encodeContent } from './content-codec';
import type { ContentEncoding } from './content-encoding.enum';
import { contentHash } from './content-hash';
import { applyDiff, diffTexts } from './revision-diff';
import { RevisionKind } from './revision-kind.enum';

/** What a new revision row stores, derived from the previous text and the new one. */
export interface RevisionPayload {
  kind: RevisionKind;
  encoding: ContentEncoding;
  data: Buffer;
  storedBytes: number;
  contentLength: number;
  contentHash: string;
  added: number;
  removed: number;
}

/**
 * Revision 1, and every `snapshotEvery`-th after it, is a full snapshot; the others store the
 * diff from their predecessor. A diff that would not rebuild `after` exactly is never stored:
 * that revision becomes a snapshot instead, so every revision always rebuilds byte for byte.
 */
export function revisionPayload(
  number: number,
  before: string,
  after: string,
  snapshotEvery: number,
): RevisionPayload {
  const { patch, stat } = diffTexts(before, after, `r${number - 1}`, `r${number}`);
  let kind = (number - 1) % snapshotEvery === 0 ? RevisionKind.SNAPSHOT : RevisionKind.DIFF;
  let body = after;
  if (kind === RevisionKind.DIFF) {
    if (applyDiff(before, patch) === after) body = patch;
    else kind = RevisionKind.SNAPSHOT;
  }
  const { encoding, data } = encodeContent(body);
  return {
    kind,
    encoding,
    data,
    storedBytes: data.length,
    contentLength: after.length,
    contentHash: contentHash(after),
    added: stat.added,
    removed: stat.removed,
  };
}

type Row = { document_id: string; number: number; kind: string; encoding: string; data: Buffer };

/** A revision of a document, named by its number. */
export interface RevisionKey {
  documentId: string;
  number: number;
}

/**
 * The full texts of many revisions with one statement: for each, the rows from the nearest
 * snapshot at or before it up to it; then the diffs are applied in order.
 */
export async function rebuildRevisions(
  em: SqlEntityManager,
  keys: readonly RevisionKey[],
): Promise<(string | null)[]> {
  if (!keys.length) return [];
  const knex = em.getKnex();
  const qb = knex('document_revisions as r')
    .select('r.document_id', 'r.number', 'r.kind', 'r.encoding', 'r.data')
    .orderBy(['r.document_id', 'r.number']);
  qb.where((outer) => {
    for (const key of keys) {
      outer.orWhere((inner) =>
        inner
          .where('r.document_id', key.documentId)
          .andWhere('r.number', '<=', key.number)
          .andWhere(
            'r.number',
            '>=',
            knex('document_revisions as s')
              .max('s.number')
              .where('s.document_id', key.documentId)
              .andWhere('s.number', '<=', key.number)
              .andWhere('s.kind', RevisionKind.SNAPSHOT),
          ),
      );
    }
  });
  const rows = await em.execute<Row[]>(qb);
  const byDocument = new Map<string, Map<number, Row>>();
  for (const row of rows) {
    const numbers = byDocument.get(String(row.document_id)) ?? new Map<number, Row>();
    numbers.set(Number(row.number), row);
    byDocument.set(String(row.document_id), numbers);
  }
  return keys.map((key) => rebuildOne(byDocument.get(key.documentId), key.number));
}

function rebuildOne(rows: Map<number, Row> | undefined, number: number): string | null {
  if (!rows?.has(number)) return null;
  let start = number;
  while (rows.get(start)?.kind !== RevisionKind.SNAPSHOT) {
    start -= 1;
    if (!rows.has(start)) return null;
  }
  let text = '';
  for (let n = start; n <= number; n++) {
    const row = rows.get(n)!;
    const body = decodeContent(row.encoding as ContentEncoding, row.data);
    if (row.kind === RevisionKind.SNAPSHOT) {
      text = body;
    } else {
      const next = applyDiff(text, body);
      // Cannot happen for rows this code wrote (each diff was verified before it was stored).
      if (next === null) throw new Error(`Revision ${n} does not apply to revision ${n - 1}`);
      text = next;
    }
  }
  return text;
}

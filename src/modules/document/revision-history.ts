import type { SqlEntityManager } from '@mikro-orm/knex';
import { decodeContent, encodeContent, type EncodedContent } from './content-codec';
import type { ContentEncoding } from './content-encoding.enum';
import { contentHash } from './content-hash';
import type { DiffLimits } from './line-diff';
import { applyDiff, diffStat, diffTexts, nextTurn } from './revision-diff';
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
 * diff from their predecessor. A diff that would not rebuild `after` exactly is never stored,
 * nor one over the diff limits (its search was cut short): that revision becomes a snapshot
 * instead, so every revision always rebuilds byte for byte, and no save runs an unbounded diff.
 * `encoded` is `after` already encoded, when the caller has it, so it is not compressed twice.
 */
export async function revisionPayload(
  number: number,
  before: string,
  after: string,
  snapshotEvery: number,
  limits: DiffLimits,
  encoded?: EncodedContent | null,
): Promise<RevisionPayload> {
  const periodic = (number - 1) % snapshotEvery === 0;
  // A snapshot needs only the line counts; writing its diff out would be wasted.
  const { stat, minimal, patch } = periodic
    ? { ...diffStat(before, after, limits), patch: null }
    : diffTexts(before, after, limits, `r${number - 1}`, `r${number}`);
  let diff: string | null = null;
  if (patch !== null && minimal) {
    // Each step of a large save is linear, but together they are not short: let other
    // requests run between them.
    await nextTurn();
    if (applyDiff(before, patch, true) === after) diff = patch;
  }
  const kind = diff === null ? RevisionKind.SNAPSHOT : RevisionKind.DIFF;
  const { encoding, data } =
    diff === null ? (encoded ?? encodeContent(after)) : encodeContent(diff);
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
  const wanted = new Map<string, Set<number>>();
  for (const key of keys) {
    const numbers = wanted.get(key.documentId) ?? new Set<number>();
    numbers.add(key.number);
    wanted.set(key.documentId, numbers);
  }
  const texts = new Map<string, Map<number, string>>();
  for (const [documentId, numbers] of byDocument) {
    texts.set(documentId, await replay(numbers, wanted.get(documentId)!));
  }
  return keys.map((key) => texts.get(key.documentId)?.get(key.number) ?? null);
}

/**
 * Walks one document's rows in order once, keeping the texts of the `wanted` numbers: revisions
 * that share a snapshot share its diffs, so a page of them costs one pass, not one per revision.
 * A row is usable after a snapshot or after the row just before it (the query reads no gaps
 * inside a run; a run starts at a snapshot).
 */
async function replay(rows: Map<number, Row>, wanted: Set<number>): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  const last = Math.max(...wanted);
  let text = '';
  // The number `text` is the content of; -1 before the first snapshot.
  let at = -1;
  for (const number of [...rows.keys()].sort((x, y) => x - y)) {
    if (number > last) break;
    const row = rows.get(number)!;
    if (row.kind !== RevisionKind.SNAPSHOT && at !== number - 1) continue;
    const body = decodeContent(row.encoding as ContentEncoding, row.data);
    if (row.kind === RevisionKind.SNAPSHOT) {
      text = body;
    } else {
      // Rebuilding is linear per diff, and a page can ask for many: yield between them.
      await nextTurn();
      const next = applyDiff(text, body);
      // Cannot happen for rows this code wrote (each diff was verified before it was stored).
      if (next === null) throw new Error(`Revision ${number} does not apply to revision ${at}`);
      text = next;
    }
    at = number;
    if (wanted.has(number)) found.set(number, text);
  }
  return found;
}

import { applyPatch, formatPatch, structuredPatch, type StructuredPatch } from 'diff';

/** The name both sides of a stored diff carry; revisions are one file's history. */
const FILE = 'content';

export interface LineStat {
  added: number;
  removed: number;
}

export interface TextDiff {
  /** A unified diff (headers included, so it is a valid patch). */
  patch: string;
  stat: LineStat;
}

function statOf(patch: StructuredPatch): LineStat {
  const stat = { added: 0, removed: 0 };
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) stat.added += 1;
      else if (line.startsWith('-')) stat.removed += 1;
    }
  }
  return stat;
}

/** The unified diff turning `before` into `after`, and its line counts, from one diff run. */
export function diffTexts(before: string, after: string, from = 'a', to = 'b'): TextDiff {
  const structured = structuredPatch(FILE, FILE, before, after, from, to, { context: 3 });
  return { patch: formatPatch(structured), stat: statOf(structured) };
}

export function unifiedDiff(before: string, after: string, from = 'a', to = 'b'): string {
  return diffTexts(before, after, from, to).patch;
}

/**
 * Applies a stored diff exactly: no fuzz and no line-ending conversion, so the text rebuilt is
 * the one that was saved. Returns null when the diff does not fit.
 */
export function applyDiff(before: string, diff: string): string | null {
  const result = applyPatch(before, diff, { fuzzFactor: 0, autoConvertLineEndings: false });
  return result === false ? null : result;
}

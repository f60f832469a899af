import { applyPatch } from 'diff';
import {
  coarseBlocks,
  diffLineArrays,
  splitLines,
  type ChangeBlock,
  type DiffLimits,
} from './line-diff';

/** The name both sides of a stored diff carry; revisions are one file's history. */
const FILE = 'content';
/** Unchanged lines shown around each change. */
const CONTEXT = 3;
/**
 * Search steps allowed per line of edit length: the search takes about D² steps for D lines
 * changed, so this leaves room for long runs of equal lines and stops an adversarial text whose
 * runs would make it O((N + M) · D).
 */
const WORK_PER_EDIT = 16;

export interface LineStat {
  added: number;
  removed: number;
}

export interface TextDiff {
  /** A unified diff (headers included, so it is a valid patch). */
  patch: string;
  stat: LineStat;
  /**
   * False when the change was over the limits: the patch then replaces everything between the
   * common first and last lines in one hunk. Still exact (it applies), just not the smallest.
   */
  minimal: boolean;
}

/** The bounds of one diff, from DOCUMENT_DIFF_MAX_EDIT_LENGTH. */
export function diffLimits(maxEditLength: number): DiffLimits {
  return { maxEditLength, maxWork: WORK_PER_EDIT * maxEditLength * maxEditLength + 1024 };
}

/** A line of a hunk: its text without the newline, and a marker when it had none. */
function pushLine(out: string[], sign: string, line: string): void {
  if (line.endsWith('\n')) {
    out.push(sign + line.slice(0, -1));
  } else {
    out.push(sign + line, '\\ No newline at end of file');
  }
}

/**
 * The blocks as a unified diff in jsdiff's format (`formatPatch` of `structuredPatch` with three
 * lines of context): blocks less than 2 × CONTEXT unchanged lines apart share a hunk, and each
 * block lists its removed lines before its added ones.
 */
function formatUnified(
  a: readonly string[],
  b: readonly string[],
  blocks: readonly ChangeBlock[],
  from: string,
  to: string,
): { patch: string; stat: LineStat } {
  const out = [
    `Index: ${FILE}`,
    '===================================================================',
    `--- ${FILE}\t${from}`,
    `+++ ${FILE}\t${to}`,
  ];
  const stat = { added: 0, removed: 0 };
  for (let first = 0; first < blocks.length;) {
    let last = first;
    while (
      last + 1 < blocks.length &&
      blocks[last + 1].oldStart - blocks[last].oldEnd <= 2 * CONTEXT
    ) {
      last++;
    }
    const before = Math.min(CONTEXT, blocks[first].oldStart);
    const after = Math.min(CONTEXT, a.length - blocks[last].oldEnd);
    const oldStart = blocks[first].oldStart - before;
    const newStart = blocks[first].newStart - before;
    const oldLines = blocks[last].oldEnd + after - oldStart;
    const newLines = blocks[last].newEnd + after - newStart;
    // In unified diffs an empty side names the line before it (0 at the very start).
    out.push(
      `@@ -${oldLines ? oldStart + 1 : oldStart},${oldLines} +${newLines ? newStart + 1 : newStart},${newLines} @@`,
    );
    let at = oldStart;
    for (let i = first; i <= last; i++) {
      const block = blocks[i];
      for (; at < block.oldStart; at++) pushLine(out, ' ', a[at]);
      for (let line = block.oldStart; line < block.oldEnd; line++) pushLine(out, '-', a[line]);
      for (let line = block.newStart; line < block.newEnd; line++) pushLine(out, '+', b[line]);
      stat.removed += block.oldEnd - block.oldStart;
      stat.added += block.newEnd - block.newStart;
      at = block.oldEnd;
    }
    for (; at < blocks[last].oldEnd + after; at++) pushLine(out, ' ', a[at]);
    first = last + 1;
  }
  return { patch: `${out.join('\n')}\n`, stat };
}

/**
 * The unified diff turning `before` into `after`, and its line counts. Its cost is bounded by
 * `limits` and linear in the texts' sizes past that: over the limits the answer is the coarse
 * diff (`minimal: false`).
 */
export function diffTexts(
  before: string,
  after: string,
  limits: DiffLimits,
  from = 'a',
  to = 'b',
): TextDiff {
  const { a, b, blocks, minimal } = lineChanges(before, after, limits);
  return { ...formatUnified(a, b, blocks, from, to), minimal };
}

/** The line counts `diffTexts` would give, without writing the diff out. */
export function diffStat(
  before: string,
  after: string,
  limits: DiffLimits,
): { stat: LineStat; minimal: boolean } {
  const { blocks, minimal } = lineChanges(before, after, limits);
  const stat = { added: 0, removed: 0 };
  for (const block of blocks) {
    stat.added += block.newEnd - block.newStart;
    stat.removed += block.oldEnd - block.oldStart;
  }
  return { stat, minimal };
}

function lineChanges(before: string, after: string, limits: DiffLimits) {
  const a = splitLines(before);
  const b = splitLines(after);
  const found = diffLineArrays(a, b, limits);
  return { a, b, blocks: found ?? coarseBlocks(a, b), minimal: found !== null };
}

/**
 * Resolves after pending I/O callbacks have run: a request doing several linear steps on a large
 * text yields between them, so other requests are not held up for the whole of it.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Thrown by a comparison past the budget of `applyDiff`; never leaves this module. */
class OverBudget extends Error {}

/**
 * Applies a stored diff exactly: no fuzz and no line-ending conversion, so the text rebuilt is
 * the one that was saved. Returns null when the diff does not fit. With `strict`, a diff that
 * does not fit where its hunks say is refused after one comparison per hunk line: jsdiff would
 * otherwise try the hunk at every other line, O(lines × hunk) on repetitive text.
 */
export function applyDiff(before: string, diff: string, strict = false): string | null {
  let budget = strict ? countLines(diff) + 1 : Infinity;
  const compareLine = (_number: number, line: string, _operation: string, patched: string) => {
    if (--budget < 0) throw new OverBudget();
    return line === patched;
  };
  try {
    const result = applyPatch(before, diff, {
      fuzzFactor: 0,
      autoConvertLineEndings: false,
      compareLine,
    });
    return result === false ? null : result;
  } catch (error) {
    // A malformed diff (jsdiff throws on hunk counts that do not add up) fits nothing either.
    if (strict) return null;
    throw error;
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

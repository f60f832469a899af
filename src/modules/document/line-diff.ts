/**
 * A line diff whose cost is bounded whatever the texts are. Myers' algorithm costs
 * O((N + M) · D) for D lines added plus removed, so a full rewrite of a large text is quadratic:
 * jsdiff took 12 s on 8,000 lines, with the event loop blocked throughout. Here D stops at a
 * limit, and so does the total work; past either the caller gets `null` and falls back to a
 * coarse diff (`coarseBlocks`) that is exact but not minimal.
 */

/**
 * The lines of a text, each with its terminator (`\n`; a CRLF line ends in `\r\n`), the last one
 * without when the text does not end in a newline. Lone CRs stay inside their line. These are
 * jsdiff's line tokens, so its `applyPatch` reads the diffs made from them.
 */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    lines.push(text.slice(start, end + 1));
    start = end + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** One change: old lines [oldStart, oldEnd) are replaced by new lines [newStart, newEnd). */
export interface ChangeBlock {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

export interface DiffLimits {
  /** Most lines added plus removed that a minimal diff is searched for. */
  maxEditLength: number;
  /**
   * Most steps (line comparisons and diagonals visited) the search may take. The snakes of an
   * adversarial text can make each of the D steps cost O(N + M); this caps that too.
   */
  maxWork: number;
}

/** The common leading and trailing lines, which no diff needs to search. */
function commonEnds(a: readonly string[], b: readonly string[]): [number, number] {
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) {
    suffix++;
  }
  return [prefix, suffix];
}

/** Everything between the common ends replaced at once: exact, linear, and not minimal. */
export function coarseBlocks(a: readonly string[], b: readonly string[]): ChangeBlock[] {
  const [prefix, suffix] = commonEnds(a, b);
  const oldEnd = a.length - suffix;
  const newEnd = b.length - suffix;
  if (prefix === oldEnd && prefix === newEnd) return [];
  return [{ oldStart: prefix, oldEnd, newStart: prefix, newEnd }];
}

/**
 * A minimal line diff of `a` into `b` as change blocks in order, or null when it would take more
 * than `limits` allow.
 */
export function diffLineArrays(
  a: readonly string[],
  b: readonly string[],
  limits: DiffLimits,
): ChangeBlock[] | null {
  const [prefix, suffix] = commonEnds(a, b);
  const n = a.length - prefix - suffix;
  const m = b.length - prefix - suffix;
  if (n === 0 || m === 0) return coarseBlocks(a, b);
  if (Math.abs(n - m) > limits.maxEditLength) return null;
  const { oldIds, newIds, shared } = numbered(a, b, prefix, n, m);
  // Every line not shared by both sides is an edit: past the limit, no search can succeed.
  if (n + m - 2 * shared > limits.maxEditLength) return null;
  const removed = new Uint8Array(n);
  const added = new Uint8Array(m);
  if (!myers(oldIds, newIds, limits, removed, added)) return null;
  return blocksOf(removed, added, prefix);
}

/**
 * The lines between the common ends as numbers (equal lines, equal numbers), so the search
 * compares integers; and how many lines the two sides could share at most.
 */
function numbered(
  a: readonly string[],
  b: readonly string[],
  offset: number,
  n: number,
  m: number,
) {
  const ids = new Map<string, number>();
  const idOf = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) {
      id = ids.size;
      ids.set(line, id);
    }
    return id;
  };
  const oldIds = new Int32Array(n);
  for (let i = 0; i < n; i++) oldIds[i] = idOf(a[offset + i]);
  const newIds = new Int32Array(m);
  for (let j = 0; j < m; j++) newIds[j] = idOf(b[offset + j]);
  const unmatched = new Int32Array(ids.size);
  for (const id of oldIds) unmatched[id]++;
  let shared = 0;
  for (const id of newIds) {
    if (unmatched[id] > 0) {
      unmatched[id]--;
      shared++;
    }
  }
  return { oldIds, newIds, shared };
}

/**
 * Myers' greedy forward search from `a` to `b`, keeping each step's furthest points so the path
 * can be walked back; marks the lines removed and added. Moves that leave the edit grid are
 * never taken, so every point kept is a real one.
 */
function myers(
  a: Int32Array,
  b: Int32Array,
  limits: DiffLimits,
  removed: Uint8Array,
  added: Uint8Array,
): boolean {
  const n = a.length;
  const m = b.length;
  const maxD = Math.min(n + m, limits.maxEditLength);
  const center = maxD + 1;
  // The furthest x reached on each diagonal k = x - y (at index center + k); -1: not reached.
  const v = new Int32Array(2 * maxD + 3).fill(-1);
  const trace: Int32Array[] = [];
  let work = 0;
  for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = 0;
      if (d > 0) {
        const move = choose(v, center, k, d, n, m);
        if (move < 0) {
          v[center + k] = -1;
          continue;
        }
        x = move >> 1;
      }
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
        work++;
      }
      v[center + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(center - d, center + d + 1));
        walkBack(trace, n, m, removed, added);
        return true;
      }
    }
    trace.push(v.slice(center - d, center + d + 1));
    work += d + 1;
    if (work > limits.maxWork) return false;
  }
  return false;
}

/**
 * How step d reaches diagonal k: from k+1 by adding a line (same x) or from k-1 by removing one
 * (x + 1), whichever goes further, never off the grid. Answers x * 2, plus 1 for a removal; -1
 * when neither move is possible. `v` holds step d-1's points at index `center + k`.
 */
function choose(v: Int32Array, center: number, k: number, d: number, n: number, m: number) {
  const left = k > -d ? v[center + k - 1] : -1;
  const up = k < d ? v[center + k + 1] : -1;
  const canRemove = left >= 0 && left + 1 <= n;
  const canAdd = up >= 0 && up - k <= m;
  if (canAdd && (!canRemove || left < up)) return up * 2;
  if (canRemove) return (left + 1) * 2 + 1;
  return -1;
}

/** Walks the kept steps back from (n, m), marking the line each step removed or added. */
function walkBack(
  trace: readonly Int32Array[],
  n: number,
  m: number,
  removed: Uint8Array,
  added: Uint8Array,
): void {
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const k = x - y;
    // trace[d - 1] holds diagonals -(d-1)..d-1, diagonal k at index d - 1 + k.
    const move = choose(trace[d - 1], d - 1, k, d, n, m);
    const start = move >> 1;
    if (move & 1) {
      removed[start - 1] = 1;
      x = start - 1;
      y = start - k;
    } else {
      added[start - k - 1] = 1;
      x = start;
      y = start - k - 1;
    }
  }
}

/** Consecutive removed and added lines grouped into blocks, positions shifted by `offset`. */
function blocksOf(removed: Uint8Array, added: Uint8Array, offset: number): ChangeBlock[] {
  const blocks: ChangeBlock[] = [];
  let i = 0;
  let j = 0;
  while (i < removed.length || j < added.length) {
    if (i < removed.length && j < added.length && !removed[i] && !added[j]) {
      i++;
      j++;
      continue;
    }
    const oldStart = i;
    const newStart = j;
    let moved = true;
    while (moved) {
      moved = false;
      while (i < removed.length && removed[i]) {
        i++;
        moved = true;
      }
      while (j < added.length && added[j]) {
        j++;
        moved = true;
      }
    }
    // Unmatched lines left on one side only would mean a broken path; never loop on them.
    if (i === oldStart && j === newStart) throw new Error('The line diff lost its alignment');
    blocks.push({
      oldStart: offset + oldStart,
      oldEnd: offset + i,
      newStart: offset + newStart,
      newEnd: offset + j,
    });
  }
  return blocks;
}

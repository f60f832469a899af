import { applyPatch, structuredPatch } from 'diff';
import { splitLines } from '../src/modules/document/line-diff';
import { applyDiff, diffLimits, diffStat, diffTexts } from '../src/modules/document/revision-diff';

/** A small seeded PRNG (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

// Few distinct lines, so equal lines abound and the search has many paths to choose from.
const LINES = [
  'a\n',
  'b\n',
  'c\r\n',
  'lone\rcr\n',
  '\n',
  'no newline',
  '\\ No newline at end of file\n',
];

function text(int: (n: number) => number): string {
  return Array.from({ length: int(14) }, () => LINES[int(LINES.length)]).join('');
}

/** jsdiff's own (unbounded) count of lines added and removed: the minimal edit length. */
function jsdiffEdits(before: string, after: string): number {
  let edits = 0;
  for (const hunk of structuredPatch('c', 'c', before, after).hunks) {
    for (const line of hunk.lines) if (line[0] === '+' || line[0] === '-') edits++;
  }
  return edits;
}

const UNBOUNDED = diffLimits(10_000);

describe('the bounded line diff', () => {
  it('splits lines as jsdiff does: CRLF and LF end a line, a lone CR does not', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a\r\nb\rc\n\nd')).toEqual(['a\r\n', 'b\rc\n', '\n', 'd']);
  });

  it('makes minimal diffs that jsdiff applies exactly, on 3,000 random pairs', () => {
    const int = random(7);
    for (let i = 0; i < 3000; i++) {
      const before = text(int);
      const after = text(int);
      const { patch, stat, minimal } = diffTexts(before, after, UNBOUNDED, 'r1', 'r2');
      expect(minimal).toBe(true);
      expect(applyPatch(before, patch, { fuzzFactor: 0, autoConvertLineEndings: false })).toBe(
        after,
      );
      expect(applyDiff(before, patch, true)).toBe(after);
      expect(stat.added + stat.removed).toBe(jsdiffEdits(before, after));
      expect(diffStat(before, after, UNBOUNDED)).toEqual({ stat, minimal });
    }
  });

  it('writes the same unified diff as jsdiff for a one-line change', () => {
    const before = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n';
    const after = before.replace('five', 'FIVE');
    const jsdiff = structuredPatch('content', 'content', before, after, 'r1', 'r2', {
      context: 3,
    });
    const ours = diffTexts(before, after, UNBOUNDED, 'r1', 'r2').patch;
    expect(ours).toContain(`@@ -2,7 +2,7 @@\n two\n three\n four\n-five\n+FIVE\n six\n`);
    expect(jsdiff.hunks).toHaveLength(1);
    expect(ours.split('\n').slice(4, -1)).toEqual([
      `@@ -${jsdiff.hunks[0].oldStart},${jsdiff.hunks[0].oldLines} +${jsdiff.hunks[0].newStart},${jsdiff.hunks[0].newLines} @@`,
      ...jsdiff.hunks[0].lines,
    ]);
  });

  it('answers an exact, non-minimal diff past the edit limit, in linear time', () => {
    const lines = Array.from({ length: 8000 }, (_, i) => `<p>line ${i}</p>\n`);
    const before = `head\n${lines.join('')}tail`;
    // Every line moved: the minimal diff needs about 16,000 edits.
    const after = `head\n${[...lines].reverse().join('')}tail`;
    const started = performance.now();
    const { patch, stat, minimal } = diffTexts(before, after, diffLimits(1000));
    expect(performance.now() - started).toBeLessThan(500);
    expect(minimal).toBe(false);
    // The whole changed region, between the common first and last lines.
    expect(stat).toEqual({ added: 8000, removed: 8000 });
    expect(applyDiff(before, patch, true)).toBe(after);
  });

  it('gives up when the search passes its work budget, even within the edit limit', () => {
    // 40 lines inserted among 80,000 equal ones: sliding along the runs is most of the work.
    const before = 'a\n'.repeat(80_000);
    const after = `${'a\n'.repeat(2000)}c\n`.repeat(40);
    const limits = diffLimits(100);
    const full = diffTexts(before, after, limits);
    expect(full).toMatchObject({ minimal: true, stat: { added: 40, removed: 0 } });
    expect(applyDiff(before, full.patch, true)).toBe(after);
    const starved = diffTexts(before, after, { ...limits, maxWork: 10_000 });
    // Coarse: everything after the 2,000 common first lines is replaced.
    expect(starved).toMatchObject({
      minimal: false,
      stat: { added: 78_040, removed: 78_000 },
    });
    expect(applyDiff(before, starved.patch, true)).toBe(after);
  });

  it('refuses a diff that only fits elsewhere than its hunks say, in strict mode', () => {
    const before = 'x\n'.repeat(2000) + 'y\n';
    const patch = diffTexts('x\ny\n', 'x\nz\n', UNBOUNDED).patch;
    expect(applyDiff(before, patch, true)).toBeNull();
    expect(applyDiff('not a patch', '@@ -1,5 +1,5 @@\n-a\n', true)).toBeNull();
  });
});

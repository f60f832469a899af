import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { UPDATE, allRevisions, createDocument, sha256 } from './document-helpers';
import { dialects } from './support';

/** A small seeded PRNG (mulberry32), so a failing sequence can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

const PIECES = [
  'line\n',
  'crlf line\r\n',
  'lone cr\r',
  'héllo wörld ',
  '日本語のテキスト\n',
  '🚀🎉 emoji 👩‍👩‍👧\n',
  'e\u0301 combining\n',
  '<p>html</p>\n',
  '\n',
  '\r\n',
  '    indented\n',
  'no newline',
  '+ looks like a diff line\n',
  '- another\n',
  '@@ -1,2 +1,2 @@\n',
  '\\ No newline at end of file\n',
];

/** One random edit on code points (never splitting a surrogate pair). */
function edit(text: string, rng: ReturnType<typeof random>): string {
  const points = Array.from(text);
  const at = rng.int(points.length + 1);
  switch (rng.int(9)) {
    case 0:
    case 1:
    case 2: {
      const piece = Array.from({ length: 1 + rng.int(4) }, () => PIECES[rng.int(PIECES.length)]);
      points.splice(at, 0, ...piece);
      return points.join('');
    }
    case 3:
    case 4:
      points.splice(at, 1 + rng.int(30));
      return points.join('');
    case 5:
      return text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text.replace(/\n/g, '\r\n');
    case 6:
      return text.endsWith('\n') ? text.replace(/\r?\n$/, '') : `${text}\n`;
    case 7:
      return rng.int(4) === 0 ? '' : text.split('\n').reverse().join('\n');
    default:
      return text.replace(/o/g, 'ø');
  }
}

/** Revisions per random sequence; two seeds per database make 240 revisions rebuilt there. */
const REVISIONS = 120;

describe.each(dialects)('document history on %s', (dialect) => {
  let server: TestServer;
  let user: TestUser;

  beforeAll(async () => {
    // Snapshots every 7 revisions: rebuilds cross snapshots many times in one sequence.
    server = await startTestServer({ dialect, env: { DOCUMENT_SNAPSHOT_EVERY: '7' } });
    user = await server.createUser();
  });
  afterAll(() => server.close());

  it.each([11, 2026])(
    'rebuilds every revision of a random edit sequence byte for byte (seed %i)',
    async (seed) => {
      const rng = random(seed);
      const saved = [''];
      const doc = await createDocument(server, user, { title: `Random ${seed}`, content: '' });
      for (let version = 1; version < REVISIONS; version++) {
        const next = edit(saved[version - 1], rng);
        const result = await server.run(
          UPDATE,
          { id: doc.id, expectedVersion: version, content: next },
          { as: user },
        );
        expect(result.errors).toBeUndefined();
        saved.push(next);
      }
      const history = await allRevisions(server, user, doc.id);
      expect(history.revisions.map((r) => r.number)).toEqual(saved.map((_, i) => i + 1));
      history.revisions.forEach((revision, i) => {
        // Compared as bytes: a wrong line ending or a lost final newline shows here.
        expect(Buffer.from(revision.content, 'utf8')).toEqual(Buffer.from(saved[i], 'utf8'));
        expect(revision.contentHash).toBe(sha256(saved[i]));
        expect(revision.contentLength).toBe(saved[i].length);
      });
      const kinds = history.revisions.map((r) => r.kind);
      expect(kinds.filter((kind) => kind === 'SNAPSHOT').length).toBeGreaterThanOrEqual(
        REVISIONS / 7,
      );
      expect(kinds.filter((kind) => kind === 'DIFF').length).toBeGreaterThan(REVISIONS / 2);
      expect(history.content).toBe(saved[saved.length - 1]);
    },
  );
});

describe.each(dialects)('document storage on %s', (dialect) => {
  let server: TestServer;
  let user: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    user = await server.createUser();
  });
  afterAll(() => server.close());

  it('keeps 100 small edits of a ~200 KB document in well under 10% of 100 full copies', async () => {
    const rng = random(42);
    const words =
      'deploy rollback incident runbook latency replica failover cache shard alert'.split(' ');
    const sentence = () => Array.from({ length: 12 }, () => words[rng.int(words.length)]).join(' ');
    let text = '<html><body>\n';
    for (let i = 0; text.length < 200_000; i++) {
      text += `<h2 id="s${i}">Section ${i}</h2>\n<p>${sentence()}. ${sentence()}.</p>\n`;
    }
    text += '</body></html>\n';
    const doc = await createDocument(server, user, { title: 'Big runbook', content: text });
    let fullBytes = 0;
    for (let version = 1; version <= 100; version++) {
      const lines = text.split('\n');
      const at = 1 + rng.int(lines.length - 2);
      lines[at] = `<p>edit ${version}: ${sentence()}.</p>`;
      text = lines.join('\n');
      fullBytes += Buffer.byteLength(text, 'utf8');
      const result = await server.run(
        UPDATE,
        { id: doc.id, expectedVersion: version, content: text },
        { as: user },
      );
      expect(result.errors).toBeUndefined();
    }
    const em = server.portico.orm.em.fork();
    const [row] = await em
      .getConnection()
      .execute<{ total: number; count: number }[]>(
        'select sum(length(data)) as total, count(*) as count from document_revisions where document_id = ?',
        [doc.id],
      );
    const stored = Number(row.total);
    expect(Number(row.count)).toBe(101);
    const ratio = stored / fullBytes;
    process.stdout.write(
      `[${dialect}] 101 revisions of a ${Buffer.byteLength(text)} B document: ${stored} B stored vs ${fullBytes} B for 100 full copies (${(ratio * 100).toFixed(2)}%)\n`,
    );
    expect(ratio).toBeLessThan(0.02);
    const history = await allRevisions(server, user, doc.id);
    expect(history.revisions[100].content).toBe(text);
  });
});

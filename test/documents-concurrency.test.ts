import { Role } from '../src/modules/user/role.enum';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { UPDATE, allRevisions, createDocument, sha256 } from './document-helpers';
import { codesOf, dialects } from './support';

/** PostgreSQL gets the full load on real pooled connections; SQLite a smaller one. */
const LOAD = {
  postgresql: { writers: 20, attempts: 25 },
  sqlite: { writers: 6, attempts: 10 },
} as const;

type Outcome = { writer: number; attempt: number; version: number | null; content: string };

describe.each(dialects)('concurrent document writers on %s', (dialect) => {
  let server: TestServer;
  let users: TestUser[];
  const { writers, attempts } = LOAD[dialect];

  beforeAll(async () => {
    server = await startTestServer({ dialect, env: { DB_POOL_MAX: '20' } });
    // Admins, so that every writer may change the (project-less) document.
    users = await Promise.all(
      Array.from({ length: writers }, () => server.createUser({ role: Role.ADMIN })),
    );
  });
  afterAll(() => server.close());

  it('loses no update: every attempt succeeds or conflicts, versions are consecutive', async () => {
    const base = Array.from({ length: 40 }, (_, i) => `line ${i}\n`).join('');
    const doc = await createDocument(server, users[0], { title: 'Contended', content: base });

    /** A writer edits from the version it last saw; on CONFLICT it moves to the current one. */
    const writer = async (index: number): Promise<Outcome[]> => {
      const outcomes: Outcome[] = [];
      let seen = 1;
      for (let attempt = 0; attempt < attempts; attempt++) {
        const content = `${base}writer ${index} attempt ${attempt}\n`;
        const result = await server.run<{ updateDocument: { version: number } }>(
          UPDATE,
          { id: doc.id, expectedVersion: seen, content, message: `w${index}a${attempt}` },
          { as: users[index] },
        );
        if (result.errors) {
          expect(codesOf(result)).toEqual(['CONFLICT']);
          const current = result.errors[0].extensions?.currentVersion;
          expect(typeof current).toBe('number');
          expect(current as number).toBeGreaterThan(seen - 1);
          seen = current as number;
          outcomes.push({ writer: index, attempt, version: null, content });
        } else {
          seen = result.data!.updateDocument.version;
          outcomes.push({ writer: index, attempt, version: seen, content });
        }
      }
      return outcomes;
    };

    const outcomes = (
      await Promise.all(Array.from({ length: writers }, (_, i) => writer(i)))
    ).flat();
    const successes = outcomes.filter((outcome) => outcome.version !== null);
    const conflicts = outcomes.filter((outcome) => outcome.version === null);
    expect(successes.length + conflicts.length).toBe(writers * attempts);
    expect(successes.length).toBeGreaterThan(0);

    // Each success made exactly one version; together they are 2..n without a gap.
    const versions = successes.map((outcome) => outcome.version!).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: successes.length }, (_, i) => i + 2));

    const history = await allRevisions(server, users[0], doc.id);
    expect(history.version).toBe(successes.length + 1);
    expect(history.revisions.map((revision) => revision.number)).toEqual(
      Array.from({ length: successes.length + 1 }, (_, i) => i + 1),
    );
    // The history replays to exactly what each winner saved, and ends at the final content.
    const byVersion = new Map(successes.map((outcome) => [outcome.version!, outcome.content]));
    expect(history.revisions[0].content).toBe(base);
    for (const revision of history.revisions.slice(1)) {
      expect(revision.content).toBe(byVersion.get(revision.number));
      expect(revision.contentHash).toBe(sha256(revision.content));
    }
    const last = successes.reduce((a, b) => (a.version! > b.version! ? a : b));
    expect(history.content).toBe(last.content);
    process.stdout.write(
      `[${dialect}] ${writers}x${attempts}: ${successes.length} saved, ${conflicts.length} conflicts\n`,
    );
  });
});

import { Role } from '../src/modules/user/role.enum';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { CREATE, UPDATE, allRevisions, createDocument, sha256 } from './document-helpers';
import { codesOf, dialects } from './support';

const LIST = `query List($filter: DocumentFilter) {
  documents(first: 50, filter: $filter) {
    totalCount
    nodes {
      title author { username } category { name } tags { name }
      latestRevision { number message author { username } }
    }
  }
}`;

describe.each(dialects)('documents on %s', (dialect) => {
  let server: TestServer;
  let user: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ dialect, env: { DOCUMENT_MAX_BYTES: '200000' } });
    user = await server.createUser();
    admin = await server.createUser({ role: Role.ADMIN });
  });
  afterAll(() => server.close());

  it('creates, updates and reads a document with its history and diffs', async () => {
    const text = '<h1>Runbook</h1>\n<p>Restart the gateway.</p>\n'.repeat(20);
    const doc = await createDocument(server, user, {
      title: 'Gateway Runbook',
      content: text,
      tags: ['Ops', 'gateway', 'ops'],
    });
    expect(doc.version).toBe(1);
    const edited = text.replace('Restart', 'Drain, then restart');
    const updated = await server.run<{ updateDocument: { version: number; contentHash: string } }>(
      UPDATE,
      { id: doc.id, expectedVersion: 1, content: edited, message: 'drain first' },
      { as: user },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateDocument).toEqual(
      expect.objectContaining({ version: 2, contentHash: sha256(edited) }),
    );

    const read = await server.run<{
      documentBySlug: {
        content: string;
        contentLength: number;
        storedBytes: number;
        tags: { name: string }[];
        revision: { diff: string; stat: { added: number; removed: number }; message: string };
      };
      diffRevisions: { diff: string; stat: { added: number; removed: number } };
    }>(
      `query ($id: ID!) {
        documentBySlug(slug: "gateway-runbook") {
          content contentLength storedBytes tags { name }
          revision(number: 2) { diff stat { added removed } message }
        }
        diffRevisions(documentId: $id, from: 1, to: 2) { diff stat { added removed } }
      }`,
      { id: doc.id },
      { as: user },
    );
    expect(read.errors).toBeUndefined();
    const found = read.data!.documentBySlug;
    expect(found.content).toBe(edited);
    expect(found.contentLength).toBe(edited.length);
    expect(found.storedBytes).toBeLessThan(Buffer.byteLength(edited) / 3);
    expect(found.tags.map((tag) => tag.name)).toEqual(['gateway', 'ops']);
    expect(found.revision.message).toBe('drain first');
    expect(found.revision.stat).toEqual({ added: 1, removed: 1 });
    expect(found.revision.diff).toContain('+<p>Drain, then restart the gateway.</p>');
    expect(read.data!.diffRevisions.stat).toEqual({ added: 1, removed: 1 });
  });

  it('refuses a stale expectedVersion with CONFLICT and the current version, writing nothing', async () => {
    const doc = await createDocument(server, user, { title: 'Stale', content: 'one\n' });
    const first = await server.run(
      UPDATE,
      { id: doc.id, expectedVersion: 1, content: 'two\n' },
      { as: user },
    );
    expect(first.errors).toBeUndefined();
    const stale = await server.run(
      UPDATE,
      { id: doc.id, expectedVersion: 1, content: 'three\n' },
      { as: user },
    );
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].extensions).toEqual(expect.objectContaining({ currentVersion: 2 }));
    expect(stale.extensions).toEqual({ transaction: 'ROLLED_BACK' });
    const history = await allRevisions(server, user, doc.id);
    expect(history.version).toBe(2);
    expect(history.content).toBe('two\n');
    expect(history.revisions.map((r) => r.content)).toEqual(['one\n', 'two\n']);
  });

  it('writes a document, its content and its revision in the request transaction, or none', async () => {
    const result = await server.run(
      `mutation ($input: CreateDocumentInput!, $missing: ID!) {
        createDocument(input: $input) { id }
        updateDocument(id: $missing, expectedVersion: 1, content: "x") { id }
      }`,
      {
        input: { title: 'Rolled back', content: 'never saved '.repeat(40) },
        missing: '01890000-0000-7000-8000-000000000000',
      },
      { as: user },
    );
    expect(codesOf(result)).toEqual(['NOT_FOUND']);
    expect(result.extensions).toEqual({ transaction: 'ROLLED_BACK' });
    // Foreign keys leave no content or revision without its document; the search entry,
    // written last, went too.
    const connection = server.portico.orm.em.fork().getConnection();
    const [row] = await connection.execute<{ n: number }[]>(
      "select count(*) as n from documents where title = 'Rolled back'",
    );
    expect(Number(row.n)).toBe(0);
    const search = await server.run<{ documents: { totalCount: number } }>(
      '{ documents(filter: { search: "never saved" }) { totalCount } }',
      undefined,
      { as: user },
    );
    expect(search.data?.documents.totalCount).toBe(0);
  });

  it('restores an old revision as a new one, and soft-deletes and restores documents', async () => {
    const doc = await createDocument(server, user, { title: 'Restorable', content: 'v1\n' });
    await server.run(UPDATE, { id: doc.id, expectedVersion: 1, content: 'v2\n' }, { as: user });
    const restored = await server.run<{ restoreRevision: { version: number; content: string } }>(
      'mutation ($id: ID!) { restoreRevision(id: $id, number: 1, expectedVersion: 2) { version content } }',
      { id: doc.id },
      { as: user },
    );
    expect(restored.data?.restoreRevision).toEqual({ version: 3, content: 'v1\n' });

    const deleted = await server.run(
      'mutation ($id: ID!) { deleteDocument(id: $id) { deletedAt } }',
      { id: doc.id },
      { as: user },
    );
    expect(deleted.errors).toBeUndefined();
    const gone = await server.run<{ document: unknown }>(
      'query ($id: ID!) { document(id: $id) { id } }',
      { id: doc.id },
      { as: user },
    );
    expect(gone.data?.document).toBeNull();
    const update = await server.run(
      UPDATE,
      { id: doc.id, expectedVersion: 3, content: 'x' },
      { as: user },
    );
    expect(codesOf(update)).toEqual(['NOT_FOUND']);
    const back = await server.run<{ restoreDocument: { deletedAt: string | null } }>(
      'mutation ($id: ID!) { restoreDocument(id: $id) { deletedAt } }',
      { id: doc.id },
      { as: user },
    );
    expect(back.data?.restoreDocument.deletedAt).toBeNull();
  });

  it('refuses content over DOCUMENT_MAX_BYTES with BAD_USER_INPUT', async () => {
    const big = 'é'.repeat(100_001); // 200,002 UTF-8 bytes
    const result = await server.run(
      CREATE,
      { input: { title: 'Too big', content: big } },
      { as: user },
    );
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].extensions).toEqual(
      expect.objectContaining({ reason: 'TOO_LARGE', limit: 200000 }),
    );
  });

  it('refuses a taken slug with CONFLICT and derives a fresh one from a taken title', async () => {
    await createDocument(server, user, { title: 'Same', slug: 'same-slug', content: 'a' });
    const again = await server.run(
      CREATE,
      { input: { title: 'Other', slug: 'same-slug', content: 'b' } },
      { as: user },
    );
    expect(codesOf(again)).toEqual(['CONFLICT']);
    const derived = await createDocument(server, user, { title: 'Same Slug', content: 'c' });
    expect((derived as unknown as { slug: string }).slug).toMatch(/^same-slug-[a-z0-9]+$/);
  });

  it('finds words in titles and in (compressed) content, and filters by tag and category', async () => {
    const category = await server.run<{ createCategory: { id: string } }>(
      'mutation { createCategory(input: { name: "Postmortems" }) { id } }',
      undefined,
      { as: admin },
    );
    const categoryId = category.data!.createCategory.id;
    await createDocument(server, user, {
      title: 'Quarterly zeppelin review',
      content: `<p>${'filler words here. '.repeat(50)}</p>`,
      categoryId,
    });
    await createDocument(server, user, {
      title: 'Database notes',
      content: `# Notes\n\n${'more filler. '.repeat(50)}\nThe replica lag reached xylophone levels.\n`,
      tags: ['db'],
    });
    const titles = async (filter: Record<string, unknown>) => {
      const result = await server.run<{ documents: { nodes: { title: string }[] } }>(
        LIST,
        { filter },
        { as: user },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.documents.nodes.map((node) => node.title).sort();
    };
    expect(await titles({ search: 'zeppelin' })).toEqual(['Quarterly zeppelin review']);
    expect(await titles({ search: 'Xylophone replica' })).toEqual(['Database notes']);
    expect(await titles({ search: 'xylophone zeppelin' })).toEqual([]);
    expect(await titles({ search: 'p' })).toEqual([]); // markup is not indexed
    expect(await titles({ tag: 'DB' })).toEqual(['Database notes']);

    // An update replaces the indexed text: the old word is gone, the new one found, once.
    const notes = await server.run<{ documentBySlug: { id: string } }>(
      '{ documentBySlug(slug: "database-notes") { id } }',
      undefined,
      { as: user },
    );
    const edited = await server.run(
      UPDATE,
      {
        id: notes.data!.documentBySlug.id,
        expectedVersion: 1,
        content: 'Now about a harpsichord.',
      },
      { as: user },
    );
    expect(edited.errors).toBeUndefined();
    expect(await titles({ search: 'xylophone' })).toEqual([]);
    expect(await titles({ search: 'harpsichord' })).toEqual(['Database notes']);
    expect(await titles({ categoryId })).toEqual(['Quarterly zeppelin review']);
  });

  it('has the full-text index the issue asks for', async () => {
    const connection = server.portico.orm.em.fork().getConnection();
    if (dialect === 'postgresql') {
      const rows = await connection.execute<{ indexdef: string }[]>(
        "select indexdef from pg_indexes where tablename = 'document_search'",
      );
      expect(rows.map((row: { indexdef: string }) => row.indexdef).join('\n')).toMatch(
        /USING gin \(body\)/,
      );
    } else {
      const rows = await connection.execute<{ sql: string }[]>(
        "select sql from sqlite_master where name = 'document_search'",
      );
      expect(rows[0].sql).toMatch(/using fts5/i);
    }
  });
});

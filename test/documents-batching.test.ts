import { Role } from '../src/modules/user/role.enum';
import { startTestServer, type TestUser } from '../src/testing/test-server';
import { UPDATE, createDocument } from './document-helpers';
import { dialects } from './support';

const LIST = `query List {
  documents(first: 50) {
    totalCount
    nodes {
      title version contentLength storedBytes
      author { username } category { name } tags { name } project { key }
      latestRevision { number message author { username } }
    }
  }
}`;

// session; documents page, count; authors, categories, tags, projects, latest revisions;
// the latest revisions' editors (a second round of the user batch)
const EXPECTED = 1 + 2 + 5 + 1;

describe.each(dialects)('document list statement counts on %s', (dialect) => {
  /** Builds `documents` documents (each with tags, a category and a second revision), then lists. */
  const measure = async (documents: number) => {
    const server = await startTestServer({ dialect });
    try {
      const authors = await Promise.all([1, 2, 3].map(() => server.createUser()));
      // Edits come from someone who authored no document, so revision authors are a real
      // second round of the user batch (not answered from the loader's cache). An admin may
      // edit every document, those without a project included.
      const editor = await server.createUser({ role: Role.ADMIN });
      const reader = await server.createUser();
      // The listed project is PRIVATE and the reader a VIEWER of it, so the access rule is in
      // every statement; a second PRIVATE project's documents must not show at all.
      const projectOf = async (key: string) => {
        const created = await server.run<{ createProject: { id: string } }>(
          'mutation ($key: String!) { createProject(input: { key: $key, name: $key, visibility: PRIVATE }) { id } }',
          { key },
          { as: authors[0] },
        );
        return created.data!.createProject.id;
      };
      const projectId = await projectOf('DOCS');
      const hiddenId = await projectOf('HIDDEN');
      const members: [TestUser, string][] = [
        [authors[1], 'EDITOR'],
        [authors[2], 'EDITOR'],
        [reader, 'VIEWER'],
      ];
      for (const [user, role] of members) {
        const added = await server.run(
          'mutation ($p: ID!, $u: ID!, $r: ProjectRole!) { addProjectMember(projectId: $p, userId: $u, role: $r) { role } }',
          { p: projectId, u: user.id, r: role },
          { as: authors[0] },
        );
        expect(added.errors).toBeUndefined();
      }
      for (let i = 0; i < 3; i++) {
        await createDocument(server, authors[0], {
          title: `Hidden ${i}`,
          content: 'not for the reader',
          projectId: hiddenId,
        });
      }
      const categories: string[] = [];
      for (const name of ['Runbooks', 'Postmortems', 'Notes']) {
        const created = await server.run<{ createCategory: { id: string } }>(
          'mutation ($name: String!) { createCategory(input: { name: $name }) { id } }',
          { name },
          { as: editor },
        );
        categories.push(created.data!.createCategory.id);
      }
      const make = async (i: number) => {
        const author = authors[i % authors.length];
        const doc = await createDocument(server, author, {
          title: `Doc ${i}`,
          content: `<p>Document ${i}</p>\n`.repeat(20),
          categoryId: categories[i % categories.length],
          projectId: i % 2 ? projectId : null,
          tags: [`t${i % 4}`, `t${i % 7}`, 'all'],
        });
        const edited = await server.run(
          UPDATE,
          { id: doc.id, expectedVersion: 1, content: `<p>Edited ${i}</p>\n`, message: 'edit' },
          { as: editor },
        );
        expect(edited.errors).toBeUndefined();
      };
      // The first seven create every tag one after another; the rest run side by side (on
      // PostgreSQL over several pooled connections), which only makes the setup quicker.
      const first = Math.min(7, documents);
      for (let i = 0; i < first; i++) await make(i);
      await Promise.all(Array.from({ length: documents - first }, (_, i) => make(first + i)));
      const { result, statements, tally } = await server.measure<{
        documents: { nodes: unknown[]; totalCount: number };
      }>(LIST, {}, { as: reader });
      expect(result.errors).toBeUndefined();
      return { statements, queries: tally.queries, data: result.data! };
    } finally {
      await server.close();
    }
  };

  it('lists 50 documents with relations in the same number of statements for any row count', async () => {
    const small = await measure(6);
    const large = await measure(55);
    expect(small.data.documents.nodes).toHaveLength(6);
    expect(large.data.documents.nodes).toHaveLength(50);
    expect(large.data.documents.totalCount).toBe(55);
    expect({ small: small.statements, large: large.statements }).toEqual({
      small: EXPECTED,
      large: EXPECTED,
    });
    // Listing without `content` neither reads the stored text nor any revision body.
    for (const query of large.queries) {
      expect(query).not.toMatch(/document_contents/);
      expect(query).not.toMatch(/\bdata\b/);
    }
  });
});

import { createHash } from 'node:crypto';
import type { TestServer, TestUser } from '../src/testing/test-server';

export const CREATE = `mutation Create($input: CreateDocumentInput!) {
  createDocument(input: $input) { id slug version contentLength storedBytes contentHash }
}`;

export const UPDATE = `mutation Update($id: ID!, $expectedVersion: Int!, $content: String, $title: String, $message: String) {
  updateDocument(id: $id, expectedVersion: $expectedVersion, content: $content, title: $title, message: $message) {
    id version contentHash storedBytes
  }
}`;

export const REVISIONS = `query Revisions($id: ID!, $after: String) {
  document(id: $id) {
    version content contentHash
    revisions(first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { number kind content contentHash contentLength storedBytes }
    }
  }
}`;

export interface RevisionNode {
  number: number;
  kind: 'SNAPSHOT' | 'DIFF';
  content: string;
  contentHash: string;
  contentLength: number;
  storedBytes: number;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export async function createDocument(
  server: TestServer,
  user: TestUser,
  input: Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  const result = await server.run<{ createDocument: { id: string; version: number } }>(
    CREATE,
    { input },
    { as: user },
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.createDocument;
}

/** Every revision with its rebuilt text, page by page. */
export async function allRevisions(
  server: TestServer,
  user: TestUser,
  id: string,
): Promise<{ version: number; content: string; revisions: RevisionNode[] }> {
  const revisions: RevisionNode[] = [];
  let after: string | null = null;
  for (;;) {
    type Page = {
      document: {
        version: number;
        content: string;
        revisions: {
          pageInfo: { hasNextPage: boolean; endCursor: string };
          nodes: RevisionNode[];
        };
      };
    };
    const result: { data?: Page | null; errors?: unknown } = await server.run<Page>(
      REVISIONS,
      { id, after },
      { as: user },
    );
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    const document: Page['document'] = result.data!.document;
    revisions.push(...document.revisions.nodes);
    if (!document.revisions.pageInfo.hasNextPage) {
      return { version: document.version, content: document.content, revisions };
    }
    after = document.revisions.pageInfo.endCursor;
  }
}

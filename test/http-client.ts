import type { TestUser } from '../src/testing/test-server';

/** What tests send and read over real HTTP to a listening server. */
export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface Reply {
  status: number;
  /** The Content-Type header, '' when absent. */
  contentType: string;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; throws when it is not JSON. */
  json: GraphQLBody;
  /** Milliseconds from sending to the whole body read. */
  ms: number;
}

export async function send(url: string, init: RequestInit): Promise<Reply> {
  const started = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    headers: response.headers,
    text,
    ms: performance.now() - started,
    get json() {
      return JSON.parse(text) as GraphQLBody;
    },
  };
}

/** POSTs a raw body to /graphql (a JSON content type unless headers say otherwise). */
export function postRaw(
  baseUrl: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return send(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

export function get(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return send(`${baseUrl}${path}`, { headers });
}

export function postQuery(
  baseUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  as?: TestUser,
): Promise<Reply> {
  const headers: Record<string, string> = as ? { authorization: `Bearer ${as.token}` } : {};
  return postRaw(baseUrl, JSON.stringify({ query, variables }), headers);
}

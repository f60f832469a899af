import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * What a browser client sends /graphql: the body's type, the bearer token, Apollo's CSRF header
 * for GET, and the operation and client names Apollo Client adds.
 */
const ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
];

/**
 * CORS for /graphql: the configured origins may call it from a browser, preflight included.
 * Credentials are never allowed: Portico authenticates with a bearer token, not cookies, so a
 * page needs none, and another site's page can never ride on a user's cookies. No origins
 * configured means no CORS headers at all: browsers then let same-origin pages only.
 */
export function corsPolicy(origins: readonly string[]): RequestHandler[] {
  if (!origins.length) return [];
  return [
    cors({
      origin: [...origins],
      methods: ['GET', 'POST'],
      allowedHeaders: ALLOWED_HEADERS,
      credentials: false,
      // Browsers cap this (Chromium at 2 hours); 10 minutes keeps a changed list prompt.
      maxAge: 600,
    }) as RequestHandler,
  ];
}

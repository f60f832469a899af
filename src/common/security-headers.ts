import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The media types Apollo Server weighs before it serves the landing page (its `prefersHTML`):
 * a GET whose Accept header ranks text/html above all of these gets the HTML page.
 */
const NEGOTIATED = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'multipart/mixed; deferSpec=20220824',
  'multipart/mixed; incrementalSpec=v0.2',
  'multipart/mixed',
  'text/html',
];

/** Express matches mount paths case-insensitively, so Apollo answers /GraphQL/x as well. */
const GRAPHQL_PATH = /^\/graphql(\/|$)/i;

/** True when Apollo will answer this request with the landing page (Sandbox), not JSON. */
export function requestsLandingPage(req: Request): boolean {
  return (
    req.method === 'GET' &&
    GRAPHQL_PATH.test(req.path) &&
    !!req.get('accept') &&
    req.accepts(NEGOTIATED) === 'text/html'
  );
}

/**
 * Every JSON answer: it loads nothing, runs nothing and is never framed, so the policy forbids
 * everything (what OWASP recommends for APIs).
 */
const apiHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
});

/**
 * The landing page carries its own Content-Security-Policy in a <meta> tag, with a fresh nonce
 * per page: scripts and styles from Apollo's CDNs, fonts.googleapis.com, images and manifest
 * from the landing-page CDN, and frames of sandbox.embed.apollographql.com. A header policy is
 * enforced on top of it and cannot know the nonce, so this one restricts no fetch directive;
 * it adds only what a <meta> policy cannot say (frame-ancestors) or does not (base-uri,
 * form-action, object-src). The page is Apollo's app, not ours: pop-ups it opens keep their
 * opener and its frames see the page's origin as referrer (the browsers' defaults), so nothing
 * it may rely on is taken from it.
 */
const landingPageHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc,
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'self'"],
      objectSrc: ["'none'"],
    },
  },
  crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
});

/** helmet's security headers on every response; the landing page gets a policy it works with. */
export function securityHeaders(options: { landingPage: boolean }): RequestHandler {
  return (req, res, next) => {
    const headers =
      options.landingPage && requestsLandingPage(req) ? landingPageHeaders : apiHeaders;
    headers(req, res, next);
  };
}

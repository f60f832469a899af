import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';
import { ErrorCode } from './errors';

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Body errors answer in GraphQL's response shape with a code, never as an HTML 500 page. */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    if (res.headersSent) return next(error);
    const [status, code, message] =
      error.type === 'entity.parse.failed'
        ? [400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON']
        : error.type === 'entity.too.large'
          ? [413, ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large']
          : error.status && error.status >= 400 && error.status < 500
            ? [error.status, ErrorCode.BAD_REQUEST, 'The request could not be read']
            : [500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'];
    if (status >= 500) logger.error({ err: error }, 'unhandled HTTP error');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

/** Any other route answers JSON with a code, not Express's HTML page. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({
    errors: [
      {
        message: `No route ${req.method} ${req.path}: GraphQL is served at /graphql`,
        extensions: { code: ErrorCode.NOT_FOUND },
      },
    ],
  });
};

import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';
import { ErrorCode } from './errors';

interface BodyParserError {
  type?: string;
  status?: number;
  /** The Content-Encoding (`encoding.unsupported`) or charset (`charset.unsupported`) refused. */
  encoding?: string;
  charset?: string;
}

type Answer = [status: number, code: ErrorCode, message: string];

function answerFor(error: BodyParserError): Answer {
  switch (error.type) {
    case 'entity.parse.failed':
      return [400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON'];
    // Also a compressed body: the limit counts the bytes after decompression.
    case 'entity.too.large':
      return [413, ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large'];
    case 'encoding.unsupported':
      return [
        415,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `Content-Encoding "${String(error.encoding).slice(0, 40)}" is not supported: send gzip, deflate, br or none`,
      ];
    case 'charset.unsupported':
      return [
        415,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `Charset "${String(error.charset).slice(0, 40)}" is not supported: send UTF-8`,
      ];
  }
  if (error.status && error.status >= 400 && error.status < 500) {
    return [error.status, ErrorCode.BAD_REQUEST, 'The request could not be read'];
  }
  return [500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'];
}

/** Body errors answer in GraphQL's response shape with a code, never as an HTML 500 page. */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    if (res.headersSent) return next(error);
    const [status, code, message] = answerFor(error);
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

import type { RequestHandler } from 'express';
import { ErrorCode } from './errors';

/** The unit of work's verdict, which Apollo writes last in a mutation's answer. */
const TRANSACTION = /"transaction":"(COMMITTED|ROLLED_BACK)"/;

/**
 * The second line behind the cost limit: an answer larger than `maxBytes` is not sent, so no
 * single request can make the server write (and a client wait for) an unbounded body. A
 * mutation's changes stand or not as its transaction says, and that is kept in the reply.
 */
export function responseSizeLimit(maxBytes: number): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      // Only a long string can be too large: UTF-8 takes at most 3 bytes per UTF-16 unit.
      if (
        typeof body !== 'string' ||
        body.length * 3 <= maxBytes ||
        Buffer.byteLength(body) <= maxBytes
      ) {
        return send(body);
      }
      const transaction = TRANSACTION.exec(body.slice(-200))?.[1];
      res.status(400);
      return send(
        JSON.stringify({
          errors: [
            {
              message: `The answer is larger than ${maxBytes} bytes (MAX_RESPONSE_BYTES): ask for fewer fields or smaller pages`,
              extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, maxBytes },
            },
          ],
          ...(transaction && { extensions: { transaction } }),
        }),
      );
    };
    next();
  };
}

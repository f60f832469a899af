import { GraphQLError } from 'graphql';

/** Every error code Portico sends, in one place. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  BAD_REQUEST = 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** HTTP 415: a Content-Encoding or charset the server cannot read the body in. */
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  /** HTTP 429: too many attempts (logIn, signUp); `extensions.retryAfter` seconds, Retry-After. */
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** The operation's computed cost is over MAX_QUERY_COST; `extensions.cost` and `maxCost`. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** The answer would be larger than MAX_RESPONSE_BYTES; ask for fewer fields or smaller pages. */
  RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * Every `extensions.reason` Portico sends: why a request was refused, for a client to branch on
 * beside the code. An extensions value only, so registered nowhere in the GraphQL schema.
 */
export enum ErrorReason {
  /** The change would close a cycle (a task under its own subtree, a dependency loop). */
  CYCLE = 'CYCLE',
  /** Tasks would nest deeper than TASK_MAX_DEPTH; `extensions.limit` says how deep they may. */
  DEPTH_LIMIT = 'DEPTH_LIMIT',
  /** The value is over a size limit; `extensions.limit` and `extensions.bytes` say by how much. */
  TOO_LARGE = 'TOO_LARGE',
  /** The last active admin cannot be demoted or deactivated. */
  LAST_ADMIN = 'LAST_ADMIN',
  /** A project's last LEAD cannot be demoted or removed. */
  LAST_LEAD = 'LAST_LEAD',
  /**
   * The state machine has no such transition from the current status (closing a closed
   * handoff); `extensions.currentStatus` and `extensions.allowedFrom` say why.
   */
  INVALID_TRANSITION = 'INVALID_TRANSITION',
}

/**
 * What an error is about, beside its code: `reason` is why, `field` the one input field or
 * argument it is about (a name as the client sent it: `key`, `after`, `currentPassword`). Other
 * keys carry figures such as `limit`.
 */
export interface ErrorDetails {
  reason?: ErrorReason;
  field?: string;
  [key: string]: unknown;
}

export function userInputError(message: string, extensions: ErrorDetails = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions },
  });
}

export function unauthenticatedError(message = 'You must be signed in'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function forbiddenError(message = 'You are not allowed to do this'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function notFoundError(entity: string, id: string): GraphQLError {
  return new GraphQLError(`${entity} ${id} was not found`, {
    extensions: { code: ErrorCode.NOT_FOUND, entity, id },
  });
}

export function conflictError(message: string, extensions: ErrorDetails = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, ...extensions } });
}

/** A cursor that this list did not hand out (malformed, or from another list or order). */
export function invalidCursorError(argument: 'after' | 'before' = 'after'): GraphQLError {
  return userInputError('The cursor is not valid for this list', { field: argument });
}

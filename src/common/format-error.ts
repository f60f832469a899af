import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  CheckConstraintViolationException,
  DeadlockException,
  DriverException,
  ForeignKeyConstraintViolationException,
  LockWaitTimeoutException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { ValidationError } from 'class-validator';
import { GraphQLError } from 'graphql';
import type { Logger } from '../logger';
import { ErrorCode } from './errors';

/**
 * INTERNAL_SERVER_ERROR is not passed through: Apollo gives it to failures of context creation
 * and of plugins, with the raw cause as message (e.g. a database connection error).
 */
const knownCodes = new Set<string>(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
);

/**
 * A transaction that lost a race with a concurrent one, by PostgreSQL SQLSTATE or SQLite result
 * code. Nothing is wrong with the request: the same operation, run again, may well succeed.
 */
const RETRYABLE: Record<string, string> = {
  /** serialization_failure: SERIALIZABLE or REPEATABLE READ found a concurrent change. */
  '40001': 'The operation conflicted with a concurrent transaction',
  /** deadlock_detected: this transaction was chosen to break a deadlock. */
  '40P01': 'The operation deadlocked with a concurrent one',
  /** lock_not_available: lock_timeout expired, or NOWAIT found the row locked. */
  '55P03': 'A record was locked by a concurrent operation',
  /** busy_timeout expired while another connection held the write lock. */
  SQLITE_BUSY: 'The database was busy with a concurrent write',
  SQLITE_LOCKED: 'The database was busy with a concurrent write',
};

/** PostgreSQL exclusion_violation: e.g. a booking that overlaps another of the same room. */
const EXCLUSION_VIOLATION = '23P01';
/** PostgreSQL raise_exception: RAISE EXCEPTION without an ERRCODE, as our triggers do. */
const RAISE_EXCEPTION = 'P0001';
/**
 * SQLite's RAISE(ABORT, '...') in a trigger. The constraint failures SQLite reports with the same
 * code (unique, foreign key, check, not null) are converted to their own classes first.
 */
const SQLITE_CONSTRAINT = 'SQLITE_CONSTRAINT';

interface Mapped {
  code: ErrorCode;
  message: string;
  retryable?: true;
}

/**
 * The message a trigger raised, without what the drivers add around it: knex puts the failed SQL
 * and " - " before it, MikroORM's PostgreSQL converter appends "\n - detail: …" and
 * "\n - hint: …", and sqlite3 prefixes "SQLITE_CONSTRAINT: ". Our trigger messages are written in
 * migrations for clients to read, and contain neither " - " nor a line break.
 */
function triggerMessage(error: DriverException): string {
  const raised = error as DriverException & { detail?: string; hint?: string };
  let text = error.message;
  for (const [label, value] of [
    ['hint', raised.hint],
    ['detail', raised.detail],
  ]) {
    const suffix = `\n - ${label}: ${value}`;
    if (value && text.endsWith(suffix)) text = text.slice(0, -suffix.length);
  }
  const sqlite = text.lastIndexOf(`${SQLITE_CONSTRAINT}: `);
  if (sqlite >= 0) return text.slice(sqlite + SQLITE_CONSTRAINT.length + 2).trim();
  const separator = text.lastIndexOf(' - ');
  return (separator >= 0 ? text.slice(separator + 3) : text).trim();
}

function databaseCode(error: unknown): Mapped | null {
  if (error instanceof UniqueConstraintViolationException) {
    return {
      code: ErrorCode.CONFLICT,
      message: 'A record with the same unique value already exists',
    };
  }
  if (error instanceof ForeignKeyConstraintViolationException) {
    return {
      code: ErrorCode.BAD_USER_INPUT,
      message: 'A referenced record does not exist or is still in use',
    };
  }
  if (
    error instanceof CheckConstraintViolationException ||
    error instanceof NotNullConstraintViolationException
  ) {
    return {
      code: ErrorCode.BAD_USER_INPUT,
      message: 'A value breaks a constraint of the data model',
    };
  }
  if (!(error instanceof DriverException)) return null;
  // MikroORM makes 40001 and 40P01 a DeadlockException and SQLite's "database is locked" a
  // LockWaitTimeoutException; 55P03 stays a plain DriverException: the code decides.
  const race = error.code ? RETRYABLE[error.code] : undefined;
  if (race || error instanceof DeadlockException || error instanceof LockWaitTimeoutException) {
    return {
      code: ErrorCode.CONFLICT,
      message: `${race ?? 'The operation conflicted with a concurrent one'}; retry the operation`,
      retryable: true,
    };
  }
  if (error.code === EXCLUSION_VIOLATION) {
    return { code: ErrorCode.CONFLICT, message: 'The record overlaps or conflicts with another' };
  }
  if (error.code === RAISE_EXCEPTION || error.code === SQLITE_CONSTRAINT) {
    return { code: ErrorCode.CONFLICT, message: triggerMessage(error) };
  }
  return null;
}

/**
 * The dotted path of the first property class-validator refused, inside the argument it
 * validated: `key` for createProject(input: { key }), `tags.0` for an element of a list.
 */
function firstInvalidField(errors: unknown): string | undefined {
  if (!Array.isArray(errors) || !errors.length) return undefined;
  const path: string[] = [];
  let error = errors[0] as ValidationError | undefined;
  while (error) {
    path.push(error.property);
    error = error.constraints || !error.children?.length ? undefined : error.children[0];
  }
  return path.join('.') || undefined;
}

function httpStatusOf(error: GraphQLError): number | undefined {
  const http = error.extensions.http as { status?: unknown } | undefined;
  return typeof http?.status === 'number' ? http.status : undefined;
}

/**
 * The one place errors leave the server: known codes pass with their message, database
 * constraint violations become CONFLICT or BAD_USER_INPUT, a transaction that lost a race with a
 * concurrent one (deadlock, serialization failure, lock timeout, SQLite busy) a CONFLICT with
 * `retryable: true`, anything else is masked as INTERNAL_SERVER_ERROR with an id that is logged
 * beside the real error.
 */
export function createFormatError(logger: Logger, exposeStack: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    const { stacktrace, ...extensions } = formatted.extensions ?? {};
    const keepStack = exposeStack ? { stacktrace } : {};
    if (original instanceof GraphQLError && typeof code === 'string' && knownCodes.has(code)) {
      // class-validator failures (type-graphql's validationErrors) name their field like ours do.
      const field =
        extensions.field === undefined
          ? firstInvalidField(original.extensions.validationErrors)
          : undefined;
      return {
        ...formatted,
        extensions: { ...extensions, ...(field ? { field } : {}), ...keepStack },
      };
    }
    // Apollo's own request refusals (a persisted query's wrong hash or version) carry an HTTP
    // status and no code: they are the client's mistake, not a fault to mask.
    const status = original instanceof GraphQLError ? httpStatusOf(original) : undefined;
    if (status && status >= 400 && status < 500 && code === ErrorCode.INTERNAL_SERVER_ERROR) {
      return { ...formatted, extensions: { code: ErrorCode.BAD_REQUEST } };
    }
    const mapped = databaseCode(original);
    if (mapped) {
      // Not a fault, but worth watching: many of them mean contention to look into.
      if (mapped.retryable) logger.warn({ err: original, path: formatted.path }, mapped.message);
      return {
        message: mapped.message,
        path: formatted.path,
        extensions: {
          code: mapped.code,
          ...(mapped.retryable && { retryable: true }),
          ...keepStack,
        },
      };
    }
    const errorId = randomUUID();
    logger.error({ err: original, errorId, path: formatted.path }, 'unexpected error');
    return {
      message: `Internal server error (id ${errorId})`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId, ...keepStack },
    };
  };
}

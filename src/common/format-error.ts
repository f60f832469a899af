import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  CheckConstraintViolationException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
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

function constraintCode(error: unknown): { code: ErrorCode; message: string } | null {
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
  return null;
}

/**
 * The one place errors leave the server: known codes pass with their message, database
 * constraint violations become CONFLICT or BAD_USER_INPUT, anything else is masked as
 * INTERNAL_SERVER_ERROR with an id that is logged beside the real error.
 */
export function createFormatError(logger: Logger, exposeStack: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    const { stacktrace, ...extensions } = formatted.extensions ?? {};
    const keepStack = exposeStack ? { stacktrace } : {};
    if (original instanceof GraphQLError && typeof code === 'string' && knownCodes.has(code)) {
      return { ...formatted, extensions: { ...extensions, ...keepStack } };
    }
    const constraint = constraintCode(original);
    if (constraint) {
      return {
        message: constraint.message,
        path: formatted.path,
        extensions: { code: constraint.code, ...keepStack },
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

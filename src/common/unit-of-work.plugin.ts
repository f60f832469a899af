import type { ApolloServerPlugin } from '@apollo/server';
import { DriverException } from '@mikro-orm/core';
import type { GraphQLFormattedError } from 'graphql';
import type { Context } from '../context';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * An error straight from pg (a SQLSTATE and a severity) or sqlite3 (an SQLITE_ code), not yet
 * converted by MikroORM; a flush's errors are converted already.
 */
function isDriverError(error: unknown): error is Error {
  if (!(error instanceof Error) || error instanceof DriverException) return false;
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && (typeof severity === 'string' || code.startsWith('SQLITE_'));
}

/**
 * A mutation operation is one transaction: it begins before the first root field runs and
 * commits after the last one, only if none of them failed. On a rollback the response carries
 * no data (nothing may look committed that was not) and says so in `extensions.transaction`.
 */
export function unitOfWorkPlugin(formatError: FormatError): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ operation, contextValue }) {
          // No operation when operationName names none in the document (or is missing with
          // several): Apollo answers OPERATION_RESOLUTION_FAILURE after execution reports it.
          if (operation?.operation === 'mutation') await contextValue.em.begin();
        },
        async willSendResponse({ contextValue, errors, response }) {
          const { em } = contextValue;
          if (!em.isInTransaction() || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (errors?.length) {
            await em.rollback();
            result.data = null;
            result.extensions = { ...result.extensions, transaction: 'ROLLED_BACK' };
            return;
          }
          try {
            await em.commit();
            result.extensions = { ...result.extensions, transaction: 'COMMITTED' };
          } catch (caught) {
            if (em.isInTransaction()) await em.rollback();
            // COMMIT's own failure (a serialization failure, a deferred constraint or trigger)
            // comes from the driver unconverted: give it MikroORM's class, like a statement's.
            const error = isDriverError(caught) ? em.getDriver().convertException(caught) : caught;
            result.data = null;
            result.errors = [formatError({ message: (error as Error).message }, error)];
            result.extensions = { ...result.extensions, transaction: 'ROLLED_BACK' };
          }
        },
      };
    },
  };
}

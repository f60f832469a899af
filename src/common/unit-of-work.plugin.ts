import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Context } from '../context';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

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
          if (operation.operation === 'mutation') await contextValue.em.begin();
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
          } catch (error) {
            if (em.isInTransaction()) await em.rollback();
            result.data = null;
            result.errors = [formatError({ message: (error as Error).message }, error)];
            result.extensions = { ...result.extensions, transaction: 'ROLLED_BACK' };
          }
        },
      };
    },
  };
}

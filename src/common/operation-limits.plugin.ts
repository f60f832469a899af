import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Context } from '../context';
import { fragmentsOf } from './depth-limit';
import { ErrorCode } from './errors';
import { checkInputStrings } from './input-strings';
import { operationCost, type CostSettings } from './query-cost';

/**
 * What is checked once the operation and its variables are known, before anything runs: string
 * inputs a database cannot store, an operation type the schema lacks (subscriptions), and the
 * operation's cost (`query-cost.ts`) against
 * `maxCost`. Both refusals are HTTP 400 with a code; a plugin error without a status is a 500.
 */
export function operationLimitsPlugin(
  maxCost: number,
  settings: CostSettings,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          checkInputStrings(document, request.variables);
          if (!operation) return;
          if (!schema.getRootType(operation.operation)) {
            // graphql 16 leaves this to execution, which fails it as a plain (masked) error.
            throw new GraphQLError(`This server has no ${operation.operation} operations`, {
              extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, http: { status: 400 } },
            });
          }
          const cost = operationCost(
            schema,
            operation,
            fragmentsOf(document),
            request.variables ?? {},
            settings,
          );
          if (cost > maxCost) {
            throw new GraphQLError(
              `The operation costs ${cost}; at most ${maxCost} is accepted (MAX_QUERY_COST). Ask for smaller pages or fewer nested lists`,
              {
                extensions: {
                  code: ErrorCode.QUERY_TOO_COMPLEX,
                  cost,
                  maxCost,
                  http: { status: 400 },
                },
              },
            );
          }
        },
      };
    },
  };
}

import type { ApolloServerOptions } from '@apollo/server';
import {
  execute,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Logger } from '../logger';
import { expandedFieldCount } from './depth-limit';

type Gateway = NonNullable<ApolloServerOptions<object>['gateway']>;
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type Run = CompiledQuery['query'];

/**
 * Compiling costs about 10 ms per hundred field selections, in one synchronous stretch (measured:
 * 1.7 s for 17,000), once per document; graphql-js runs a larger document (up to the depth
 * rule's 10,000 selections) without that pause, so no member can stall the event loop by sending
 * ever new large documents. The board operation has about 40 selections.
 */
export const COMPILE_BUDGET = 500;

/** True when the executor compiles `document` (a validated one) rather than interpreting it. */
export function worthCompiling(document: DocumentNode): boolean {
  return expandedFieldCount(document) <= COMPILE_BUDGET;
}

/**
 * graphql-jit's errors look like graphql-js's but lack `extensions` unless the thrown error had
 * some, which Apollo's error formatting reads unguarded: they are rebuilt as graphql-js errors.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
  (rebuilt as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}

/**
 * Executes operations with graphql-jit: each (document, operation) is compiled once into a
 * JavaScript function that resolves the whole selection without graphql-js's per-field
 * bookkeeping, and is reused while Apollo's document cache keeps the parsed document (the
 * compiled form is held weakly by it, so it is bounded like that cache). The same schema
 * resolvers run (every relation still goes through its DataLoader); an operation graphql-jit
 * cannot compile, or one past COMPILE_BUDGET, runs on graphql-js.
 */
export function compiledExecutor(schema: GraphQLSchema, logger: Logger): Executor {
  const compiled = new WeakMap<DocumentNode, Map<string, Run>>();
  const interpreted: Run = () => {
    throw new Error('unreachable');
  };

  const compileOrNot = (document: DocumentNode, operationName: string | undefined): Run => {
    try {
      const result = compileQuery(schema, document, operationName, {
        disablingCapturingStackErrors: true,
      });
      if (isCompiledQuery(result)) return result.query.bind(result);
      logger.warn({ errors: result.errors }, 'graphql-jit cannot compile an operation');
    } catch (error) {
      logger.warn({ err: error }, 'graphql-jit failed to compile an operation');
    }
    return interpreted;
  };

  const compile = (document: DocumentNode, operationName: string | undefined): Run => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let run = byName.get(key);
    if (!run) {
      run = worthCompiling(document) ? compileOrNot(document, operationName) : interpreted;
      byName.set(key, run);
    }
    return run;
  };

  const interpret: Executor = async ({ document, operationName, request, context }) =>
    (await execute({
      schema,
      document,
      operationName,
      contextValue: context,
      variableValues: request.variables,
    })) as ExecutionResult;

  return async (requestContext) => {
    const { document, operationName, request, context } = requestContext;
    // No operation resolved: operationName names none in the document, or is missing with
    // several. Apollo then passes operationName null, which would run a lone operation anyway;
    // graphql-js, given the name the client sent, reports the error Apollo answers with 400
    // OPERATION_RESOLUTION_FAILURE. Nothing is compiled or cached for a made-up name.
    if (!requestContext.operation) {
      return interpret({ ...requestContext, operationName: request.operationName ?? null });
    }
    const run = compile(document, operationName ?? undefined);
    if (run === interpreted) return interpret(requestContext);
    const result = await run(undefined, context, request.variables ?? {});
    // Variables that do not coerce: nothing ran, and graphql-js words the errors the way
    // Apollo recognizes as BAD_USER_INPUT (a 400).
    if (result.data === undefined && result.errors) return interpret(requestContext);
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
}

/** Apollo Server's hook for another executor: a gateway that serves one fixed schema. */
export function compiledGateway(schema: GraphQLSchema, logger: Logger): Gateway {
  return {
    async load() {
      return { executor: compiledExecutor(schema, logger) };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}

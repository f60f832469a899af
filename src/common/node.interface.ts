import { assertInterfaceType, type GraphQLSchema } from 'graphql';
import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * The GraphQL type of a row handed out as a `Node`. Loaders answer plain rows, not class
 * instances, so `instanceof` cannot tell a Task from a Todo: the node resolver tags a copy of
 * each row with its type name under this symbol (not enumerable, so nothing else sees it).
 */
const NODE_TYPE = Symbol('portico.nodeType');

/** A copy of `row` that the Node interface resolves to the object type `typeName`. */
export function asNode<T extends object>(row: T, typeName: string): T {
  const copy = { ...row };
  Object.defineProperty(copy, NODE_TYPE, { value: typeName, enumerable: false });
  return copy;
}

/** The type name `asNode` gave a value, if any. */
export function nodeTypeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const type = (value as { [NODE_TYPE]?: unknown })[NODE_TYPE];
  return typeof type === 'string' ? type : undefined;
}

@InterfaceType({
  description:
    'An object with an id. Ids are unique across all types, so `node(id)` and `nodes(ids)` refetch any of them.',
  resolveType: (value) => nodeTypeOf(value),
})
export abstract class Node {
  @Field(() => ID)
  id!: string;
}

/**
 * type-graphql wraps an interface's `resolveType` in an async function; graphql-jit (see
 * compiled-executor.ts) needs the type name at once, which `nodeTypeOf` has.
 */
export function resolveNodeTypesAtOnce(schema: GraphQLSchema): void {
  assertInterfaceType(schema.getType(Node.name)).resolveType = (value) => nodeTypeOf(value);
}

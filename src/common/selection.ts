import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

function collect(
  set: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  into: (name: string, child: SelectionSetNode | undefined) => void,
): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) into(selection.name.value, selection.selectionSet);
    else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, info, into);
    else collect(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
}

/**
 * The fields a client selects on the nodes of a connection field, through `nodes { … }` and
 * `edges { node { … } }`, fragments included (a field under @skip counts as selected). Loaders
 * read only the columns these need.
 */
export function connectionNodeFields(info: GraphQLResolveInfo): Set<string> {
  const fields = new Set<string>();
  const take = (name: string) => fields.add(name);
  for (const node of info.fieldNodes) {
    collect(node.selectionSet, info, (name, child) => {
      if (name === 'nodes') collect(child, info, take);
      if (name === 'edges') {
        collect(child, info, (edgeField, edgeChild) => {
          if (edgeField === 'node') collect(edgeChild, info, take);
        });
      }
    });
  }
  return fields;
}

/** The fields a client selects directly on the objects of a field (a list such as `todos`). */
export function objectFields(info: GraphQLResolveInfo): Set<string> {
  const fields = new Set<string>();
  for (const node of info.fieldNodes) collect(node.selectionSet, info, (name) => fields.add(name));
  return fields;
}

const perFieldNode = new WeakMap<readonly FieldNode[], Map<string, unknown>>();

/**
 * Work that depends only on where a field sits in the operation (its selection, the columns it
 * needs, its loader key) is done once per field node rather than once per parent: a compiled
 * operation hands every parent the same `fieldNodes`. Different `tag`s keep different results.
 * A lookup and a store, not a callback: resolvers of every list item call it, and a closure per
 * call is garbage.
 */
export function fieldNodeCached<T>(info: GraphQLResolveInfo, tag: string): T | undefined {
  return perFieldNode.get(info.fieldNodes)?.get(tag) as T | undefined;
}

export function cacheForFieldNode<T>(info: GraphQLResolveInfo, tag: string, value: T): T {
  let cache = perFieldNode.get(info.fieldNodes);
  if (!cache) perFieldNode.set(info.fieldNodes, (cache = new Map()));
  cache.set(tag, value);
  return value;
}

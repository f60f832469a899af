import {
  getNamedType,
  getNullableType,
  isListType,
  isUnionType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface CostSettings {
  /** The page size a connection field costs when neither `first` nor `last` is given. */
  defaultPageSize: number;
  /** What a list without page arguments or a bound of its own is taken to hold. */
  listSize: number;
  /** Lists with a bound of their own, by schema coordinate (`Query.taskTree`). */
  listSizes: Readonly<Record<string, number>>;
}

type Variables = Readonly<Record<string, unknown>>;

function argumentValue(field: FieldNode, name: string, variables: Variables): unknown {
  const argument = field.arguments?.find((arg) => arg.name.value === name);
  return argument ? valueFromASTUntyped(argument.value, variables) : undefined;
}

/**
 * How many items a field stands for: a connection its page size (`first`, else `last`, else the
 * default), a list the length of its list argument (`nodes(ids)`) or its declared bound.
 */
function multiplier(
  parent: GraphQLCompositeType,
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Variables,
  settings: CostSettings,
): number {
  const args = definition.args.map((arg) => arg.name);
  if (args.includes('first') || args.includes('last')) {
    const size = argumentValue(node, 'first', variables) ?? argumentValue(node, 'last', variables);
    return typeof size === 'number' && size >= 0 ? size : settings.defaultPageSize;
  }
  if (!isListType(getNullableType(definition.type))) return 1;
  // A connection's `nodes` and `edges` are the page its field already paid for.
  if (parent.name.endsWith('Connection')) return 1;
  const declared = settings.listSizes[`${parent.name}.${definition.name}`];
  if (declared !== undefined) return declared;
  for (const arg of definition.args) {
    if (!isListType(getNullableType(arg.type))) continue;
    const value = argumentValue(node, arg.name, variables);
    if (Array.isArray(value)) return value.length;
  }
  return settings.listSize;
}

/**
 * The cost of an operation before it runs: every field counts one, and what a field selects
 * counts once per item it may return, so nested pages multiply (`projects(first: 100)` over
 * `rootTasks(first: 100)` over `subtasks(first: 100)` costs about a million). Abstract types
 * count every fragment on them; introspection fields count nothing (MaxIntrospectionDepthRule
 * bounds them). Each fragment is costed once however often it is spread, so the walk is linear
 * in the document. For a validated document only.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Variables,
  settings: CostSettings,
): number {
  const fragmentCosts = new Map<string, number>();

  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType)
          : parent;
        total += selectionCost(selection.selectionSet, type);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        total += fragmentCost(selection.name.value);
      } else if (!selection.name.value.startsWith('__')) {
        total += fieldCost(selection, parent);
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType): number => {
    const definition = isUnionType(parent) ? undefined : parent.getFields()[node.name.value];
    if (!definition || !node.selectionSet) return 1;
    const type = getNamedType(definition.type) as GraphQLCompositeType;
    const items = multiplier(parent, definition, node, variables, settings);
    return 1 + items * selectionCost(node.selectionSet, type);
  };

  const fragmentCost = (name: string): number => {
    let cost = fragmentCosts.get(name);
    if (cost === undefined) {
      const fragment = fragments.get(name)!;
      const type = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
      cost = selectionCost(fragment.selectionSet, type);
      fragmentCosts.set(name, cost);
    }
    return cost;
  };

  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return root ? selectionCost(operation.selectionSet, root) : 0;
}

import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';

/** Fragment spreads inside a selection set, at any depth. */
function spreadsOf(selectionSet: SelectionSetNode, into: string[] = []): string[] {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) into.push(selection.name.value);
    else if (selection.selectionSet) spreadsOf(selection.selectionSet, into);
  }
  return into;
}

/** True when every spread names a defined fragment and no fragment reaches itself. */
function fragmentsAreSound(
  document: DocumentNode,
  fragments: Map<string, FragmentDefinitionNode>,
): boolean {
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (name: string): boolean => {
    if (done.has(name)) return true;
    const fragment = fragments.get(name);
    if (!fragment || visiting.has(name)) return false;
    visiting.add(name);
    const sound = spreadsOf(fragment.selectionSet).every(visit);
    visiting.delete(name);
    done.add(name);
    return sound;
  };
  return document.definitions.every(
    (definition) =>
      (definition.kind !== Kind.OPERATION_DEFINITION &&
        definition.kind !== Kind.FRAGMENT_DEFINITION) ||
      spreadsOf(definition.selectionSet).every(visit),
  );
}

/**
 * The deepest field level under a selection set (its own fields are level 0), counted as
 * graphql-depth-limit counts: fragments add no level, `__*` fields are not looked into.
 * Each fragment is measured once, so repeated spreads cost nothing.
 */
function levelsBelow(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  memo: Map<string, number>,
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let level = 0;
    if (selection.kind === Kind.FIELD) {
      if (selection.selectionSet && !selection.name.value.startsWith('__'))
        level = 1 + levelsBelow(selection.selectionSet, fragments, memo);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      level = levelsBelow(selection.selectionSet, fragments, memo);
    } else {
      const name = selection.name.value;
      if (!memo.has(name))
        memo.set(name, levelsBelow(fragments.get(name)!.selectionSet, fragments, memo));
      level = memo.get(name)!;
    }
    deepest = Math.max(deepest, level);
  }
  return deepest;
}

/**
 * Refuses operations nested deeper than `maxDepth` (the limit graphql-depth-limit 1.1.0 applies:
 * fields at level `maxDepth` + 1 or below, counted from 0 at the root).
 *
 * That package is not used: it walks the document as soon as the rule is created, so an unknown
 * fragment or a fragment cycle crashes it (a 500), and it expands every fragment spread again,
 * so a 1 kB document of fragments that each spread the next one three times takes it minutes.
 * Unknown fragments and cycles are left to graphql's own KnownFragmentNames and
 * NoFragmentCycles rules (a 400); introspection depth to MaxIntrospectionDepthRule.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context) => {
    const document = context.getDocument();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        fragments.set(definition.name.value, definition);
    }
    if (!fragmentsAreSound(document, fragments)) return {};
    const memo = new Map<string, number>();
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      if (levelsBelow(definition.selectionSet, fragments, memo) > maxDepth) {
        const name = definition.name?.value ?? '';
        context.reportError(
          new GraphQLError(`'${name}' exceeds maximum operation depth of ${maxDepth}`, {
            nodes: [definition],
          }),
        );
      }
    }
    return {};
  };
}

import depthLimit from 'graphql-depth-limit';
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
 * The field selections a selection set stands for once every fragment spread is expanded, with
 * each fragment measured once: the work graphql-depth-limit will do walking it.
 */
function expandedFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  memo: Map<string, number>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total +=
        1 + (selection.selectionSet ? expandedFields(selection.selectionSet, fragments, memo) : 0);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += expandedFields(selection.selectionSet, fragments, memo);
    } else {
      const name = selection.name.value;
      if (!memo.has(name))
        memo.set(name, expandedFields(fragments.get(name)!.selectionSet, fragments, memo));
      total += memo.get(name)!;
    }
  }
  return total;
}

/**
 * graphql-depth-limit refuses operations nested deeper than `maxDepth`. It is wrapped because it
 * walks the document as soon as the rule is created: an unknown fragment or a fragment cycle
 * crashes it (a 500), and it expands every fragment spread again, so a 1 kB document of
 * fragments that each spread the next three times would block the event loop for minutes.
 * Unknown fragments and cycles are left to graphql's own KnownFragmentNames and
 * NoFragmentCycles rules (a 400), a document that expands past `maxExpandedFields` is refused
 * before the walk, and introspection depth is graphql's MaxIntrospectionDepthRule's.
 */
/** Fragment definitions by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * The field selections a document's operations stand for once every fragment is expanded. Only
 * for a document whose fragments are all defined and free of cycles (a validated one).
 */
export function expandedFieldCount(
  document: DocumentNode,
  fragments: Map<string, FragmentDefinitionNode> = fragmentsOf(document),
): number {
  const memo = new Map<string, number>();
  return document.definitions.reduce(
    (sum, definition) =>
      definition.kind === Kind.OPERATION_DEFINITION
        ? sum + expandedFields(definition.selectionSet, fragments, memo)
        : sum,
    0,
  );
}

export function depthLimitRule(maxDepth: number, maxExpandedFields = 10_000): ValidationRule {
  const rule = depthLimit(maxDepth);
  return (context) => {
    const document = context.getDocument();
    const fragments = fragmentsOf(document);
    if (!fragmentsAreSound(document, fragments)) return {};
    const size = expandedFieldCount(document, fragments);
    if (size > maxExpandedFields) {
      context.reportError(
        new GraphQLError(
          `The operation expands to ${size} field selections through its fragments; at most ${maxExpandedFields} are accepted`,
        ),
      );
      return {};
    }
    return rule(context);
  };
}

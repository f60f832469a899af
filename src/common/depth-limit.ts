import depthLimit from 'graphql-depth-limit';
import {
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
function fragmentsAreSound(document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
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
 * graphql-depth-limit walks the document as soon as the rule is created, so an unknown fragment
 * or a fragment cycle crashes it (a 500). Such documents are left to graphql's own
 * KnownFragmentNames and NoFragmentCycles rules, which answer with a 400.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  const rule = depthLimit(maxDepth);
  return (context) => (fragmentsAreSound(context.getDocument()) ? rule(context) : {});
}

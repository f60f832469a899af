import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { ErrorCode } from './errors';

/**
 * A NUL, which PostgreSQL cannot store in text (the statement fails), or a lone UTF-16 surrogate,
 * which no database stores as sent (it comes back as U+FFFD): refused rather than mangled.
 */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function refusal(where: string): GraphQLError {
  return new GraphQLError(
    `${where} contains a NUL character or an unpaired surrogate, which cannot be stored`,
    { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } },
  );
}

const literalsChecked = new WeakMap<DocumentNode, boolean>();

/** True when a string literal of the document is unstorable; remembered per parsed document. */
function documentHasUnstorable(document: DocumentNode): boolean {
  let found = literalsChecked.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      [Kind.STRING]: (node) => {
        if (UNSTORABLE.test(node.value)) found = true;
      },
    });
    literalsChecked.set(document, found);
  }
  return found;
}

/** True when any string in a JSON value (keys included) is unstorable; iterative, for any depth. */
function valueHasUnstorable(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (UNSTORABLE.test(key)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/** Refuses a request whose string literals or variables hold what no database stores as sent. */
export function checkInputStrings(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): void {
  if (documentHasUnstorable(document)) throw refusal('A string in the document');
  for (const [name, value] of Object.entries(variables ?? {})) {
    if (valueHasUnstorable(value)) throw refusal(`The variable $${name}`);
  }
}

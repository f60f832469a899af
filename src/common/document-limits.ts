import { GraphQLError, type ValidationRule } from 'graphql';

/** A refusal that names the limit (its environment variable) and its value, for clients to read. */
function limitError(message: string, limit: string, max: number, actual: number): GraphQLError {
  return new GraphQLError(message, { extensions: { limit, max, actual } });
}

/**
 * At most `max` aliased fields in a document, counted as written: aliases are how one request
 * asks for the same expensive field thousands of times, and no client needs more than a few.
 */
export function aliasLimitRule(max: number): ValidationRule {
  return (context) => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      Document: {
        leave() {
          if (aliases > max) {
            context.reportError(
              limitError(
                `The document has ${aliases} aliases; at most ${max} are accepted (MAX_ALIASES)`,
                'MAX_ALIASES',
                max,
                aliases,
              ),
            );
          }
        },
      },
    };
  };
}

/**
 * At most `max` directives on one field, fragment or operation: graphql's own rules look at every
 * directive of a location against the others, so thousands on one field cost time for nothing.
 */
export function directiveLimitRule(max: number): ValidationRule {
  return (context) => {
    let reported = false;
    const check = (node: { directives?: readonly unknown[] }) => {
      const count = node.directives?.length ?? 0;
      if (count <= max || reported) return;
      reported = true;
      context.reportError(
        limitError(
          `A selection has ${count} directives; at most ${max} are accepted on one (MAX_DIRECTIVES)`,
          'MAX_DIRECTIVES',
          max,
          count,
        ),
      );
    };
    return {
      Field: check,
      FragmentSpread: check,
      InlineFragment: check,
      OperationDefinition: check,
      FragmentDefinition: check,
    };
  };
}

// The @types package pulls in graphql 14; this is all Portico uses.
declare module 'graphql-depth-limit' {
  import type { ValidationRule } from 'graphql';

  function depthLimit(maxDepth: number): ValidationRule;
  export = depthLimit;
}

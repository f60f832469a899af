import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import { unauthenticatedError } from './errors';

/**
 * Deny by default: every root Query and Mutation field needs a signed-in user unless it is
 * named in `publicFields`, so a new operation cannot be left open by forgetting a decorator.
 * It wraps only root fields: one check per operation field, none per nested field.
 */
export function requireSignIn(schema: GraphQLSchema, publicFields: ReadonlySet<string>): void {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (publicFields.has(field.name)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx: Context, info) => {
        if (!ctx.user) throw unauthenticatedError();
        return resolve(source, args, ctx, info);
      };
    }
  }
}

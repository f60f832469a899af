/**
 * The type of a field resolver's `@Root()`. type-graphql turns a root whose parameter type it can
 * reflect into a new instance of that class (running the entity's constructor: a UUID, dates)
 * unless it already is one; loaders hand out plain rows, so resolvers declare this alias, which
 * reflects as Object and passes the row through as it is.
 */
export type Row<T> = { readonly [K in keyof T]: T[K] };

import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type FieldResolverMetadata = ReturnType<typeof getMetadataStorage>['fieldResolvers'][number];
type ParamMetadata = NonNullable<FieldResolverMetadata['params']>[number];
type Param = (root: unknown, args: Record<string, unknown>, ctx: unknown, info: unknown) => unknown;
type ClassType = new () => object;

/** The classes of input types: args holding one need type-graphql's conversion. */
function inputClasses(): Set<unknown> {
  return new Set(getMetadataStorage().inputTypes.map((input) => input.target));
}

/** How to pass one parameter without type-graphql, or null when only type-graphql can. */
function directParam(param: ParamMetadata, inputs: Set<unknown>): Param | null {
  switch (param.kind) {
    case 'root':
      // A root typed as a class would be converted to an instance of it; rows stay plain.
      return !param.propertyName && (!param.getType || param.getType() === Object)
        ? (root) => root
        : null;
    case 'context':
      return param.propertyName ? null : (_root, _args, ctx) => ctx;
    case 'info':
      return (_root, _args, _ctx, info) => info;
    case 'args': {
      if (param.validateSettings !== false || param.validateFn) return null;
      const type = param.getType() as ClassType;
      const fields = getMetadataStorage().argumentTypes.find(
        (args) => args.target === type,
      )?.fields;
      if (!fields || fields.some((field) => inputs.has(field.getType()))) return null;
      return (_root, args) =>
        Object.assign(Object.create(type.prototype as object) as object, args);
    }
    default:
      return null;
  }
}

/**
 * type-graphql calls each field resolver through its own plumbing: a resolver-data object,
 * the parameters re-sorted and mapped into a new array, every `@Args` converted and passed
 * through an async validation step, and a `Promise.all` over them; on a board that is ~850
 * calls per request. A field resolver that needs none of it (no middleware, no roles, only
 * `@Root`, `@Ctx`, `@Info` and unvalidated scalar `@Args`) is called here directly with the same
 * arguments, and so is a getter of an object type (a connection's `nodes`). Answers the fields
 * it rewired, as `Type.field`.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema): string[] {
  const storage = getMetadataStorage();
  const inputs = inputClasses();
  const instances = new Map<ClassType, object>();
  const instanceOf = (target: ClassType) => {
    if (!instances.has(target)) instances.set(target, new target());
    return instances.get(target)!;
  };
  const rewired: string[] = [];
  for (const meta of storage.fieldResolvers) {
    if (meta.roles?.length || meta.middlewares?.length) continue;
    const params = [...(meta.params ?? [])]
      .sort((a, b) => a.index - b.index)
      .map((param) => directParam(param, inputs));
    if (params.some((param) => param === null)) continue;
    const owner = meta.kind === 'internal' ? meta.target : meta.getObjectType?.();
    // An internal resolver (a getter or method of the object type itself, such as a
    // connection's `nodes`) also serves every type that extends its class.
    const types = storage.objectTypes.filter(
      (type) =>
        type.target === owner ||
        (meta.kind === 'internal' && Object.prototype.isPrototypeOf.call(owner, type.target)),
    );
    for (const { name } of types) {
      const type = schema.getType(name);
      const field = isObjectType(type) ? type.getFields()[meta.schemaName] : undefined;
      if (!field) continue;
      field.resolve =
        meta.kind === 'internal'
          ? memberResolver(meta.methodName, params as Param[])
          : directResolver(
              instanceOf(meta.target as ClassType),
              meta.methodName,
              params as Param[],
            );
      rewired.push(`${name}.${field.name}`);
    }
  }
  return rewired;
}

function memberResolver(name: string, params: Param[]): GraphQLFieldResolver<unknown, unknown> {
  return (root, args, ctx, info) => {
    const member = (root as Record<string, unknown>)[name];
    return typeof member === 'function'
      ? (member as (...args: unknown[]) => unknown).apply(
          root,
          params.map((param) => param(root, args, ctx, info)),
        )
      : member;
  };
}

function directResolver(
  instance: object,
  methodName: string,
  params: Param[],
): GraphQLFieldResolver<unknown, unknown> {
  const method = (instance as Record<string, (...args: unknown[]) => unknown>)[methodName];
  const [a, b, c, d] = params;
  // Unrolled for the usual arities: no array per call.
  switch (params.length) {
    case 2:
      return (root, args, ctx, info) =>
        method.call(instance, a(root, args, ctx, info), b(root, args, ctx, info));
    case 3:
      return (root, args, ctx, info) =>
        method.call(
          instance,
          a(root, args, ctx, info),
          b(root, args, ctx, info),
          c(root, args, ctx, info),
        );
    case 4:
      return (root, args, ctx, info) =>
        method.call(
          instance,
          a(root, args, ctx, info),
          b(root, args, ctx, info),
          c(root, args, ctx, info),
          d(root, args, ctx, info),
        );
    default:
      return (root, args, ctx, info) =>
        method.apply(
          instance,
          params.map((param) => param(root, args, ctx, info)),
        );
  }
}

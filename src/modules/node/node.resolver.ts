import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { userInputError } from '../../common/errors';
import { asNode, Node } from '../../common/node.interface';
import type { Context } from '../../context';
import { nodeLoaders } from './node.loaders';
import { NODE_TYPE_BY_NAME } from './node.registry';

/** The object an id names, tagged with its type, or null when it names nothing the caller may read. */
async function loadNode(ctx: Context, id: string): Promise<Node | null> {
  const typeName = await nodeLoaders.typeOf(ctx).load(id);
  const type = typeName ? NODE_TYPE_BY_NAME.get(typeName) : undefined;
  if (!type) return null;
  const row = await type.byId(ctx).load(id);
  return row ? asNode(row as Node, type.name) : null;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its id, or null when the id names nothing you may read.',
  })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    return loadNode(ctx, id);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description:
      'Objects by id, in the order given: null for each id that names nothing you may read. At most MAX_PAGE_SIZE ids.',
  })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context): Promise<(Node | null)[]> {
    const max = ctx.config.maxPageSize;
    if (ids.length > max) {
      throw userInputError(`nodes takes at most ${max} ids`, { field: 'ids', limit: max });
    }
    return Promise.all(ids.map((id) => loadNode(ctx, id)));
  }
}

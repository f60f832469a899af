import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { NAME_ORDER } from '../../common/keyset';
import { listPage } from '../../common/list';
import { PageArgs } from '../../common/page.args';
import type { Row } from '../../common/row.type';
import type { Context } from '../../context';
import { documentLoaders } from './document.loaders';
import { TagConnection } from './document.types';
import { Tag } from './tag.entity';

@Resolver(() => Tag)
export class TagResolver {
  @Query(() => TagConnection, {
    description: "Every tag, by name (list a tag's documents with documents(filter: { tag })).",
  })
  async tags(
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TagConnection> {
    return new TagConnection(await listPage(ctx, { entity: Tag, order: NAME_ORDER }, args, info));
  }

  @FieldResolver(() => Int, { description: 'Documents carrying the tag (deleted ones included).' })
  documentCount(@Root() tag: Row<Tag>, @Ctx() ctx: Context): Promise<number> {
    return documentLoaders.tagDocumentCount(ctx).load(tag.id);
  }
}

import { Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Row } from '../../common/row.type';
import type { Context } from '../../context';
import { documentLoaders } from './document.loaders';
import { Tag } from './tag.entity';

@Resolver(() => Tag)
export class TagResolver {
  @Query(() => [Tag], {
    description: "Every tag, by name (list a tag's documents with documents(filter: { tag })).",
  })
  tags(@Ctx() ctx: Context): Promise<Tag[]> {
    return ctx.em.find(Tag, {}, { orderBy: { name: 'asc' } });
  }

  @FieldResolver(() => Int, { description: 'Documents carrying the tag (deleted ones included).' })
  documentCount(@Root() tag: Row<Tag>, @Ctx() ctx: Context): Promise<number> {
    return documentLoaders.tagDocumentCount(ctx).load(tag.id);
  }
}

import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Info,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Row } from '../../common/row.type';
import { Role } from '../user/role.enum';
import type { Context } from '../../context';
import { PageArgs } from '../../common/page.args';
import { NAME_ORDER } from '../../common/keyset';
import { listPage } from '../../common/list';
import { Category } from './category.entity';
import { CreateCategoryInput } from './document.inputs';
import { categoryDocumentList } from './document.loaders';
import * as documents from './document.service';
import { CategoryConnection, DocumentConnection } from './document.types';

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => CategoryConnection, { description: 'Every category, by name.' })
  async categories(
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CategoryConnection> {
    return new CategoryConnection(
      await listPage(ctx, { entity: Category, order: NAME_ORDER }, args, info),
    );
  }

  @FieldResolver(() => DocumentConnection, { description: 'Live documents, oldest first.' })
  async documents(
    @Root() category: Row<Category>,
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DocumentConnection> {
    return new DocumentConnection(
      await categoryDocumentList.connection(ctx, category.id, args, { info }),
    );
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Category, { description: 'Admins only.' })
  createCategory(@Arg('input') input: CreateCategoryInput, @Ctx() ctx: Context): Promise<Category> {
    return documents.createCategory(ctx, input.name, input.description);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean, { description: 'Its documents stay, without a category. Admins only.' })
  deleteCategory(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return documents.deleteCategory(ctx, id);
  }
}

import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Row } from '../../common/row.type';
import type { Context } from '../../context';
import { childConnection } from '../../common/find-page';
import { PageArgs } from '../../common/page.args';
import { pageRequest } from '../../common/page';
import { Project } from '../project/project.entity';
import { ID_ORDER, documentLoaders } from './document.loaders';
import { DocumentConnection } from './document.types';

/** Adds `Project.documents` from this module; type-graphql merges it into the Project type. */
@Resolver(() => Project)
export class ProjectDocumentsResolver {
  @FieldResolver(() => DocumentConnection, { description: 'Live documents, oldest first.' })
  async documents(
    @Root() project: Row<Project>,
    @Args() args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<DocumentConnection> {
    const page = pageRequest(args, ctx.config, ID_ORDER.length);
    const pages = documentLoaders.byParent(ctx, 'project_id', page);
    const counts = documentLoaders.countByParent(ctx, 'project_id');
    return new DocumentConnection(await childConnection(page, ID_ORDER, pages, counts, project.id));
  }
}

import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Row } from '../../common/row.type';
import type { Context } from '../../context';
import { PageArgs } from '../../common/page.args';
import { ID_ORDER, pageRequest } from '../../common/page';
import { Project } from '../project/project.entity';
import { documentsUnder } from './document.loaders';
import { DocumentConnection } from './document.types';

/** Adds `Project.documents` from this module; type-graphql merges it into the Project type. */
@Resolver(() => Project)
export class ProjectDocumentsResolver {
  @FieldResolver(() => DocumentConnection, { description: 'Live documents, oldest first.' })
  async documents(
    @Root() project: Row<Project>,
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<DocumentConnection> {
    const page = pageRequest(args, ctx.config, ID_ORDER.length);
    return new DocumentConnection(await documentsUnder(ctx, 'project_id', page, project.id));
  }
}

import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/page.args';
import type { Row } from '../../common/row.type';
import type { Context } from '../../context';
import { Project } from '../project/project.entity';
import { projectDocumentList } from './document.loaders';
import { DocumentConnection } from './document.types';

/** Adds `Project.documents` from this module; type-graphql merges it into the Project type. */
@Resolver(() => Project)
export class ProjectDocumentsResolver {
  @FieldResolver(() => DocumentConnection, { description: 'Live documents, oldest first.' })
  async documents(
    @Root() project: Row<Project>,
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DocumentConnection> {
    return new DocumentConnection(
      await projectDocumentList.connection(ctx, project.id, args, { info }),
    );
  }
}

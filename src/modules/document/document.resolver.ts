import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Row } from '../../common/row.type';
import type { Context } from '../../context';
import { listPage } from '../../common/list';
import { PageArgs } from '../../common/page.args';
import { Project } from '../project/project.entity';
import { projectLoaders } from '../project/project.loaders';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import { Category } from './category.entity';
import { DocumentRevision } from './document-revision.entity';
import { documentSortKeys, documentWhere } from './document-list';
import { Document } from './document.entity';
import {
  DiffRevisionsArgs,
  DocumentsArgs,
  RestoreRevisionArgs,
  UpdateDocumentArgs,
} from './document.args';
import { CreateDocumentInput } from './document.inputs';
import { documentLoaders, revisionKey, revisionList } from './document.loaders';
import * as documents from './document.service';
import {
  DocumentConnection,
  DocumentRevisionConnection,
  RevisionComparison,
} from './document.types';
import { Tag } from './tag.entity';

@Resolver(() => Document)
export class DocumentResolver {
  @Query(() => Document, { nullable: true, description: 'One live document by id, or null.' })
  async document(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Document | null> {
    const found = await documentLoaders.byId(ctx).load(id);
    return found && !found.deletedAt ? found : null;
  }

  @Query(() => Document, { nullable: true, description: 'One live document by slug, or null.' })
  documentBySlug(@Arg('slug') slug: string, @Ctx() ctx: Context): Promise<Document | null> {
    return documentLoaders.bySlug(ctx).load(slug);
  }

  @Query(() => DocumentConnection, {
    description: 'Documents, filtered (newest first by default).',
  })
  async documents(
    @Args() { filter, orderBy, ...args }: DocumentsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DocumentConnection> {
    const query = {
      entity: Document,
      order: documentSortKeys(orderBy),
      where: documentWhere(ctx, filter),
    };
    return new DocumentConnection(await listPage(ctx, query, args, info));
  }

  @Query(() => RevisionComparison, {
    description:
      'The unified diff between two revisions (NOT_FOUND for a revision that does not exist). Its cost is bounded: a change over DOCUMENT_DIFF_MAX_EDIT_LENGTH lines is answered with a coarse but exact diff and `minimal: false`.',
  })
  diffRevisions(
    @Args() { documentId, from, to }: DiffRevisionsArgs,
    @Ctx() ctx: Context,
  ): Promise<RevisionComparison> {
    return documents.compareRevisions(ctx, documentId, from, to);
  }

  @FieldResolver(() => String, { description: 'The current text (decompressed on demand).' })
  async content(@Root() document: Row<Document>, @Ctx() ctx: Context): Promise<string> {
    return (await documentLoaders.content(ctx).load(document.id)) ?? '';
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() document: Row<Document>, @Ctx() ctx: Context) {
    return document.project ? projectLoaders.byId(ctx).load(document.project.id) : null;
  }

  @FieldResolver(() => Category, { nullable: true })
  category(@Root() document: Row<Document>, @Ctx() ctx: Context) {
    return document.category ? documentLoaders.category(ctx).load(document.category.id) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  author(@Root() document: Row<Document>, @Ctx() ctx: Context) {
    return loadUser(ctx, document.author);
  }

  @FieldResolver(() => [Tag], { description: 'By name.' })
  tags(@Root() document: Row<Document>, @Ctx() ctx: Context): Promise<Tag[]> {
    return documentLoaders.tags(ctx).load(document.id);
  }

  @FieldResolver(() => DocumentRevision, { nullable: true, description: 'The current revision.' })
  latestRevision(@Root() document: Row<Document>, @Ctx() ctx: Context) {
    return documentLoaders.latestRevision(ctx).load(document.id);
  }

  @FieldResolver(() => DocumentRevisionConnection, { description: 'Every revision, oldest first.' })
  async revisions(
    @Root() document: Row<Document>,
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<DocumentRevisionConnection> {
    return new DocumentRevisionConnection(await revisionList.connection(ctx, document.id, args));
  }

  @FieldResolver(() => DocumentRevision, { nullable: true })
  revision(
    @Root() document: Row<Document>,
    @Arg('number', () => Int) number: number,
    @Ctx() ctx: Context,
  ) {
    return documentLoaders.revision(ctx).load(revisionKey(document.id, number));
  }

  @Mutation(() => Document, { description: 'Creates a document at version 1.' })
  createDocument(@Arg('input') input: CreateDocumentInput, @Ctx() ctx: Context): Promise<Document> {
    return documents.createDocument(ctx, input);
  }

  @Mutation(() => Document, {
    description:
      'Saves a new version (one revision). A stale expectedVersion is a CONFLICT carrying currentVersion; nothing is written.',
  })
  updateDocument(
    @Args() { id, expectedVersion, content, title, message }: UpdateDocumentArgs,
    @Ctx() ctx: Context,
  ): Promise<Document> {
    return documents.updateDocument(ctx, id, expectedVersion, { content, title, message });
  }

  @Mutation(() => Document, { description: 'A new revision whose text is that of `number`.' })
  restoreRevision(
    @Args() { id, number, expectedVersion }: RestoreRevisionArgs,
    @Ctx() ctx: Context,
  ): Promise<Document> {
    return documents.restoreRevision(ctx, id, number, expectedVersion);
  }

  @Mutation(() => Document, { description: 'Soft delete: hidden from lists until restored.' })
  deleteDocument(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Document> {
    return documents.deleteDocument(ctx, id);
  }

  @Mutation(() => Document)
  restoreDocument(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Document> {
    return documents.restoreDocument(ctx, id);
  }

  @Mutation(() => Document, {
    description:
      'Makes the tags exactly these names (created as needed), at most 20: more is BAD_USER_INPUT with reason TOO_LARGE.',
  })
  setDocumentTags(
    @Arg('id', () => ID) id: string,
    @Arg('tags', () => [String]) tags: string[],
    @Ctx() ctx: Context,
  ): Promise<Document> {
    return documents.setDocumentTags(ctx, id, tags);
  }
}

import { Check, Entity, Index, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Node } from '../../common/node.interface';
import { Project } from '../project/project.entity';
import { User } from '../user/user.entity';
import { Category } from './category.entity';

/**
 * A text document. Its current text lives in `document_contents` (compressed) so that listing
 * documents never reads or decompresses it; its history lives in `document_revisions`.
 */
@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A versioned text document (HTML, Markdown or plain text).',
})
@Entity({ tableName: 'documents' })
@Index({ name: 'documents_updated_at_index', properties: ['updatedAt'] })
@Index({ name: 'documents_title_index', properties: ['title'] })
@Index({ name: 'documents_deleted_at_index', properties: ['deletedAt'] })
@Check({ name: 'documents_version_check', expression: 'version >= 1' })
export class Document extends BaseEntity {
  @Field()
  @Property({ length: 300 })
  title!: string;

  @Field({ description: 'Unique, URL-friendly name.' })
  @Property({ length: 200, unique: true })
  slug!: string;

  @ManyToOne(() => Project, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  project?: Ref<Project> | null;

  @ManyToOne(() => Category, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  category?: Ref<Category> | null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  author?: Ref<User> | null;

  @Field(() => Int, { description: 'The number of the latest revision; 1 when created.' })
  @Property({ type: 'integer' })
  version: number & Opt = 1;

  @Field(() => Int, { description: 'Length of the current text in characters (UTF-16 units).' })
  @Property({ type: 'integer' })
  contentLength: number & Opt = 0;

  @Field(() => Int, { description: 'Bytes the current text takes in storage, after compression.' })
  @Property({ type: 'integer' })
  storedBytes: number & Opt = 0;

  @Field({ description: 'SHA-256 of the current text (UTF-8), hex.' })
  @Property({ length: 64 })
  contentHash!: string;

  @Field(() => Date, { nullable: true, description: 'Set while the document is deleted.' })
  @Property({ type: 'datetime', nullable: true })
  deletedAt?: Date | null;
}

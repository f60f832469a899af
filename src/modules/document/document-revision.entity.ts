import { Entity, Enum, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Node } from '../../common/node.interface';
import { User } from '../user/user.entity';
import { ContentEncoding } from './content-encoding.enum';
import { Document } from './document.entity';
import { RevisionKind } from './revision-kind.enum';

/**
 * One saved version of a document. Rows store a diff from the previous revision or, every
 * DOCUMENT_SNAPSHOT_EVERY revisions, a full snapshot; `data` is lazy so lists never load it.
 * The unique (document_id, number) index also serves the document foreign key.
 */
@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'One saved version of a document.',
})
@Entity({ tableName: 'document_revisions' })
@Unique({
  name: 'document_revisions_document_id_number_unique',
  properties: ['document', 'number'],
})
export class DocumentRevision extends BaseEntity {
  @ManyToOne(() => Document, { ref: true, deleteRule: 'cascade' })
  document!: Ref<Document>;

  @Field(() => Int, { description: 'From 1; the document version this revision made.' })
  @Property({ type: 'integer' })
  number!: number;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  author?: Ref<User> | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  message?: string | null;

  @Field(() => String, { nullable: true, description: 'The title the document had then.' })
  @Property({ length: 300, nullable: true })
  title?: string | null;

  @Field(() => RevisionKind)
  @Enum({ items: () => RevisionKind })
  kind!: RevisionKind;

  @Enum({ items: () => ContentEncoding })
  encoding!: ContentEncoding;

  @Property({ type: 'blob', lazy: true })
  data!: Buffer;

  @Field(() => Int, { description: 'Bytes this revision takes in storage.' })
  @Property({ type: 'integer' })
  storedBytes!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  contentLength!: number;

  @Field()
  @Property({ length: 64 })
  contentHash!: string;

  @Property({ type: 'integer' })
  added!: number;

  @Property({ type: 'integer' })
  removed!: number;
}

import { Entity, Index, ManyToOne, PrimaryKeyProp, Property, type Opt } from '@mikro-orm/core';
import { Document } from './document.entity';
import { Tag } from './tag.entity';

/** One tag on one document; the primary key leads with the document, the index with the tag. */
@Entity({ tableName: 'document_tags' })
@Index({ name: 'document_tags_tag_id_index', properties: ['tag'] })
export class DocumentTag {
  [PrimaryKeyProp]?: ['document', 'tag'];

  @ManyToOne(() => Document, { primary: true, deleteRule: 'cascade' })
  document!: Document;

  @ManyToOne(() => Tag, { primary: true, deleteRule: 'cascade' })
  tag!: Tag;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}

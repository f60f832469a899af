import { Entity, Enum, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { ContentEncoding } from './content-encoding.enum';
import { Document } from './document.entity';

/** The current text of a document, encoded; one row per document, read only when asked for. */
@Entity({ tableName: 'document_contents' })
export class DocumentContent {
  [PrimaryKeyProp]?: 'document';

  @ManyToOne(() => Document, { primary: true, deleteRule: 'cascade' })
  document!: Document;

  @Enum({ items: () => ContentEncoding })
  encoding!: ContentEncoding;

  @Property({ type: 'blob' })
  data!: Buffer;
}

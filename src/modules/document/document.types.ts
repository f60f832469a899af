import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection.type';
import { Category } from './category.entity';
import { DocumentRevision } from './document-revision.entity';
import { Document } from './document.entity';
import { Tag } from './tag.entity';

@ObjectType({ simpleResolvers: true })
export class DocumentConnection extends Connection(Document) {}

@ObjectType({ simpleResolvers: true })
export class DocumentRevisionConnection extends Connection(DocumentRevision) {}

@ObjectType({ simpleResolvers: true })
export class TagConnection extends Connection(Tag) {}

@ObjectType({ simpleResolvers: true })
export class CategoryConnection extends Connection(Category) {}

@ObjectType({ simpleResolvers: true, description: 'Lines added and removed.' })
export class LineStat {
  @Field(() => Int)
  added!: number;

  @Field(() => Int)
  removed!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The change between two revisions of a document.',
})
export class RevisionComparison {
  @Field(() => Int)
  from!: number;

  @Field(() => Int)
  to!: number;

  @Field({
    description:
      'A unified diff from `from` to `to` (three lines of context). It always applies exactly; see `minimal`.',
  })
  diff!: string;

  @Field(() => LineStat, { description: 'Lines added and removed by `diff`.' })
  stat!: LineStat;

  @Field({
    description:
      'True when `diff` is a smallest line diff. False when the change is over DOCUMENT_DIFF_MAX_EDIT_LENGTH lines added plus removed (default 1000): `diff` is then one hunk replacing every line between the first and the last line that differ, and `stat` counts those lines.',
  })
  minimal!: boolean;
}

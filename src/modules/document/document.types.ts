import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection.type';
import { DocumentRevision } from './document-revision.entity';
import { Document } from './document.entity';

@ObjectType({ simpleResolvers: true })
export class DocumentConnection extends Connection(Document) {}

@ObjectType({ simpleResolvers: true })
export class DocumentRevisionConnection extends Connection(DocumentRevision) {}

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

  @Field({ description: 'A unified diff from `from` to `to`.' })
  diff!: string;

  @Field(() => LineStat)
  stat!: LineStat;
}

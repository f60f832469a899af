import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Node } from '../../common/node.interface';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A shelf a document sits on (at most one per document).',
})
@Entity({ tableName: 'categories' })
export class Category extends BaseEntity {
  @Field()
  @Property({ length: 100, unique: true })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;
}

import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Node } from '../../common/node.interface';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A label on documents; names are stored lower-case.',
})
@Entity({ tableName: 'tags' })
export class Tag extends BaseEntity {
  @Field()
  @Property({ length: 50, unique: true })
  name!: string;
}

import { Check, Entity, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Node } from '../../common/node.interface';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description:
    'Who a handoff is handed to: one of the standard shifts (DAY, SWING, NIGHT) or a named one.',
})
@Entity({ tableName: 'shifts' })
@Check({ name: 'shifts_key_check', expression: 'length(key) >= 2 and length(key) <= 40' })
export class Shift extends BaseEntity {
  @Field({
    description: 'Unique, upper case: DAY, SWING, NIGHT, or a named shift such as EMEA_ONCALL.',
  })
  @Property({ length: 40 })
  @Unique({ name: 'shifts_key_unique' })
  key!: string;

  @Field()
  @Property({ length: 100 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;
}

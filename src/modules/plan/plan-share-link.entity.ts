import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Node } from '../../common/node.interface';
import { Plan } from './plan.entity';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description:
    'A link that lets anyone holding its token read one plan (never change it) until it expires or is revoked. Only the token’s SHA-256 is stored.',
})
@Entity({ tableName: 'plan_share_links' })
// One live link per token hash: the lookup of planByShareToken.
@Index({
  name: 'plan_share_links_token_hash_index',
  expression: `create unique index "plan_share_links_token_hash_index" on "plan_share_links" ("token_hash") where "revoked_at" is null`,
})
export class PlanShareLink extends BaseEntity {
  @ManyToOne(() => Plan, { ref: true, deleteRule: 'cascade', index: true })
  plan!: Ref<Plan>;

  /** SHA-256 of the token, hex; the token itself is shown once and never stored. */
  @Property({ length: 64 })
  tokenHash!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}

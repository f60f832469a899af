import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Node } from '../../common/node.interface';
import { User } from './user.entity';

/** A signed-in device. The client holds the token; only its SHA-256 is stored. */
@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A signed-in device of the current user. The token itself is never shown again.',
})
@Entity({ tableName: 'sessions' })
@Index({ properties: ['expiresAt'] })
export class Session extends BaseEntity {
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade', index: true })
  user!: Ref<User>;

  /** Deliberately not a GraphQL field: it identifies the token and never leaves the server. */
  @Property({ length: 64, unique: true })
  tokenHash!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The User-Agent that signed in.' })
  @Property({ length: 500, nullable: true })
  userAgent?: string | null;

  @Field(() => String, { nullable: true, description: 'The address that signed in.' })
  @Property({ length: 64, nullable: true })
  ip?: string | null;

  /** Written at most every SESSION_TOUCH_SECONDS, so that most requests write nothing. */
  @Field(() => Date, {
    nullable: true,
    description: 'When a request last used it, to within SESSION_TOUCH_SECONDS.',
  })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}

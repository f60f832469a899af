import { Check, Entity, Enum, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Node } from '../../common/node.interface';
import { Role } from './role.enum';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A person who signs in to Portico.',
})
@Entity({ tableName: 'users' })
// Unique regardless of case: one expression index each, the same DDL on both dialects.
@Unique({
  name: 'users_email_lower_unique',
  expression: 'create unique index "users_email_lower_unique" on "users" (lower("email"))',
})
@Unique({
  name: 'users_username_lower_unique',
  expression: 'create unique index "users_username_lower_unique" on "users" (lower("username"))',
})
@Check({
  name: 'users_username_length',
  expression: 'length(username) >= 3 and length(username) <= 150',
})
export class User extends BaseEntity {
  @Field(() => String, {
    nullable: true,
    description:
      'Stored lower-cased, unique. Shown only to the user and to admins; null otherwise.',
  })
  @Property({ length: 254 })
  email!: string;

  @Field({ description: 'Unique regardless of case, 3 to 150 characters.' })
  @Property({ length: 150 })
  username!: string;

  @Field()
  @Property({ length: 200 })
  displayName!: string;

  @Field(() => Role)
  @Enum({ items: () => Role })
  role: Role & Opt = Role.MEMBER;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  isActive: boolean & Opt = true;

  @Field(() => Date, {
    nullable: true,
    description: 'The last sign-in. Shown only to the user and to admins; null otherwise.',
  })
  @Property({ type: 'datetime', nullable: true })
  lastLoginAt?: Date | null;

  /**
   * The GraphQL `updatedAt` of a user, in place of the inherited non-null one: every sign-in
   * moves it, so it would tell lastLoginAt to anyone. A getter, so the column stays as it is.
   */
  @Field(() => Date, {
    name: 'updatedAt',
    nullable: true,
    description:
      'When the account last changed (a sign-in counts). Shown only to the user and to admins; null otherwise.',
  })
  get changedAt(): Date & Opt {
    return this.updatedAt;
  }

  /** Argon2id; never exposed, never selected unless asked for. */
  @Property({ length: 255, lazy: true, hidden: true })
  passwordHash!: string;
}

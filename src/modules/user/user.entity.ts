import { Check, Entity, Enum, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Role } from './role.enum';

@ObjectType({ simpleResolvers: true, description: 'A person who signs in to Portico.' })
@Entity({ tableName: 'users' })
@Check({
  name: 'users_username_length',
  expression: 'length(username) >= 3 and length(username) <= 150',
})
export class User extends BaseEntity {
  @Field({ description: 'Unique, stored lower-cased.' })
  @Property({ length: 254 })
  @Unique()
  email!: string;

  @Field({ description: 'Unique, 3 to 150 characters.' })
  @Property({ length: 150 })
  @Unique()
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

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastLoginAt?: Date | null;

  /** Argon2id; never exposed, never selected unless asked for. */
  @Property({ length: 255, lazy: true, hidden: true })
  passwordHash!: string;
}

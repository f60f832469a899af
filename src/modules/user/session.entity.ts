import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { User } from './user.entity';

/** A signed-in device. The client holds the token; only its SHA-256 is stored. */
@Entity({ tableName: 'sessions' })
@Index({ properties: ['expiresAt'] })
export class Session extends BaseEntity {
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade', index: true })
  user!: Ref<User>;

  @Property({ length: 64, unique: true })
  tokenHash!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Property({ length: 500, nullable: true })
  userAgent?: string | null;

  @Property({ length: 64, nullable: true })
  ip?: string | null;

  /** Written at most every SESSION_TOUCH_SECONDS, so that most requests write nothing. */
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}

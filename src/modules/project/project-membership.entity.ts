import { ManyToOne, PrimaryKeyProp, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { User } from '../user/user.entity';
import { Project } from './project.entity';

/** A user's place in one of a project's people lists: one row per (project, user). */
@ObjectType()
export abstract class ProjectMembership {
  [PrimaryKeyProp]?: ['project', 'user'];

  @ManyToOne(() => Project, { primary: true, deleteRule: 'cascade' })
  project!: Project;

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  user!: User;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}

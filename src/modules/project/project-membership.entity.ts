import { ManyToOne, PrimaryKeyProp, Property, type Opt } from '@mikro-orm/core';
import { User } from '../user/user.entity';
import { Project } from './project.entity';

/** A user's place in one of a project's people lists: one row per (project, user). */
export abstract class ProjectMembership {
  [PrimaryKeyProp]?: ['project', 'user'];

  @ManyToOne(() => Project, { primary: true, deleteRule: 'cascade' })
  project!: Project;

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  user!: User;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}

import { Entity, Index, ManyToOne, PrimaryKeyProp, Property, type Opt } from '@mikro-orm/core';
import { User } from '../user/user.entity';
import { Project } from './project.entity';

@Entity({ tableName: 'project_watchers' })
@Index({ name: 'project_watchers_user_id_index', properties: ['user'] })
export class ProjectWatcher {
  [PrimaryKeyProp]?: ['project', 'user'];

  @ManyToOne(() => Project, { primary: true, deleteRule: 'cascade' })
  project!: Project;

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  user!: User;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}

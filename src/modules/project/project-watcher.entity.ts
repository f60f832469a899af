import { Entity, Index } from '@mikro-orm/core';
import { ProjectMembership } from './project-membership.entity';

@Entity({ tableName: 'project_watchers' })
@Index({ name: 'project_watchers_user_id_index', properties: ['user'] })
export class ProjectWatcher extends ProjectMembership {}

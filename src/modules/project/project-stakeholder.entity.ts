import { Entity, Index } from '@mikro-orm/core';
import { ProjectMembership } from './project-membership.entity';

@Entity({ tableName: 'project_stakeholders' })
@Index({ name: 'project_stakeholders_user_id_index', properties: ['user'] })
export class ProjectStakeholder extends ProjectMembership {}

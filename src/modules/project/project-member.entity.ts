import { Entity, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ProjectMembership } from './project-membership.entity';
import { ProjectRole } from './project-role.enum';

/** Who may read and change a project, and how much; the lead is a member with LEAD. */
@ObjectType({ simpleResolvers: true, description: "A user's membership of a project." })
@Entity({ tableName: 'project_members' })
@Index({ name: 'project_members_user_id_index', properties: ['user'] })
export class ProjectMember extends ProjectMembership {
  @Field(() => ProjectRole)
  @Enum({ items: () => ProjectRole })
  role!: ProjectRole;

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

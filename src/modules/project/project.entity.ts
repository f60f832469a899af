import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  Property,
  Unique,
  type Opt,
  type Ref,
} from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { Node } from '../../common/node.interface';
import { Priority } from '../../common/priority.enum';
import { User } from '../user/user.entity';
import { ProjectStatus } from './project-status.enum';
import { ProjectVisibility } from './project-visibility.enum';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A body of work with a lead, watchers, stakeholders and a task tree.',
})
@Entity({ tableName: 'projects' })
@Index({ name: 'projects_status_priority_index', properties: ['status', 'priority'] })
@Index({ name: 'projects_created_at_index', properties: ['createdAt'] })
@Check({ name: 'projects_key_format', expression: 'length(key) >= 2 and length(key) <= 10' })
export class Project extends BaseEntity {
  @Field({ description: 'Unique short code such as OPS: 2 to 10 upper-case letters or digits.' })
  @Property({ length: 10 })
  @Unique()
  key!: string;

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => ProjectStatus)
  @Enum({ items: () => ProjectStatus })
  status: ProjectStatus & Opt = ProjectStatus.ACTIVE;

  @Field(() => Priority)
  @Enum({ items: () => Priority })
  priority: Priority & Opt = Priority.MEDIUM;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict', index: true })
  lead!: Ref<User>;

  @Field(() => Date, { nullable: true, description: 'When the project was archived.' })
  @Property({ type: 'datetime', nullable: true })
  archivedAt?: Date | null;

  @Field(() => ProjectVisibility)
  @Enum({ items: () => ProjectVisibility })
  visibility: ProjectVisibility & Opt = ProjectVisibility.INTERNAL;
}

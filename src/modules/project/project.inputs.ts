import { IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { Priority } from '../../common/priority.enum';
import { SortDirection } from '../../common/sort-direction.enum';
import { ProjectStatus } from './project-status.enum';
import { ProjectVisibility } from './project-visibility.enum';

const KEY_FORMAT = /^[A-Z][A-Z0-9]{1,9}$/;
const KEY_MESSAGE = 'key must be 2 to 10 upper-case letters or digits, starting with a letter';

@InputType()
export class CreateProjectInput {
  @Field({ description: '2 to 10 upper-case letters or digits, starting with a letter; unique.' })
  @Matches(KEY_FORMAT, { message: KEY_MESSAGE })
  key!: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => Priority, { nullable: true, description: 'Defaults to MEDIUM.' })
  priority?: Priority | null;

  @Field(() => ID, { nullable: true, description: 'Defaults to the signed-in user.' })
  @IsOptional()
  @IsUUID()
  leadId?: string | null;

  @Field(() => ProjectVisibility, { nullable: true, description: 'Defaults to INTERNAL.' })
  visibility?: ProjectVisibility | null;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateProjectInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(KEY_FORMAT, { message: KEY_MESSAGE })
  key?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => ProjectStatus, { nullable: true })
  status?: ProjectStatus | null;

  @Field(() => Priority, { nullable: true })
  priority?: Priority | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The named lead; they become a LEAD member if they are not one.',
  })
  @IsOptional()
  @IsUUID()
  leadId?: string | null;

  @Field(() => ProjectVisibility, { nullable: true })
  visibility?: ProjectVisibility | null;
}

@InputType()
export class ProjectFilter {
  @Field(() => ProjectStatus, { nullable: true })
  status?: ProjectStatus | null;

  @Field(() => Priority, { nullable: true })
  priority?: Priority | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  leadId?: string | null;

  @Field(() => String, { nullable: true, description: 'Matches key or name, case-insensitively.' })
  @IsOptional()
  @Length(1, 200)
  search?: string | null;
}

export enum ProjectSortField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  NAME = 'name',
  KEY = 'key',
}

registerEnumType(ProjectSortField, { name: 'ProjectSortField' });

@InputType()
export class ProjectOrder {
  @Field(() => ProjectSortField)
  field!: ProjectSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

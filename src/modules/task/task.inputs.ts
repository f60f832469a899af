import { IsInt, IsOptional, IsUUID, Length, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Priority } from '../../common/priority.enum';
import { SortDirection } from '../../common/sort-direction.enum';
import { TaskStatus } from './task-status.enum';

@InputType()
export class CreateTaskInput {
  @Field(() => ID)
  @IsUUID()
  projectId!: string;

  @Field(() => ID, { nullable: true, description: 'The parent task; none makes a root task.' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @Field()
  @Length(1, 300)
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => TaskStatus, { nullable: true, description: 'Defaults to TODO.' })
  status?: TaskStatus | null;

  @Field(() => Priority, { nullable: true, description: 'Defaults to MEDIUM.' })
  priority?: Priority | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @Field(() => Date, { nullable: true })
  dueDate?: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Place among siblings from 0; defaults to last.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateTaskInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => TaskStatus, { nullable: true })
  status?: TaskStatus | null;

  @Field(() => Priority, { nullable: true })
  priority?: Priority | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @Field(() => Date, { nullable: true })
  dueDate?: Date | null;
}

@InputType()
export class TaskFilter {
  @Field(() => TaskStatus, { nullable: true })
  status?: TaskStatus | null;

  @Field(() => Priority, { nullable: true })
  priority?: Priority | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;
}

export enum TaskOrderField {
  CREATED_AT = 'id',
  UPDATED_AT = 'updatedAt',
  DUE_DATE = 'dueDate',
  TITLE = 'title',
}

registerEnumType(TaskOrderField, {
  name: 'TaskOrderField',
  description: 'Tasks without a due date come last, in either direction.',
});

@InputType()
export class TaskOrder {
  @Field(() => TaskOrderField)
  field!: TaskOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

import { IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { Priority } from '../../common/priority.enum';
import { SortDirection } from '../../common/sort-direction.enum';
import { HandoffStatus } from './handoff-status.enum';

/** A shift key as clients send it: any case, stored and compared upper-cased. */
export const SHIFT_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{1,39}$/;

@InputType()
export class CreateHandoffInput {
  @Field()
  @Length(1, 200)
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  ticket?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  hostname?: string | null;

  @Field(() => Priority, { nullable: true, description: 'Defaults to MEDIUM.' })
  priority?: Priority | null;

  @Field({ description: 'The key of the shift it is handed to: DAY, SWING, NIGHT or a named one.' })
  @Matches(SHIFT_KEY_PATTERN)
  shift!: string;

  @Field(() => ID, { nullable: true, description: 'An active user; none leaves it to the shift.' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @Field(() => Date, { nullable: true })
  dueDate?: Date | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateHandoffInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  ticket?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  hostname?: string | null;

  @Field(() => Priority, { nullable: true })
  priority?: Priority | null;

  @Field(() => Date, { nullable: true })
  dueDate?: Date | null;
}

@InputType()
export class HandoffFilter {
  @Field(() => HandoffStatus, { nullable: true })
  status?: HandoffStatus | null;

  @Field(() => String, { nullable: true, description: 'A shift key.' })
  @IsOptional()
  @Matches(SHIFT_KEY_PATTERN)
  shift?: string | null;

  @Field(() => Priority, { nullable: true })
  priority?: Priority | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  reporterId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Due strictly before this instant.' })
  dueBefore?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Due at or after this instant.' })
  dueAfter?: Date | null;
}

export enum HandoffOrderField {
  CREATED_AT = 'id',
  UPDATED_AT = 'updatedAt',
  DUE_DATE = 'dueDate',
  PRIORITY = 'priorityRank',
}

registerEnumType(HandoffOrderField, {
  name: 'HandoffOrderField',
  description:
    'PRIORITY sorts by urgency (LOW < MEDIUM < HIGH < CRITICAL); handoffs without a due date come last in either direction.',
});

@InputType()
export class HandoffOrder {
  @Field(() => HandoffOrderField)
  field!: HandoffOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

@InputType()
export class CreateShiftInput {
  @Field({ description: 'Letters, digits and _, 2 to 40, starting with a letter; upper-cased.' })
  @Matches(SHIFT_KEY_PATTERN)
  key!: string;

  @Field()
  @Length(1, 100)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2_000)
  description?: string | null;
}

import { IsOptional, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { PageArgs } from '../../common/page.args';
import { HandoffFilter, HandoffOrder, SHIFT_KEY_PATTERN } from './handoff.inputs';

@ArgsType()
export class HandoffsArgs extends PageArgs {
  @Field(() => HandoffFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: HandoffFilter | null;

  @Field(() => HandoffOrder, { nullable: true, description: 'Defaults to newest first.' })
  orderBy?: HandoffOrder | null;
}

@ArgsType()
export class ShiftArgs {
  @Field({ description: 'A shift key: DAY, SWING, NIGHT or a named one.' })
  @Matches(SHIFT_KEY_PATTERN)
  shift!: string;
}

@ArgsType()
export class ShiftBoardArgs extends PageArgs {
  @Field({ description: 'A shift key: DAY, SWING, NIGHT or a named one.' })
  @Matches(SHIFT_KEY_PATTERN)
  shift!: string;
}

@ArgsType()
export class CloseHandoffArgs {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'How it was resolved, 1 to 5,000 characters.' })
  @Length(1, 5_000)
  resolution!: string;
}

@ArgsType()
export class ReassignHandoffArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'The new shift key; left out, it stays.' })
  @IsOptional()
  @Matches(SHIFT_KEY_PATTERN)
  shift?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The new assignee (an active user); null unassigns; left out, it stays.',
  })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;
}

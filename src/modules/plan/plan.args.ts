import { ArrayMaxSize, IsOptional, Length, ValidateNested } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field, ID } from 'type-graphql';
import { PageArgs } from '../../common/page.args';
import { PLAN_MAX_ACTIVITIES } from './plan-activity.service';
import { PlanFilter, PlanOrder } from './plan.inputs';

@ArgsType()
export class MyPlansArgs extends PageArgs {
  @Field(() => PlanFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: PlanFilter | null;

  @Field(() => PlanOrder, { nullable: true, description: 'Defaults to latest updated first.' })
  orderBy?: PlanOrder | null;
}

@ArgsType()
export class PublicPlansArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Part of the destination, any case.' })
  @IsOptional()
  @Length(1, 100)
  destination?: string | null;
}

@ArgsType()
export class ActivitiesArgs extends PageArgs {
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Only those of this day.' })
  date?: string | null;
}

@ArgsType()
export class ReorderActivitiesArgs {
  @Field(() => ID)
  planId!: string;

  @Field(() => [ID], { description: "Every one of the plan's activities, once, in the new order." })
  @ArrayMaxSize(PLAN_MAX_ACTIVITIES)
  ids!: string[];
}

@ArgsType()
export class CreateShareLinkArgs {
  @Field(() => ID)
  planId!: string;

  @Field(() => Date, { description: 'In the future, at most a year away.' })
  expiresAt!: Date;
}

import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field, ID } from 'type-graphql';
import { PageArgs } from '../../common/page.args';
import { VenueFilter } from './venue.inputs';

@ArgsType()
export class VenuesArgs extends PageArgs {
  @Field(() => VenueFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: VenueFilter | null;
}

@ArgsType()
export class VenueClosureArgs {
  @Field(() => ID)
  venueId!: string;

  @Field(() => GraphQLLocalDate)
  date!: string;
}

@ArgsType()
export class SetVenueClosureArgs extends VenueClosureArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  note?: string | null;
}

@ArgsType()
export class ClosuresArgs {
  @Field(() => GraphQLLocalDate, { description: 'From this date…' })
  from!: string;

  @Field(() => GraphQLLocalDate, { description: '…to this one, inclusive; at most 366 days.' })
  to!: string;
}

@ArgsType()
export class VenueManagerArgs {
  @Field(() => ID)
  venueId!: string;

  @Field(() => ID)
  userId!: string;
}

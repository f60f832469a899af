import { IsInt, IsOptional, Length, Matches, MaxLength, Min } from 'class-validator';
import {
  GraphQLJSONObject,
  GraphQLLatitude,
  GraphQLLocalDate,
  GraphQLLocalTime,
  GraphQLLongitude,
} from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../common/money';

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateActivityInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(20_000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Letters, digits, _ or -, up to 50.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,50}$/)
  activityType?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  locationName?: string | null;

  @Field(() => GraphQLLatitude, { nullable: true })
  latitude?: number | null;

  @Field(() => GraphQLLongitude, { nullable: true })
  longitude?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2_000)
  address?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  scheduledDate?: string | null;

  @Field(() => GraphQLLocalTime, { nullable: true })
  startTime?: string | null;

  @Field(() => GraphQLLocalTime, { nullable: true })
  endTime?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  durationMinutes?: number | null;

  @Field(() => DecimalScalar, { nullable: true })
  estimatedCost?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  actualCost?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  metadata?: Record<string, unknown> | null;
}

/** The same fields; a title is required. */
@InputType()
export class CreateActivityInput extends UpdateActivityInput {
  @Field()
  @Length(1, 200)
  declare title: string;
}

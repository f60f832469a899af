import { IsInt, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { GraphQLLocalTime } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';

@InputType()
export class CreateVenueInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field()
  @Length(1, 100)
  city!: string;

  @Field({ description: 'IANA time zone, e.g. Europe/Lisbon.' })
  timezone!: string;

  @Field(() => Int, { nullable: true, description: 'Defaults to 1.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  capacity?: number | null;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateVenueInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  city?: string | null;

  @Field(() => String, { nullable: true })
  timezone?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  capacity?: number | null;

  @Field(() => Boolean, { nullable: true })
  isActive?: boolean | null;
}

@InputType({ description: 'One weekday’s hours; a day left out of setVenueHours is closed.' })
export class VenueHoursInput {
  @Field(() => Int, { description: 'ISO weekday: 1 Monday … 7 Sunday.' })
  @IsInt()
  @Min(1)
  @Max(7)
  dayOfWeek!: number;

  @Field(() => GraphQLLocalTime, { nullable: true, description: 'Required unless isClosed.' })
  opensAt?: string | null;

  @Field(() => GraphQLLocalTime, {
    nullable: true,
    description: 'At or before opensAt: closes after midnight. Required unless isClosed.',
  })
  closesAt?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to false.' })
  isClosed?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  specialNote?: string | null;
}

@InputType()
export class VenueFilter {
  @Field(() => String, { nullable: true, description: 'The city, regardless of case.' })
  @IsOptional()
  @Length(1, 100)
  city?: string | null;

  @Field(() => Boolean, { nullable: true })
  isActive?: boolean | null;
}

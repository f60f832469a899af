import { IsOptional, Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject, GraphQLLocalDate } from 'graphql-scalars';
import { Field, InputType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../../common/money';
import { SortDirection } from '../../common/sort-direction.enum';
import { PlanStatus } from './plan-status.enum';

@InputType()
export class CreatePlanInput {
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
  destination?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  startDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endDate?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  budget?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217; defaults to USD.' })
  currency?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Defaults to {}.' })
  data?: Record<string, unknown> | null;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to false.' })
  isPublic?: boolean | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdatePlanInput {
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
  destination?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  startDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endDate?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  budget?: string | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the whole object.' })
  data?: Record<string, unknown> | null;

  @Field(() => Boolean, { nullable: true })
  isPublic?: boolean | null;
}

@InputType()
export class PlanFilter {
  @Field(() => PlanStatus, { nullable: true })
  status?: PlanStatus | null;

  @Field(() => String, { nullable: true, description: 'Part of the destination, any case.' })
  @IsOptional()
  @Length(1, 100)
  destination?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Starting on or after.' })
  startsAfter?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Starting on or before.' })
  startsBefore?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'Plans whose data contains this object (PostgreSQL `@>` semantics: nested objects match by their keys, arrays by their elements). Leaves are scalars or arrays of scalars.',
  })
  dataContains?: Record<string, unknown> | null;
}

export enum PlanOrderField {
  CREATED_AT = 'id',
  UPDATED_AT = 'updatedAt',
  START_DATE = 'startDate',
  TITLE = 'title',
}

registerEnumType(PlanOrderField, {
  name: 'PlanOrderField',
  description: 'Plans without a start date come last, in either direction.',
});

@InputType()
export class PlanOrder {
  @Field(() => PlanOrderField)
  field!: PlanOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DecimalScalar } from '../../common/money';

@InputType()
export class CreateBookingInput {
  @Field(() => ID)
  @IsUUID()
  venueId!: string;

  @Field(() => Date, { description: 'In the future, inside one opening of the venue.' })
  startsAt!: Date;

  @Field(() => Date, { description: 'After startsAt (exclusive); at most 24 hours on.' })
  endsAt!: Date;

  @Field(() => String, { nullable: true, description: 'Seen by the booker, managers, admins.' })
  @IsOptional()
  @MaxLength(2_000)
  notes?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  price?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217; defaults to USD.' })
  currency?: string | null;
}

import { IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsNewPassword } from './password.rules';

@InputType()
export class SignUpInput {
  @Field()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @Field({ description: '3 to 150 letters, digits, dots, dashes or underscores.' })
  @Length(3, 150)
  @Matches(/^[A-Za-z0-9_.-]+$/, {
    message: 'username may hold only letters, digits, dots, dashes and underscores',
  })
  username!: string;

  @Field(() => String, { nullable: true, description: 'Defaults to the username.' })
  @IsOptional()
  @Length(1, 200)
  displayName?: string | null;

  @Field({ description: '8 to 200 characters.' })
  @IsNewPassword()
  password!: string;
}

@InputType()
export class LogInInput {
  @Field({ description: 'E-mail address or username.' })
  @Length(1, 254)
  login!: string;

  @Field()
  @Length(1, 200)
  password!: string;
}

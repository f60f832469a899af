import { Length } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { IsNewPassword } from './password.rules';

@ArgsType()
export class ChangePasswordArgs {
  @Field()
  @Length(1, 200)
  currentPassword!: string;

  @Field({ description: '8 to 200 characters.' })
  @IsNewPassword()
  newPassword!: string;
}

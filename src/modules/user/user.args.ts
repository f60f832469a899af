import { ArgsType, Field, ID } from 'type-graphql';
import { Role } from './role.enum';

@ArgsType()
export class SetUserRoleArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Role)
  role!: Role;
}

import { Field, ObjectType } from 'type-graphql';
import { User } from './user.entity';

@ObjectType({
  simpleResolvers: true,
  description:
    'A new session. The token is shown only here: send it as `Authorization: Bearer <token>`.',
})
export class AuthPayload {
  @Field()
  token!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => User)
  user!: User;
}

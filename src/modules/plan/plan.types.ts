import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection.type';
import { DecimalScalar } from '../../common/money';
import { PlanActivity } from './plan-activity.entity';
import { PlanShareLink } from './plan-share-link.entity';
import { Plan } from './plan.entity';

@ObjectType({ simpleResolvers: true })
export class PlanConnection extends Connection(Plan) {}

@ObjectType({ simpleResolvers: true })
export class PlanActivityConnection extends Connection(PlanActivity) {}

@ObjectType({ simpleResolvers: true })
export class PlanShareLinkConnection extends Connection(PlanShareLink) {}

@ObjectType({ simpleResolvers: true, description: "One day of a plan's activities." })
export class PlanDay {
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'null for the activities not scheduled on a day (listed last).',
  })
  date!: string | null;

  @Field(() => [PlanActivity], { description: 'In plan order.' })
  activities!: PlanActivity[];

  @Field(() => DecimalScalar)
  estimatedCost!: string;

  @Field(() => DecimalScalar)
  actualCost!: string;
}

@ObjectType({ simpleResolvers: true })
export class ShareLinkPayload {
  @Field({ description: 'Shown only now: pass it to planByShareToken. Only its hash is kept.' })
  token!: string;

  @Field(() => PlanShareLink)
  shareLink!: PlanShareLink;
}

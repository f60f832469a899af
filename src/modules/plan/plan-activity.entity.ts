import { Check, Entity, Index, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import {
  GraphQLJSONObject,
  GraphQLLatitude,
  GraphQLLocalDate,
  GraphQLLocalTime,
  GraphQLLongitude,
} from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { CoordinateType } from '../../common/coordinate.type';
import { DecimalScalar, MoneyType } from '../../common/money';
import { Node } from '../../common/node.interface';
import { Plan } from './plan.entity';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: "One thing to do on a plan: where, when, what it costs (in the plan's currency).",
})
@Entity({ tableName: 'plan_activities' })
@Index({ name: 'plan_activities_plan_id_order_index_index', properties: ['plan', 'orderIndex'] })
@Index({ name: 'plan_activities_activity_type_index', properties: ['activityType'] })
@Check({
  name: 'plan_activities_title_check',
  expression: 'length(title) >= 1 and length(title) <= 200',
})
@Check({
  name: 'plan_activities_location_check',
  expression:
    '(latitude is null or abs(latitude) <= 90) and (longitude is null or abs(longitude) <= 180)',
})
@Check({
  name: 'plan_activities_times_check',
  expression: 'start_time is null or end_time is null or start_time <= end_time',
})
@Check({
  name: 'plan_activities_costs_check',
  expression:
    '(estimated_cost is null or estimated_cost >= 0) and (actual_cost is null or actual_cost >= 0) and (duration_minutes is null or duration_minutes >= 0)',
})
@Check({ name: 'plan_activities_order_index_check', expression: 'order_index >= 0' })
export class PlanActivity extends BaseEntity {
  @ManyToOne(() => Plan, { ref: true, deleteRule: 'cascade' })
  plan!: Ref<Plan>;

  @Field()
  @Property({ length: 200 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Lower case, e.g. accommodation, transport, attraction, restaurant.',
  })
  @Property({ length: 50, nullable: true })
  activityType?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 200, nullable: true })
  locationName?: string | null;

  @Field(() => GraphQLLatitude, { nullable: true })
  @Property({ type: CoordinateType, nullable: true })
  latitude?: number | null;

  @Field(() => GraphQLLongitude, { nullable: true })
  @Property({ type: CoordinateType, nullable: true })
  longitude?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The day; none: not scheduled.' })
  @Property({ type: 'date', nullable: true })
  scheduledDate?: string | null;

  @Field(() => GraphQLLocalTime, { nullable: true })
  @Property({ type: 'time', nullable: true })
  startTime?: string | null;

  @Field(() => GraphQLLocalTime, { nullable: true, description: 'At or after startTime.' })
  @Property({ type: 'time', nullable: true })
  endTime?: string | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  durationMinutes?: number | null;

  @Field(() => DecimalScalar, { nullable: true })
  @Property({ type: MoneyType, nullable: true })
  estimatedCost?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  @Property({ type: MoneyType, nullable: true })
  actualCost?: string | null;

  @Field(() => Int, { description: 'Place in the plan, from 0, contiguous.' })
  @Property({ type: 'integer' })
  orderIndex: number & Opt = 0;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  isCompleted: boolean & Opt = false;

  @Field(() => GraphQLJSONObject, { description: 'Booking, contact, review data: a JSON object.' })
  @Property({ type: 'json' })
  metadata: Record<string, unknown> & Opt = {};
}

import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  Property,
  type Opt,
  type Ref,
} from '@mikro-orm/core';
import { GraphQLJSONObject, GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import { DecimalScalar, MoneyType } from '../../common/money';
import { Node } from '../../common/node.interface';
import { User } from '../user/user.entity';
import { PlanStatus } from './plan-status.enum';

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A travel plan: dates, budget, free-form plan data and activities.',
})
@Entity({ tableName: 'plans' })
// myPlans, most recently updated first (read backwards).
@Index({ name: 'plans_owner_id_updated_at_index', properties: ['owner', 'updatedAt', 'id'] })
@Index({ name: 'plans_status_index', properties: ['status'] })
// publicPlans: only published public plans, most recently updated first.
@Index({
  name: 'plans_public_index',
  expression: `create index "plans_public_index" on "plans" ("updated_at", "id") where "is_public" = true and "status" = 'PUBLISHED'`,
})
@Check({ name: 'plans_title_check', expression: 'length(title) >= 1 and length(title) <= 200' })
@Check({
  name: 'plans_dates_check',
  expression: 'start_date is null or end_date is null or start_date <= end_date',
})
@Check({ name: 'plans_budget_check', expression: 'budget is null or budget >= 0' })
@Check({
  name: 'plans_currency_check',
  expression: 'length(currency) = 3 and upper(currency) = currency',
})
@Check({ name: 'plans_version_check', expression: 'version >= 1' })
export class Plan extends BaseEntity {
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  owner!: Ref<User>;

  @Field()
  @Property({ length: 200 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 100, nullable: true })
  destination?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Property({ type: 'date', nullable: true })
  startDate?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'On or after startDate.' })
  @Property({ type: 'date', nullable: true })
  endDate?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'In `currency`; 0 or more.' })
  @Property({ type: MoneyType, nullable: true })
  budget?: string | null;

  @Field(() => String, { description: 'ISO 4217, e.g. USD (the default), EUR, JPY.' })
  @Property({ length: 3 })
  currency: string & Opt = 'USD';

  @Field(() => PlanStatus)
  @Enum({ items: () => PlanStatus })
  status: PlanStatus & Opt = PlanStatus.DRAFT;

  @Field(() => GraphQLJSONObject, {
    description: 'Free-form plan data (preferences, accommodation, itinerary…): a JSON object.',
  })
  @Property({ type: 'json' })
  data: Record<string, unknown> & Opt = {};

  @Field(() => Boolean, { description: 'Once PUBLISHED, readable by every signed-in user.' })
  @Property({ type: 'boolean' })
  isPublic: boolean & Opt = false;

  @Field(() => Int, { description: 'Raised by every update; updatePlan expects it.' })
  @Property({ type: 'integer' })
  version: number & Opt = 1;
}

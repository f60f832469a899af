import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context';
import { listPage } from '../../common/list';
import { addMoney, DecimalScalar } from '../../common/money';
import { PageArgs } from '../../common/page.args';
import type { Row } from '../../common/row.type';
import { Role } from '../user/role.enum';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import { ActivitiesArgs, CreateShareLinkArgs, MyPlansArgs, PublicPlansArgs } from './plan.args';
import { Plan } from './plan.entity';
import { CreatePlanInput, UpdatePlanInput } from './plan.inputs';
import { myPlansWhere, planSortKeys, publicPlansWhere } from './plan-list';
import { activityList, planLoaders, shareLinkList } from './plan.loaders';
import * as plans from './plan.service';
import { createShareLink, planByShareToken, revokeShareLink } from './plan-share.service';
import { PlanShareLink } from './plan-share-link.entity';
import {
  PlanActivityConnection,
  PlanConnection,
  PlanDay,
  PlanShareLinkConnection,
  ShareLinkPayload,
} from './plan.types';

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => Plan, {
    nullable: true,
    description: 'One plan by id: yours, or a published public one; otherwise null.',
  })
  plan(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Plan | null> {
    return planLoaders.byId(ctx).load(id);
  }

  @Query(() => PlanConnection, { description: 'Your plans, filtered and ordered.' })
  async myPlans(
    @Args() { filter, orderBy, ...args }: MyPlansArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PlanConnection> {
    const query = { entity: Plan, order: planSortKeys(orderBy), where: myPlansWhere(ctx, filter) };
    return new PlanConnection(await listPage(ctx, query, args, info));
  }

  @Query(() => PlanConnection, {
    description: "Everyone's published public plans, latest updated first.",
  })
  async publicPlans(
    @Args() { destination, ...args }: PublicPlansArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PlanConnection> {
    const query = {
      entity: Plan,
      order: planSortKeys(null),
      where: publicPlansWhere(ctx, destination),
    };
    return new PlanConnection(await listPage(ctx, query, args, info));
  }

  @Query(() => Plan, {
    nullable: true,
    description:
      'The plan a share link opens, signed in or not; null for a token that is unknown, expired or revoked. Read-only.',
  })
  planByShareToken(@Arg('token') token: string, @Ctx() ctx: Context): Promise<Plan | null> {
    return planByShareToken(ctx, token);
  }

  @FieldResolver(() => User)
  owner(@Root() plan: Row<Plan>, @Ctx() ctx: Context) {
    return loadUser(ctx, plan.owner);
  }

  @FieldResolver(() => PlanActivityConnection, {
    description: 'Activities in plan order, optionally those of one day.',
  })
  async activities(
    @Root() plan: Row<Plan>,
    @Args() { date, ...args }: ActivitiesArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PlanActivityConnection> {
    return new PlanActivityConnection(
      await activityList.connection(ctx, plan.id, args, { info, filter: date ?? null }),
    );
  }

  @FieldResolver(() => [PlanDay], {
    description: 'Every activity grouped by day, days in date order, unscheduled ones last.',
  })
  async days(@Root() plan: Row<Plan>, @Ctx() ctx: Context): Promise<PlanDay[]> {
    const activities = await planLoaders.allActivities(ctx).load(plan.id);
    const byDate = new Map<string | null, typeof activities>();
    for (const activity of activities) {
      const date = activity.scheduledDate ?? null;
      const day = byDate.get(date);
      if (day) day.push(activity);
      else byDate.set(date, [activity]);
    }
    const dates = [...byDate.keys()].sort((a, b) =>
      a === null ? 1 : b === null ? -1 : a.localeCompare(b),
    );
    return dates.map((date) => {
      const items = byDate.get(date)!;
      return {
        date,
        activities: items,
        estimatedCost: addMoney(items.map((item) => item.estimatedCost)),
        actualCost: addMoney(items.map((item) => item.actualCost)),
      };
    });
  }

  @FieldResolver(() => DecimalScalar, {
    description: 'The sum of the activities’ estimated costs, added exactly.',
  })
  async totalEstimatedCost(@Root() plan: Row<Plan>, @Ctx() ctx: Context): Promise<string> {
    return (await planLoaders.totals(ctx).load(plan.id)).estimated;
  }

  @FieldResolver(() => DecimalScalar, { description: 'The sum of the activities’ actual costs.' })
  async totalActualCost(@Root() plan: Row<Plan>, @Ctx() ctx: Context): Promise<string> {
    return (await planLoaders.totals(ctx).load(plan.id)).actual;
  }

  @FieldResolver(() => PlanShareLinkConnection, {
    nullable: true,
    description: 'Its share links, newest first; null for anyone but its owner.',
  })
  async shareLinks(
    @Root() plan: Row<Plan>,
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PlanShareLinkConnection | null> {
    if (plan.owner.id !== ctx.user?.id) return null;
    return new PlanShareLinkConnection(
      await shareLinkList.connection(ctx, plan.id, args, { info }),
    );
  }

  @Mutation(() => Plan, { description: 'A new DRAFT plan of yours.' })
  createPlan(@Arg('input') input: CreatePlanInput, @Ctx() ctx: Context): Promise<Plan> {
    return plans.createPlan(ctx, input);
  }

  @Mutation(() => Plan, {
    description:
      'Changes your plan when it is still at `expectedVersion` (CONFLICT with currentVersion otherwise); not when ARCHIVED.',
  })
  updatePlan(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input') input: UpdatePlanInput,
    @Ctx() ctx: Context,
  ): Promise<Plan> {
    return plans.updatePlan(ctx, id, expectedVersion, input);
  }

  @Mutation(() => Plan, { description: 'DRAFT → PUBLISHED (CONFLICT otherwise).' })
  publishPlan(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Plan> {
    return plans.publishPlan(ctx, id);
  }

  @Mutation(() => Plan, { description: '→ ARCHIVED: read-only from then on.' })
  archivePlan(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Plan> {
    return plans.archivePlan(ctx, id);
  }

  @Mutation(() => ID, { description: 'Deletes your plan with its activities and share links.' })
  deletePlan(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<string> {
    return plans.deletePlan(ctx, id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Int, {
    description:
      'Archives every plan not updated since `olderThan` (in the past); answers how many. Admins only.',
  })
  archiveStalePlans(
    @Arg('olderThan', () => Date) olderThan: Date,
    @Ctx() ctx: Context,
  ): Promise<number> {
    return plans.archiveStalePlans(ctx, olderThan);
  }

  @Mutation(() => ShareLinkPayload, {
    description: 'A read-only link to your plan; the token is in this answer only.',
  })
  createShareLink(
    @Args() { planId, expiresAt }: CreateShareLinkArgs,
    @Ctx() ctx: Context,
  ): Promise<ShareLinkPayload> {
    return createShareLink(ctx, planId, expiresAt);
  }

  @Mutation(() => PlanShareLink, { description: 'Ends a share link of your plan.' })
  revokeShareLink(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PlanShareLink> {
    return revokeShareLink(ctx, id);
  }
}

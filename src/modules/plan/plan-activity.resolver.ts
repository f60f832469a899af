import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { Row } from '../../common/row.type';
import { ReorderActivitiesArgs } from './plan.args';
import { PlanActivity } from './plan-activity.entity';
import { CreateActivityInput, UpdateActivityInput } from './plan-activity.inputs';
import * as activities from './plan-activity.service';
import { Plan } from './plan.entity';
import { planLoaders } from './plan.loaders';

@Resolver(() => PlanActivity)
export class PlanActivityResolver {
  @FieldResolver(() => Plan, {
    nullable: true,
    description:
      'null when reached through a share link and the plan is not otherwise yours or public.',
  })
  plan(@Root() activity: Row<PlanActivity>, @Ctx() ctx: Context) {
    return planLoaders.byId(ctx).load(activity.plan.id);
  }

  @Mutation(() => PlanActivity, {
    description: 'Adds an activity at the end of your plan (at most 500; not when ARCHIVED).',
  })
  createActivity(
    @Arg('planId', () => ID) planId: string,
    @Arg('input') input: CreateActivityInput,
    @Ctx() ctx: Context,
  ): Promise<PlanActivity> {
    return activities.createActivity(ctx, planId, input);
  }

  @Mutation(() => PlanActivity)
  updateActivity(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateActivityInput,
    @Ctx() ctx: Context,
  ): Promise<PlanActivity> {
    return activities.updateActivity(ctx, id, input);
  }

  @Mutation(() => PlanActivity, { description: 'Marks an activity done, or not done again.' })
  completeActivity(
    @Arg('id', () => ID) id: string,
    @Arg('completed', { defaultValue: true }) completed: boolean,
    @Ctx() ctx: Context,
  ): Promise<PlanActivity> {
    return activities.completeActivity(ctx, id, completed);
  }

  @Mutation(() => ID, { description: 'Removes an activity; the ones after it move up.' })
  deleteActivity(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<string> {
    return activities.deleteActivity(ctx, id);
  }

  @Mutation(() => [PlanActivity], {
    description:
      "Puts your plan's activities in the order of `ids` (each once), in one transaction; positions are 0..n-1 afterwards.",
  })
  reorderActivities(
    @Args() { planId, ids }: ReorderActivitiesArgs,
    @Ctx() ctx: Context,
  ): Promise<PlanActivity[]> {
    return activities.reorderActivities(ctx, planId, ids);
  }
}

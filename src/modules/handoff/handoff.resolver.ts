import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context';
import { notFoundError } from '../../common/errors';
import { listPage } from '../../common/list';
import { PageArgs } from '../../common/page.args';
import type { Row } from '../../common/row.type';
import { User } from '../user/user.entity';
import { loadUser } from '../user/user.loaders';
import {
  CloseHandoffArgs,
  HandoffsArgs,
  ReassignHandoffArgs,
  ShiftArgs,
  ShiftBoardArgs,
} from './handoff.args';
import { Handoff } from './handoff.entity';
import { CreateHandoffInput, UpdateHandoffInput } from './handoff.inputs';
import { handoffSortKeys, handoffWhere, SHIFT_BOARD_ORDER, shiftBoardWhere } from './handoff-list';
import { handoffEventList, handoffLoaders, shiftLoaders } from './handoff.loaders';
import * as handoffs from './handoff.service';
import { handoffStats } from './handoff-stats';
import { HandoffStats } from './handoff-stats.type';
import { HandoffConnection, HandoffEventConnection } from './handoff.types';
import { Shift } from './shift.entity';
import { shiftKey } from './shift.service';

async function loadShiftOrFail(ctx: Context, key: string): Promise<Shift> {
  const shift = await shiftLoaders.byKey(ctx).load(shiftKey(key));
  if (!shift) throw notFoundError('Shift', shiftKey(key));
  return shift;
}

@Resolver(() => Handoff)
export class HandoffResolver {
  @Query(() => Handoff, { nullable: true, description: 'One handoff by id, or null.' })
  handoff(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Handoff | null> {
    return handoffLoaders.byId(ctx).load(id);
  }

  @Query(() => HandoffConnection, {
    description: 'Handoffs of every shift, filtered and ordered (newest first by default).',
  })
  async handoffs(
    @Args() { filter, orderBy, ...args }: HandoffsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<HandoffConnection> {
    const query = { entity: Handoff, order: handoffSortKeys(orderBy), where: handoffWhere(filter) };
    return new HandoffConnection(await listPage(ctx, query, args, info));
  }

  @Query(() => HandoffConnection, {
    description:
      "A shift's OPEN and ACKNOWLEDGED handoffs: most urgent first, then earliest due (overdue first; no due date last), then oldest. NOT_FOUND for an unknown shift.",
  })
  async shiftBoard(
    @Args() { shift: key, ...args }: ShiftBoardArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<HandoffConnection> {
    const shift = await loadShiftOrFail(ctx, key);
    const query = { entity: Handoff, order: SHIFT_BOARD_ORDER, where: shiftBoardWhere(shift.id) };
    return new HandoffConnection(await listPage(ctx, query, args, info));
  }

  @Query(() => HandoffStats, {
    description: "Counts of a shift's handoffs by status and priority, and how many are overdue.",
  })
  async handoffStats(@Args() { shift }: ShiftArgs, @Ctx() ctx: Context): Promise<HandoffStats> {
    return handoffStats(ctx, await loadShiftOrFail(ctx, shift));
  }

  @FieldResolver(() => Shift)
  shift(@Root() handoff: Row<Handoff>, @Ctx() ctx: Context) {
    return shiftLoaders.byId(ctx).load(handoff.shift.id);
  }

  @FieldResolver(() => User, { description: 'Who created it.' })
  reporter(@Root() handoff: Row<Handoff>, @Ctx() ctx: Context) {
    return loadUser(ctx, handoff.reporter);
  }

  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() handoff: Row<Handoff>, @Ctx() ctx: Context) {
    return loadUser(ctx, handoff.assignee);
  }

  @FieldResolver(() => HandoffEventConnection, {
    description: 'Every transition and edit, oldest first.',
  })
  async events(
    @Root() handoff: Row<Handoff>,
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<HandoffEventConnection> {
    return new HandoffEventConnection(
      await handoffEventList.connection(ctx, handoff.id, args, { info }),
    );
  }

  @Mutation(() => Handoff, {
    description: 'Hands work to a shift; the signed-in user is its reporter. Any member.',
  })
  createHandoff(@Arg('input') input: CreateHandoffInput, @Ctx() ctx: Context): Promise<Handoff> {
    return handoffs.createHandoff(ctx, input);
  }

  @Mutation(() => Handoff, {
    description:
      'Edits a handoff that is not CLOSED (CONFLICT otherwise). Its reporter, its assignee or an admin.',
  })
  updateHandoff(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateHandoffInput,
    @Ctx() ctx: Context,
  ): Promise<Handoff> {
    return handoffs.updateHandoff(ctx, id, input);
  }

  @Mutation(() => Handoff, {
    description: 'OPEN → ACKNOWLEDGED (CONFLICT with the current status otherwise). Any member.',
  })
  acknowledgeHandoff(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Handoff> {
    return handoffs.acknowledgeHandoff(ctx, id);
  }

  @Mutation(() => Handoff, {
    description:
      'OPEN or ACKNOWLEDGED → CLOSED with a resolution (CONFLICT with the current status otherwise). Its reporter, its assignee or an admin.',
  })
  closeHandoff(
    @Args() { id, resolution }: CloseHandoffArgs,
    @Ctx() ctx: Context,
  ): Promise<Handoff> {
    return handoffs.closeHandoff(ctx, id, resolution);
  }

  @Mutation(() => Handoff, {
    description:
      'CLOSED → OPEN, clearing the acknowledgement, closing time and resolution (CONFLICT otherwise). Its reporter, its assignee or an admin.',
  })
  reopenHandoff(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Handoff> {
    return handoffs.reopenHandoff(ctx, id);
  }

  @Mutation(() => Handoff, {
    description:
      'Hands a handoff that is not CLOSED to another shift and/or assignee; its status stays. Its reporter, its assignee or an admin.',
  })
  reassignHandoff(
    @Args() { id, shift, assigneeId }: ReassignHandoffArgs,
    @Ctx() ctx: Context,
  ): Promise<Handoff> {
    return handoffs.reassignHandoff(ctx, id, shift, assigneeId);
  }
}

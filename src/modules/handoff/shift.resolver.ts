import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context';
import { ID_ORDER } from '../../common/keyset';
import { listPage } from '../../common/list';
import { PageArgs } from '../../common/page.args';
import type { Row } from '../../common/row.type';
import { Role } from '../user/role.enum';
import { CreateShiftInput } from './handoff.inputs';
import { ShiftConnection } from './handoff.types';
import { Shift } from './shift.entity';
import { createShift } from './shift.service';
import { StandardShift, standardShiftOf } from './standard-shift.enum';

@Resolver(() => Shift)
export class ShiftResolver {
  @Query(() => ShiftConnection, {
    description:
      'Every shift, the three standard ones first, then named ones as they were created.',
  })
  async shifts(
    @Args({ validate: false }) args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ShiftConnection> {
    // Every column (no `info`): `standard` is worked out from the key.
    return new ShiftConnection(await listPage(ctx, { entity: Shift, order: ID_ORDER }, args));
  }

  @FieldResolver(() => StandardShift, {
    nullable: true,
    description: 'Which standard shift this is; null for a named shift.',
  })
  standard(@Root() shift: Row<Shift>): StandardShift | null {
    return standardShiftOf(shift.key);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Shift, {
    description:
      'Names a shift beyond the standard three (CONFLICT if the key is taken). Admins only.',
  })
  createShift(@Arg('input') input: CreateShiftInput, @Ctx() ctx: Context): Promise<Shift> {
    return createShift(ctx, input);
  }
}

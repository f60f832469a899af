import { loadByIds, loadByUnique } from '../../common/batch';
import { defineChildList } from '../../common/child-list';
import { ID_ORDER } from '../../common/keyset';
import type { Context } from '../../context';
import { HandoffEvent } from './handoff-event.entity';
import { Handoff } from './handoff.entity';
import { Shift } from './shift.entity';

/** Every transition and edit of a handoff, oldest first. */
export const handoffEventList = defineChildList({
  name: 'handoff.events',
  entity: HandoffEvent,
  partition: 'handoff',
  order: ID_ORDER,
});

/** Every signed-in member reads every handoff (handoff.policy.ts): no access condition. */
export const handoffLoaders = {
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Handoff | null>('handoff.byId', (ids) =>
      loadByIds(ctx.em, Handoff, ids),
    ),
};

export const handoffEventLoaders = {
  byId: (ctx: Context) =>
    ctx.loaders.get<string, HandoffEvent | null>('handoffEvent.byId', (ids) =>
      loadByIds(ctx.em, HandoffEvent, ids),
    ),
};

export const shiftLoaders = {
  byId: (ctx: Context) =>
    ctx.loaders.get<string, Shift | null>('shift.byId', (ids) => loadByIds(ctx.em, Shift, ids)),
  /** By upper-case key. */
  byKey: (ctx: Context) =>
    ctx.loaders.get<string, Shift | null>('shift.byKey', (keys) =>
      loadByUnique(ctx.em, Shift, 'key', keys),
    ),
};

import { ref } from '@mikro-orm/core';
import type { FieldChanges } from '../../common/field-changes';
import type { Context } from '../../context';
import type { HandoffEventKind } from './handoff-event-kind.enum';
import { HandoffEvent } from './handoff-event.entity';
import type { Handoff } from './handoff.entity';

/** Every change to a handoff goes through here, in the same unit of work as the change. */
export function recordHandoffEvent(
  ctx: Context,
  handoff: Handoff,
  kind: HandoffEventKind,
  changes: FieldChanges,
): void {
  ctx.em.create(HandoffEvent, { handoff, actor: ctx.user ? ref(ctx.user) : null, kind, changes });
}

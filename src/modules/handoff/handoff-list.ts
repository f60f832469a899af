import type { Where } from '../../common/batch';
import { chosenOrder, type SortKey } from '../../common/keyset';
import { HandoffStatus } from './handoff-status.enum';
import type { HandoffFilter, HandoffOrder } from './handoff.inputs';

/** The keyset of a handoffs list: the chosen field, newest first by default. */
export function handoffSortKeys(order: HandoffOrder | null | undefined): readonly SortKey[] {
  return chosenOrder(order, [{ property: 'id', direction: 'desc' }]);
}

/**
 * The shift board's order: most urgent first, then the earliest due (so the overdue come first
 * within a priority; no due date comes last), then the oldest.
 */
export const SHIFT_BOARD_ORDER: readonly SortKey[] = [
  { property: 'priorityRank', direction: 'desc' },
  { property: 'dueDate', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];

/** The handoffs of a shift that still need someone: OPEN and ACKNOWLEDGED. */
export function shiftBoardWhere(shiftId: string): Where {
  return (qb) =>
    qb
      .where('handoffs.shift_id', shiftId)
      .whereIn('handoffs.status', [HandoffStatus.OPEN, HandoffStatus.ACKNOWLEDGED]);
}

export function handoffWhere(filter: HandoffFilter | null | undefined): Where | undefined {
  if (!filter) return undefined;
  return (qb) => {
    if (filter.status) qb.where('handoffs.status', filter.status);
    if (filter.priority) qb.where('handoffs.priority', filter.priority);
    if (filter.assigneeId) qb.where('handoffs.assignee_id', filter.assigneeId);
    if (filter.reporterId) qb.where('handoffs.reporter_id', filter.reporterId);
    if (filter.dueBefore) qb.where('handoffs.due_date', '<', filter.dueBefore);
    if (filter.dueAfter) qb.where('handoffs.due_date', '>=', filter.dueAfter);
    if (filter.shift) {
      qb.whereIn('handoffs.shift_id', (shifts) =>
        shifts.select('id').from('shifts').where('key', filter.shift!.toUpperCase()),
      );
    }
  };
}

import type { Context } from '../../context';
import { PRIORITY_RANK, Priority } from '../../common/priority.enum';
import { selectRows } from '../../common/select-rows';
import { HandoffStatus } from './handoff-status.enum';
import type { HandoffStats } from './handoff-stats.type';
import type { Shift } from './shift.entity';

interface Group {
  status: HandoffStatus;
  priority: Priority;
  n: number | string;
  overdue: number | string | null;
}

const URGENT_FIRST = Object.values(Priority).sort((a, b) => PRIORITY_RANK[b] - PRIORITY_RANK[a]);

/** Counts of one shift's handoffs, in one grouped statement (served by the board index). */
export async function handoffStats(ctx: Context, shift: Shift): Promise<HandoffStats> {
  const knex = ctx.em.getKnex();
  const query = knex('handoffs')
    .select('status', 'priority')
    .count({ n: '*' })
    .select(
      knex.raw('sum(case when status <> ? and due_date < ? then 1 else 0 end) as overdue', [
        HandoffStatus.CLOSED,
        new Date(),
      ]),
    )
    .where('shift_id', shift.id)
    .groupBy('status', 'priority');
  const groups = await selectRows<Group>(ctx.em, query);
  const byStatus = new Map<HandoffStatus, number>();
  const byPriority = new Map<Priority, number>();
  let total = 0;
  let overdue = 0;
  for (const group of groups) {
    const n = Number(group.n);
    total += n;
    overdue += Number(group.overdue ?? 0);
    byStatus.set(group.status, (byStatus.get(group.status) ?? 0) + n);
    if (group.status !== HandoffStatus.CLOSED) {
      byPriority.set(group.priority, (byPriority.get(group.priority) ?? 0) + n);
    }
  }
  return {
    shift,
    total,
    byStatus: Object.values(HandoffStatus).map((status) => ({
      status,
      count: byStatus.get(status) ?? 0,
    })),
    byPriority: URGENT_FIRST.map((priority) => ({
      priority,
      count: byPriority.get(priority) ?? 0,
    })),
    overdue,
  };
}

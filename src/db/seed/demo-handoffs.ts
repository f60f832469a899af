import { faker } from '@faker-js/faker';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { PRIORITY_RANK, Priority } from '../../common/priority.enum';
import { HandoffEventKind } from '../../modules/handoff/handoff-event-kind.enum';
import { HandoffEvent } from '../../modules/handoff/handoff-event.entity';
import { HandoffStatus } from '../../modules/handoff/handoff-status.enum';
import { Handoff } from '../../modules/handoff/handoff.entity';
import { Shift } from '../../modules/handoff/shift.entity';
import type { User } from '../../modules/user/user.entity';

const HOUR = 3_600_000;

/**
 * `count` handoffs over the standard shifts and one named shift (EMEA_ONCALL): about half OPEN,
 * a quarter each ACKNOWLEDGED and CLOSED, due from a day ago to three days ahead or undated,
 * each with the events its status implies.
 */
export async function seedHandoffs(
  em: SqlEntityManager,
  users: readonly User[],
  count: number,
): Promise<void> {
  const shifts = await em.find(Shift, {}, { orderBy: { id: 'asc' } });
  if (!shifts.some((shift) => shift.key === 'EMEA_ONCALL'))
    shifts.push(em.create(Shift, { key: 'EMEA_ONCALL', name: 'EMEA on-call' }));
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const priority = faker.helpers.arrayElement(Object.values(Priority));
    const status = faker.helpers.weightedArrayElement([
      { weight: 2, value: HandoffStatus.OPEN },
      { weight: 1, value: HandoffStatus.ACKNOWLEDGED },
      { weight: 1, value: HandoffStatus.CLOSED },
    ]);
    const reporter = faker.helpers.arrayElement(users);
    const assignee = faker.datatype.boolean(0.8) ? faker.helpers.arrayElement(users) : null;
    const acknowledgedAt = status === HandoffStatus.OPEN ? null : new Date(now - HOUR);
    const closedAt = status === HandoffStatus.CLOSED ? new Date(now - HOUR / 2) : null;
    const handoff = em.create(Handoff, {
      title:
        `${faker.hacker.verb()} ${faker.hacker.noun()} on ${faker.internet.domainWord()}`.slice(
          0,
          200,
        ),
      description: faker.lorem.sentences(2),
      ticket: faker.datatype.boolean(0.6)
        ? `OPS-${faker.number.int({ min: 1000, max: 9999 })}`
        : null,
      hostname: `${faker.internet.domainWord()}-${i % 20}.example.test`,
      priority,
      priorityRank: PRIORITY_RANK[priority],
      status,
      shift: shifts[i % shifts.length],
      reporter,
      assignee,
      dueDate: faker.datatype.boolean(0.8)
        ? new Date(now + faker.number.int({ min: -24, max: 72 }) * HOUR)
        : null,
      acknowledgedAt,
      closedAt,
      resolution: closedAt ? faker.lorem.sentence() : null,
    });
    const event = (kind: HandoffEventKind, actor: User, changes: object) =>
      em.create(HandoffEvent, { handoff, actor, kind, changes: changes as never });
    event(HandoffEventKind.CREATED, reporter, { status: { from: null, to: HandoffStatus.OPEN } });
    if (acknowledgedAt) {
      event(HandoffEventKind.ACKNOWLEDGED, assignee ?? reporter, {
        status: { from: HandoffStatus.OPEN, to: HandoffStatus.ACKNOWLEDGED },
      });
    }
    if (closedAt) {
      event(HandoffEventKind.CLOSED, assignee ?? reporter, {
        status: { from: HandoffStatus.ACKNOWLEDGED, to: HandoffStatus.CLOSED },
      });
    }
  }
  await em.flush();
}

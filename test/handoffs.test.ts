import { ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { PRIORITY_RANK, Priority } from '../src/common/priority.enum';
import { HandoffStatus } from '../src/modules/handoff/handoff-status.enum';
import { Handoff } from '../src/modules/handoff/handoff.entity';
import { Shift } from '../src/modules/handoff/shift.entity';
import { Role } from '../src/modules/user/role.enum';
import { User } from '../src/modules/user/user.entity';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects, runOk } from './support';

const FIELDS = `id title status priority version dueDate acknowledgedAt closedAt resolution
  shift { key } reporter { id } assignee { id }`;

const CREATE = `mutation ($input: CreateHandoffInput!) { createHandoff(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateHandoffInput!) {
  updateHandoff(id: $id, input: $input) { ${FIELDS} }
}`;
const ACKNOWLEDGE = `mutation ($id: ID!) { acknowledgeHandoff(id: $id) { ${FIELDS} } }`;
const CLOSE = `mutation ($id: ID!, $resolution: String!) {
  closeHandoff(id: $id, resolution: $resolution) { ${FIELDS} }
}`;
const REOPEN = `mutation ($id: ID!) { reopenHandoff(id: $id) { ${FIELDS} } }`;
const REASSIGN = `mutation ($id: ID!, $shift: String, $assigneeId: ID) {
  reassignHandoff(id: $id, shift: $shift, assigneeId: $assigneeId) { ${FIELDS} }
}`;
const READ = `query ($id: ID!) {
  handoff(id: $id) { ${FIELDS} events(first: 50) { totalCount nodes { kind changes actor { id } } } }
}`;
const BOARD = `query ($shift: String!, $first: Int, $after: String) {
  shiftBoard(shift: $shift, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { title priority dueDate status reporter { username } assignee { username } shift { key } }
  }
}`;

interface HandoffView {
  id: string;
  title: string;
  status: HandoffStatus;
  priority: Priority;
  version: number;
  dueDate: string | null;
  acknowledgedAt: string | null;
  closedAt: string | null;
  resolution: string | null;
  shift: { key: string };
  reporter: { id: string };
  assignee: { id: string } | null;
}

interface EventView {
  kind: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  actor: { id: string } | null;
}

type Operation = 'acknowledge' | 'close' | 'reopen' | 'update' | 'reassign';

describe.each(dialects)('handoffs on %s', (dialect) => {
  let server: TestServer;
  let reporter: TestUser;
  let assignee: TestUser;
  let stranger: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    reporter = await server.createUser();
    assignee = await server.createUser();
    stranger = await server.createUser();
    admin = await server.createUser({ role: Role.ADMIN });
  });
  afterAll(() => server.close());

  const create = async (input: Record<string, unknown> = {}, as = reporter) =>
    (
      await runOk<{ createHandoff: HandoffView }>(
        server,
        CREATE,
        { input: { title: 'Disk filling on db-2', shift: 'NIGHT', ...input } },
        as,
      )
    ).createHandoff;

  const read = async (id: string) =>
    (
      await runOk<{
        handoff: HandoffView & { events: { totalCount: number; nodes: EventView[] } };
      }>(server, READ, { id }, reporter)
    ).handoff;

  /** A handoff brought to `status` through the API, assigned to `assignee`. */
  const handoffIn = async (status: HandoffStatus): Promise<HandoffView> => {
    const handoff = await create({ assigneeId: assignee.id });
    if (status === HandoffStatus.ACKNOWLEDGED) {
      return (
        await runOk<{ acknowledgeHandoff: HandoffView }>(
          server,
          ACKNOWLEDGE,
          { id: handoff.id },
          assignee,
        )
      ).acknowledgeHandoff;
    }
    if (status === HandoffStatus.CLOSED) {
      return (
        await runOk<{ closeHandoff: HandoffView }>(
          server,
          CLOSE,
          { id: handoff.id, resolution: 'Rotated the logs' },
          assignee,
        )
      ).closeHandoff;
    }
    return handoff;
  };

  const operations: Record<Operation, (id: string) => { query: string; variables: object }> = {
    acknowledge: (id) => ({ query: ACKNOWLEDGE, variables: { id } }),
    close: (id) => ({ query: CLOSE, variables: { id, resolution: 'Fixed' } }),
    reopen: (id) => ({ query: REOPEN, variables: { id } }),
    update: (id) => ({ query: UPDATE, variables: { id, input: { priority: 'HIGH' } } }),
    reassign: (id) => ({ query: REASSIGN, variables: { id, shift: 'day' } }),
  };

  it('creates an OPEN handoff with defaults, its reporter, and a CREATED event', async () => {
    const due = new Date(Date.now() + 3_600_000).toISOString();
    const handoff = await create({
      shift: 'night',
      assigneeId: assignee.id,
      ticket: 'OPS-1234',
      hostname: 'db-2.example.test',
      dueDate: due,
    });
    expect(handoff).toEqual(
      expect.objectContaining({
        status: 'OPEN',
        priority: 'MEDIUM',
        version: 1,
        dueDate: due,
        acknowledgedAt: null,
        closedAt: null,
        resolution: null,
        shift: { key: 'NIGHT' },
        reporter: { id: reporter.id },
        assignee: { id: assignee.id },
      }),
    );
    const { events } = await read(handoff.id);
    expect(events.nodes).toEqual([
      expect.objectContaining({ kind: 'CREATED', actor: { id: reporter.id } }),
    ]);
    expect(events.nodes[0].changes).toEqual(
      expect.objectContaining({
        title: { from: null, to: 'Disk filling on db-2' },
        status: { from: null, to: 'OPEN' },
        shift: { from: null, to: 'NIGHT' },
        ticket: { from: null, to: 'OPS-1234' },
      }),
    );
  });

  it('refuses an unknown shift or assignee (NOT_FOUND) and bad input (BAD_USER_INPUT), writing nothing', async () => {
    const count = async () => (await server.portico.orm.em.fork().count(Handoff, {})) as number;
    const before = await count();
    const unknownShift = await server.run(
      CREATE,
      { input: { title: 'x', shift: 'NOPE' } },
      { as: reporter },
    );
    expect(codesOf(unknownShift)).toEqual(['NOT_FOUND']);
    const unknownUser = await server.run(
      CREATE,
      { input: { title: 'x', shift: 'DAY', assigneeId: randomUUID() } },
      { as: reporter },
    );
    expect(codesOf(unknownUser)).toEqual(['NOT_FOUND']);
    for (const input of [
      { title: '', shift: 'DAY' },
      { title: 'x'.repeat(201), shift: 'DAY' },
      { title: 'x', shift: 'no spaces allowed' },
      { title: 'x', shift: 'DAY', ticket: 'T'.repeat(101) },
    ]) {
      const result = await server.run(CREATE, { input }, { as: reporter });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await count()).toBe(before);
  });

  // Every operation from every status: the allowed ones succeed, the others are CONFLICT with
  // the current status and change nothing.
  const ALLOWED: Record<Operation, HandoffStatus[]> = {
    acknowledge: [HandoffStatus.OPEN],
    close: [HandoffStatus.OPEN, HandoffStatus.ACKNOWLEDGED],
    reopen: [HandoffStatus.CLOSED],
    update: [HandoffStatus.OPEN, HandoffStatus.ACKNOWLEDGED],
    reassign: [HandoffStatus.OPEN, HandoffStatus.ACKNOWLEDGED],
  };
  const RESULT: Partial<Record<Operation, HandoffStatus>> = {
    acknowledge: HandoffStatus.ACKNOWLEDGED,
    close: HandoffStatus.CLOSED,
    reopen: HandoffStatus.OPEN,
  };
  const cells = (Object.keys(ALLOWED) as Operation[]).flatMap((operation) =>
    Object.values(HandoffStatus).map((status) => [operation, status] as const),
  );

  it.each(cells)(
    '%s from %s: allowed or refused as the state machine says',
    async (operation, status) => {
      const handoff = await handoffIn(status);
      const before = await read(handoff.id);
      const { query, variables } = operations[operation](handoff.id);
      const result = await server.run<Record<string, HandoffView>>(
        query,
        variables as Record<string, unknown>,
        { as: assignee },
      );
      const after = await read(handoff.id);
      if (ALLOWED[operation].includes(status)) {
        expect(result.errors).toBeUndefined();
        expect(after.status).toBe(RESULT[operation] ?? status);
        expect(after.version).toBe(before.version + 1);
        expect(after.events.totalCount).toBe(before.events.totalCount + 1);
        return;
      }
      expect(codesOf(result)).toEqual(['CONFLICT']);
      expect(result.errors![0].extensions).toEqual(
        expect.objectContaining({ reason: 'INVALID_TRANSITION', currentStatus: status }),
      );
      expect(result.errors![0].message).toContain(`is ${status}`);
      expect({ ...after, events: null }).toEqual({ ...before, events: null });
      expect(after.events.totalCount).toBe(before.events.totalCount);
    },
  );

  it('sets and clears the timestamps and resolution along the way, and records each step', async () => {
    const handoff = await create({ assigneeId: assignee.id });
    const acknowledged = (
      await runOk<{ acknowledgeHandoff: HandoffView }>(
        server,
        ACKNOWLEDGE,
        { id: handoff.id },
        stranger,
      )
    ).acknowledgeHandoff;
    expect(acknowledged.acknowledgedAt).not.toBeNull();
    const closed = (
      await runOk<{ closeHandoff: HandoffView }>(
        server,
        CLOSE,
        { id: handoff.id, resolution: '  Replaced the disk  ' },
        reporter,
      )
    ).closeHandoff;
    expect(closed).toEqual(
      expect.objectContaining({ status: 'CLOSED', resolution: 'Replaced the disk' }),
    );
    expect(closed.closedAt).not.toBeNull();
    const reopened = (
      await runOk<{ reopenHandoff: HandoffView }>(server, REOPEN, { id: handoff.id }, assignee)
    ).reopenHandoff;
    expect(reopened).toEqual(
      expect.objectContaining({
        status: 'OPEN',
        acknowledgedAt: null,
        closedAt: null,
        resolution: null,
        version: 4,
      }),
    );
    const { events } = await read(handoff.id);
    expect(events.nodes.map((event) => [event.kind, event.actor?.id])).toEqual([
      ['CREATED', reporter.id],
      ['ACKNOWLEDGED', stranger.id],
      ['CLOSED', reporter.id],
      ['REOPENED', assignee.id],
    ]);
    expect(events.nodes[2].changes).toEqual(
      expect.objectContaining({
        status: { from: 'ACKNOWLEDGED', to: 'CLOSED' },
        resolution: { from: null, to: 'Replaced the disk' },
      }),
    );
  });

  it('needs a resolution that is not blank to close', async () => {
    const handoff = await create();
    const result = await server.run(CLOSE, { id: handoff.id, resolution: '   ' }, { as: reporter });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect((await read(handoff.id)).status).toBe('OPEN');
  });

  it('lets any member acknowledge', async () => {
    const handoff = await create();
    const acknowledged = await server.run(ACKNOWLEDGE, { id: handoff.id }, { as: stranger });
    expect(acknowledged.errors).toBeUndefined();
  });

  it.each([
    ['close', HandoffStatus.OPEN],
    ['reopen', HandoffStatus.CLOSED],
    ['update', HandoffStatus.OPEN],
    ['reassign', HandoffStatus.ACKNOWLEDGED],
  ] as const)(
    '%s: the reporter, the assignee and an admin may; another member is FORBIDDEN',
    async (operation, status) => {
      for (const who of [stranger, reporter, assignee, admin]) {
        const handoff = await handoffIn(status);
        const { query, variables } = operations[operation](handoff.id);
        const result = await server.run(query, variables as Record<string, unknown>, { as: who });
        if (who === stranger) {
          expect(codesOf(result)).toEqual(['FORBIDDEN']);
          expect((await read(handoff.id)).version).toBe(handoff.version);
        } else {
          expect(result.errors).toBeUndefined();
        }
      }
    },
  );

  it('edits the details, recording only what changed, and keeps the rank with the priority', async () => {
    const handoff = await create({ ticket: 'OPS-1' });
    const updated = (
      await runOk<{ updateHandoff: HandoffView }>(
        server,
        UPDATE,
        {
          id: handoff.id,
          input: { title: 'Disk full on db-2', priority: 'CRITICAL', ticket: null },
        },
        reporter,
      )
    ).updateHandoff;
    expect(updated).toEqual(
      expect.objectContaining({ title: 'Disk full on db-2', priority: 'CRITICAL', version: 2 }),
    );
    const row = await server.portico.orm.em.fork().findOneOrFail(Handoff, handoff.id);
    expect(row.priorityRank).toBe(PRIORITY_RANK.CRITICAL);
    expect(row.ticket).toBeNull();
    const { events } = await read(handoff.id);
    expect(events.nodes[1]).toEqual(
      expect.objectContaining({
        kind: 'UPDATED',
        changes: {
          title: { from: 'Disk filling on db-2', to: 'Disk full on db-2' },
          priority: { from: 'MEDIUM', to: 'CRITICAL' },
          ticket: { from: 'OPS-1', to: null },
        },
      }),
    );
  });

  it('reassigns to another shift and assignee, unassigns with null, and needs one of them', async () => {
    const handoff = await handoffIn(HandoffStatus.ACKNOWLEDGED);
    const moved = (
      await runOk<{ reassignHandoff: HandoffView }>(
        server,
        REASSIGN,
        { id: handoff.id, shift: 'swing', assigneeId: stranger.id },
        reporter,
      )
    ).reassignHandoff;
    expect(moved).toEqual(
      expect.objectContaining({
        shift: { key: 'SWING' },
        assignee: { id: stranger.id },
        status: 'ACKNOWLEDGED',
      }),
    );
    const unassigned = (
      await runOk<{ reassignHandoff: HandoffView }>(
        server,
        REASSIGN,
        { id: handoff.id, assigneeId: null },
        stranger,
      )
    ).reassignHandoff;
    expect(unassigned).toEqual(
      expect.objectContaining({ shift: { key: 'SWING' }, assignee: null }),
    );
    const neither = await server.run(REASSIGN, { id: handoff.id }, { as: reporter });
    expect(codesOf(neither)).toEqual(['BAD_USER_INPUT']);
    const unknown = await server.run(
      REASSIGN,
      { id: handoff.id, shift: 'NOWHERE' },
      { as: reporter },
    );
    expect(codesOf(unknown)).toEqual(['NOT_FOUND']);
    const { events } = await read(handoff.id);
    expect(events.nodes.slice(-2).map((event) => [event.kind, event.changes])).toEqual([
      [
        'REASSIGNED',
        {
          shift: { from: 'NIGHT', to: 'SWING' },
          assigneeId: { from: assignee.id, to: stranger.id },
        },
      ],
      ['REASSIGNED', { assigneeId: { from: stranger.id, to: null } }],
    ]);
  });

  it('answers NOT_FOUND for a handoff that does not exist, and null from the lookup', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const result = await server.run(ACKNOWLEDGE, { id }, { as: reporter });
      expect(codesOf(result)).toEqual(['NOT_FOUND']);
    }
    const lookup = await server.run(READ, { id: randomUUID() }, { as: reporter });
    expect(lookup.errors).toBeUndefined();
    expect(lookup.data).toEqual({ handoff: null });
  });

  it('lets exactly one of two concurrent closes succeed', async () => {
    for (let round = 0; round < 5; round++) {
      const handoff = await handoffIn(round % 2 ? HandoffStatus.ACKNOWLEDGED : HandoffStatus.OPEN);
      const results = await Promise.all(
        [reporter, assignee].map((who, i) =>
          server.run(CLOSE, { id: handoff.id, resolution: `closer ${i}` }, { as: who }),
        ),
      );
      const codes = results.map((result) => codesOf(result)[0] ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const after = await read(handoff.id);
      expect(after.status).toBe('CLOSED');
      expect(after.version).toBe(handoff.version + 1);
      expect(after.events.nodes.filter((event) => event.kind === 'CLOSED')).toHaveLength(1);
      const winner = results.findIndex((result) => !result.errors);
      expect(after.resolution).toBe(`closer ${winner}`);
    }
  });

  it('refuses rows that break the status rules, even written directly (CHECK)', async () => {
    const em = server.portico.orm.em.fork();
    const shift = await em.findOneOrFail(Shift, { key: 'DAY' });
    const base = {
      title: 'Raw',
      shift: ref(shift),
      reporter: em.getReference(User, reporter.id),
      priority: Priority.HIGH,
      priorityRank: PRIORITY_RANK.HIGH,
    };
    const insert = (fields: Partial<Handoff>) => {
      const fork = em.fork();
      fork.create(Handoff, { ...base, ...fields } as never);
      return fork.flush();
    };
    await expect(insert({})).resolves.toBeUndefined();
    await expect(insert({ status: HandoffStatus.CLOSED, closedAt: new Date() })).rejects.toThrow(
      /check constraint/i,
    );
    await expect(insert({ status: HandoffStatus.CLOSED, resolution: 'x' })).rejects.toThrow(
      /check constraint/i,
    );
    await expect(insert({ status: HandoffStatus.ACKNOWLEDGED })).rejects.toThrow(
      /check constraint/i,
    );
    await expect(insert({ acknowledgedAt: new Date() })).rejects.toThrow(/check constraint/i);
    await expect(insert({ priorityRank: 1 })).rejects.toThrow(/check constraint/i);
  });

  describe('shifts', () => {
    it('lists the standard shifts first, and lets only admins name a new one', async () => {
      const refused = await server.run(
        'mutation { createShift(input: { key: "emea_oncall", name: "EMEA on-call" }) { key } }',
        {},
        { as: reporter },
      );
      expect(codesOf(refused)).toEqual(['FORBIDDEN']);
      const created = await runOk<{ createShift: { key: string; standard: string | null } }>(
        server,
        'mutation { createShift(input: { key: "emea_oncall", name: "EMEA on-call" }) { key standard } }',
        {},
        admin,
      );
      expect(created.createShift).toEqual({ key: 'EMEA_ONCALL', standard: null });
      const again = await server.run(
        'mutation { createShift(input: { key: "EMEA_ONCALL", name: "Again" }) { key } }',
        {},
        { as: admin },
      );
      expect(codesOf(again)).toEqual(['CONFLICT']);
      const list = await runOk<{ shifts: { nodes: { key: string; standard: string | null }[] } }>(
        server,
        '{ shifts(first: 10) { nodes { key standard } } }',
        {},
        stranger,
      );
      expect(list.shifts.nodes.slice(0, 4)).toEqual([
        { key: 'DAY', standard: 'DAY' },
        { key: 'SWING', standard: 'SWING' },
        { key: 'NIGHT', standard: 'NIGHT' },
        { key: 'EMEA_ONCALL', standard: null },
      ]);
      const handoff = await create({ shift: 'emea_oncall' });
      expect(handoff.shift).toEqual({ key: 'EMEA_ONCALL' });
    });
  });

  describe('the shift board, the list and the stats', () => {
    const hour = 3_600_000;
    const at = (hours: number) => new Date(Date.UTC(2030, 0, 1) + hours * hour);
    let shiftKey: string;
    const titles = (nodes: { title: string }[]) => nodes.map((node) => node.title);

    /** Rows written directly, in a shift of their own: only the board's order is under test. */
    beforeAll(async () => {
      shiftKey = `BOARD_${dialect.toUpperCase()}`;
      const em = server.portico.orm.em.fork();
      const shift = em.create(Shift, { key: shiftKey, name: 'Board test' });
      const other = await em.findOneOrFail(Shift, { key: 'DAY' });
      const row = (
        title: string,
        priority: Priority,
        due: Date | null,
        status = HandoffStatus.OPEN,
        on = shift,
      ) =>
        em.create(Handoff, {
          title,
          priority,
          priorityRank: PRIORITY_RANK[priority],
          dueDate: due,
          status,
          shift: on,
          reporter: em.getReference(User, reporter.id),
          assignee: em.getReference(User, assignee.id),
          acknowledgedAt: status === HandoffStatus.OPEN ? null : at(0),
          closedAt: status === HandoffStatus.CLOSED ? at(1) : null,
          resolution: status === HandoffStatus.CLOSED ? 'done' : null,
        });
      // Created in this order, so ids break ties in this order.
      row('low, due 1', Priority.LOW, at(1));
      row('critical, no due date', Priority.CRITICAL, null);
      row('medium, due 5', Priority.MEDIUM, at(5));
      row('critical, due 3', Priority.CRITICAL, at(3));
      row('medium, no due date', Priority.MEDIUM, null);
      row('critical, due 3 (tie)', Priority.CRITICAL, at(3), HandoffStatus.ACKNOWLEDGED);
      row('high, overdue', Priority.HIGH, new Date(Date.now() - hour));
      row('medium, due 2', Priority.MEDIUM, at(2));
      row('critical, closed', Priority.CRITICAL, at(0), HandoffStatus.CLOSED);
      row('critical, other shift', Priority.CRITICAL, at(0), HandoffStatus.OPEN, other);
      await em.flush();
    });

    const BOARD_ORDER = [
      'critical, due 3',
      'critical, due 3 (tie)',
      'critical, no due date',
      'high, overdue',
      'medium, due 2',
      'medium, due 5',
      'medium, no due date',
      'low, due 1',
    ];

    it('orders by priority rank, then due date (none last), then age; closed and other shifts left out', async () => {
      const board = await runOk<{
        shiftBoard: {
          totalCount: number;
          nodes: {
            title: string;
            reporter: { username: string };
            assignee: { username: string };
            shift: { key: string };
          }[];
        };
      }>(server, BOARD, { shift: shiftKey.toLowerCase(), first: 20 }, stranger);
      expect(titles(board.shiftBoard.nodes)).toEqual(BOARD_ORDER);
      expect(board.shiftBoard.totalCount).toBe(8);
      expect(board.shiftBoard.nodes[0]).toEqual(
        expect.objectContaining({
          reporter: { username: reporter.username },
          assignee: { username: assignee.username },
          shift: { key: shiftKey },
        }),
      );
    });

    it('pages through the board in the same order', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: {
          shiftBoard: {
            nodes: { title: string }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        } = await runOk(server, BOARD, { shift: shiftKey, first: 3, after }, stranger);
        seen.push(...titles(page.shiftBoard.nodes));
        if (!page.shiftBoard.pageInfo.hasNextPage) break;
        after = page.shiftBoard.pageInfo.endCursor;
      }
      expect(seen).toEqual(BOARD_ORDER);
    });

    it('answers NOT_FOUND for an unknown shift', async () => {
      const result = await server.run(BOARD, { shift: 'NO_SUCH_SHIFT' }, { as: stranger });
      expect(codesOf(result)).toEqual(['NOT_FOUND']);
    });

    it('filters and orders the handoffs list', async () => {
      const list = async (filter: Record<string, unknown>, orderBy?: Record<string, unknown>) =>
        titles(
          (
            await runOk<{ handoffs: { nodes: { title: string }[] } }>(
              server,
              'query ($filter: HandoffFilter, $orderBy: HandoffOrder) { handoffs(first: 50, filter: $filter, orderBy: $orderBy) { nodes { title } } }',
              { filter, orderBy },
              stranger,
            )
          ).handoffs.nodes,
        );
      const shift = shiftKey;
      expect(await list({ shift, status: 'CLOSED' })).toEqual(['critical, closed']);
      expect(await list({ shift, status: 'ACKNOWLEDGED' })).toEqual(['critical, due 3 (tie)']);
      // Newest first by default.
      expect(await list({ shift, priority: 'MEDIUM' })).toEqual([
        'medium, due 2',
        'medium, no due date',
        'medium, due 5',
      ]);
      expect(
        await list(
          { shift, dueAfter: at(2).toISOString(), dueBefore: at(5).toISOString() },
          { field: 'DUE_DATE', direction: 'ASC' },
        ),
      ).toEqual(['medium, due 2', 'critical, due 3', 'critical, due 3 (tie)']);
      expect(
        await list({ shift, assigneeId: assignee.id, reporterId: reporter.id, priority: 'LOW' }),
      ).toEqual(['low, due 1']);
      expect(await list({ shift, reporterId: stranger.id })).toEqual([]);
      const byPriority = await list(
        { shift, status: 'OPEN' },
        { field: 'PRIORITY', direction: 'DESC' },
      );
      // Equal priorities: the id breaks the tie in the same direction (newest first).
      expect(byPriority.slice(0, 2)).toEqual(['critical, due 3', 'critical, no due date']);
      expect(byPriority[byPriority.length - 1]).toBe('low, due 1');
    });

    it('counts by status and priority, and the overdue ones', async () => {
      const stats = await runOk<{
        handoffStats: {
          shift: { key: string };
          total: number;
          overdue: number;
          byStatus: { status: string; count: number }[];
          byPriority: { priority: string; count: number }[];
        };
      }>(
        server,
        `query ($shift: String!) { handoffStats(shift: $shift) {
          shift { key } total overdue byStatus { status count } byPriority { priority count }
        } }`,
        { shift: shiftKey },
        stranger,
      );
      expect(stats.handoffStats).toEqual({
        shift: { key: shiftKey },
        total: 9,
        overdue: 1,
        byStatus: [
          { status: 'OPEN', count: 7 },
          { status: 'ACKNOWLEDGED', count: 1 },
          { status: 'CLOSED', count: 1 },
        ],
        byPriority: [
          { priority: 'CRITICAL', count: 3 },
          { priority: 'HIGH', count: 1 },
          { priority: 'MEDIUM', count: 3 },
          { priority: 'LOW', count: 1 },
        ],
      });
    });
  });
});

describe.each(dialects)('shift board statement count on %s', (dialect) => {
  const BOARD_WITH_EVENTS = `query ($shift: String!) {
    shiftBoard(shift: $shift, first: 100) {
      totalCount
      nodes { title reporter { username } assignee { username } shift { key name } events(first: 3) { totalCount nodes { kind actor { username } } } }
    }
  }`;

  /** A board of `size` handoffs over `size / 5` people, each with a CREATED event. */
  async function measureBoard(size: number) {
    const server = await startTestServer({ dialect });
    try {
      const member = await server.createUser();
      const people = await Promise.all(
        Array.from({ length: Math.max(2, size / 5) }, () => server.createUser()),
      );
      const priorities = Object.values(Priority);
      for (let i = 0; i < size; i++) {
        const result = await server.run(
          CREATE,
          {
            input: {
              title: `Handoff ${i}`,
              shift: 'NIGHT',
              priority: priorities[i % priorities.length],
              assigneeId: people[i % people.length].id,
              dueDate: i % 3 ? new Date(Date.UTC(2030, 0, 1 + i)).toISOString() : null,
            },
          },
          { as: people[(i + 1) % people.length] },
        );
        expect(result.errors).toBeUndefined();
      }
      const measured = await server.measure<{
        shiftBoard: { totalCount: number; nodes: unknown[] };
      }>(BOARD_WITH_EVENTS, { shift: 'NIGHT' }, { as: member });
      expect(measured.result.errors).toBeUndefined();
      expect(measured.result.data!.shiftBoard.nodes).toHaveLength(size);
      if (process.env.SHOW_QUERIES) console.log(measured.tally.queries.join('\n'));
      return measured.statements;
    } finally {
      await server.close();
    }
  }

  it('is the same for 10 and 100 handoffs', async () => {
    // session; shift by key; board page, board count; reporters and assignees (one user batch),
    // shifts; events page, events count. The events' actors are the reporters, already loaded.
    const expected = 1 + 1 + 2 + 1 + 1 + 2;
    expect({ ten: await measureBoard(10), hundred: await measureBoard(100) }).toEqual({
      ten: expected,
      hundred: expected,
    });
  });
});

describe('the shift board on PostgreSQL', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'postgresql' });
  });
  afterAll(() => server?.close());

  it('reads its page from the board index in order, forwards and backwards, without a sort', async () => {
    const member = await server.createUser();
    const plans: string[] = [];
    for (const page of ['first: 20', 'last: 20']) {
      const { result, tally } = await server.measure(
        `{ shiftBoard(shift: "NIGHT", ${page}) { nodes { id } } }`,
        {},
        { as: member },
      );
      expect(result.errors).toBeUndefined();
      const sql = tally.queries.find(
        (query) => /from "handoffs"/.test(query) && /limit/.test(query),
      );
      // The statement as the app sent it, with its parameters written in (PostgreSQL 15 has no
      // EXPLAIN (GENERIC_PLAN)); the planner may use nothing but an index that gives the order.
      const values = ["'00000000-0000-7000-8000-000000000003'", "'OPEN'", "'ACKNOWLEDGED'", '21'];
      const literal = sql!.replace(/\?/g, () => values.shift()!);
      const em = server.portico.orm.em.fork();
      const plan = await em.transactional(async (trx) => {
        for (const setting of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort'])
          await trx.execute(`set local ${setting} = off`);
        const rows = await trx.execute<{ 'QUERY PLAN': string }[]>(`explain ${literal}`);
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
      plans.push(plan);
    }
    for (const plan of plans) {
      expect(plan).toMatch(/Index (Only )?Scan (Backward )?using handoffs_board_index/);
      expect(plan).not.toMatch(/Sort/);
    }
  });
});

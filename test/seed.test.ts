import { DEMO_MEMBER_PASSWORD, seedDemoDataIfEmpty } from '../src/db/seed/demo-data';
import { startTestServer, type TestServer } from '../src/testing/test-server';
import { codesOf, dialects } from './support';

describe.each(dialects)('demo data on %s', (dialect) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    expect(await seedDemoDataIfEmpty(server.portico.orm)).toBe(true);
    const login = await server.run<{ logIn: { token: string } }>(
      'mutation ($password: String!) { logIn(input: { login: "Member1", password: $password }) { token } }',
      { password: DEMO_MEMBER_PASSWORD },
    );
    expect(login.errors).toBeUndefined();
    token = login.data!.logIn.token;
  });
  afterAll(() => server?.close());

  const asMember1 = <T>(query: string, variables: Record<string, unknown> = {}) =>
    server.run<T>(query, variables, { as: { token } as never });

  it('seeds only into an empty database', async () => {
    expect(await seedDemoDataIfEmpty(server.portico.orm)).toBe(false);
  });

  it('lets member1 read and edit the OPS board, and hides the PRIVATE project from them', async () => {
    const board = await asMember1<{
      projectByKey: { id: string; myRole: string; rootTasks: { totalCount: number } };
    }>('{ projectByKey(key: "OPS") { id myRole rootTasks { totalCount } } }');
    expect(board.errors).toBeUndefined();
    expect(board.data!.projectByKey.myRole).toBe('EDITOR');
    expect(board.data!.projectByKey.rootTasks.totalCount).toBeGreaterThan(0);
    const created = await asMember1(
      'mutation ($p: ID!) { createTask(input: { projectId: $p, title: "Demo" }) { id } }',
      { p: board.data!.projectByKey.id },
    );
    expect(codesOf(created)).toEqual([]);
    const hidden = await asMember1<{ projectByKey: null }>('{ projectByKey(key: "P004") { id } }');
    expect(hidden.data!.projectByKey).toBeNull();
    const listed = await asMember1<{ projects: { totalCount: number } }>(
      '{ projects { totalCount } }',
    );
    expect(listed.data!.projects.totalCount).toBe(4);
  });

  it('includes handoffs on every shift, with a board that member1 can work', async () => {
    const stats = await asMember1<{ handoffStats: { total: number } }>(
      '{ handoffStats(shift: "EMEA_ONCALL") { total } }',
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data!.handoffStats.total).toBe(10);
    const board = await asMember1<{
      shiftBoard: { totalCount: number; nodes: { id: string; status: string }[] };
    }>('{ shiftBoard(shift: "NIGHT", first: 50) { totalCount nodes { id status } } }');
    expect(board.errors).toBeUndefined();
    expect(board.data!.shiftBoard.totalCount).toBeGreaterThan(0);
    const open = board.data!.shiftBoard.nodes.find((node) => node.status === 'OPEN');
    const acknowledged = await asMember1(
      'mutation ($id: ID!) { acknowledgeHandoff(id: $id) { status } }',
      { id: open!.id },
    );
    expect(acknowledged.errors).toBeUndefined();
    expect(acknowledged.data).toEqual({ acknowledgeHandoff: { status: 'ACKNOWLEDGED' } });
  });

  it('includes plans: member1 lists its own with activities and totals, and public ones', async () => {
    const mine = await asMember1<{
      myPlans: {
        totalCount: number;
        nodes: {
          totalEstimatedCost: string;
          days: { date: string }[];
          activities: { totalCount: number };
        }[];
      };
      publicPlans: { totalCount: number };
    }>(
      '{ myPlans(first: 5) { totalCount nodes { totalEstimatedCost days { date } activities { totalCount } } } publicPlans { totalCount } }',
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myPlans.totalCount).toBe(3);
    for (const plan of mine.data!.myPlans.nodes) {
      expect(plan.activities.totalCount).toBeGreaterThan(0);
      expect(plan.days.length).toBeGreaterThan(1);
      expect(plan.totalEstimatedCost).toMatch(/^\d+\.\d{2}$/);
    }
    expect(mine.data!.publicPlans.totalCount).toBe(12);
  });

  it('includes venues with their week, one of them managed by member1', async () => {
    const result = await asMember1<{
      venues: {
        nodes: { name: string; hours: { dayOfWeek: number }[]; managers: { username: string }[] }[];
      };
    }>(
      '{ venues(filter: { city: "lisbon" }) { nodes { name hours { dayOfWeek } managers { username } } } }',
    );
    expect(result.errors).toBeUndefined();
    const [first, ...others] = result.data!.venues.nodes;
    expect(first.name).toBe('Court 1');
    expect(first.hours.map((day) => day.dayOfWeek)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(first.managers.map((user) => user.username)).toEqual(['member1']);
    expect(others).toHaveLength(2);
  });

  it('includes a day of bookings at every venue, with the free slots around them', async () => {
    const result = await asMember1<{
      venues: {
        nodes: { capacity: number; bookings: { totalCount: number }; freeSlots: unknown[] }[];
      };
    }>(`{ venues { nodes { capacity
      bookings(from: "2027-06-07T00:00:00Z", to: "2027-06-08T00:00:00Z") { totalCount }
      freeSlots(date: "2027-06-07", duration: 60) { startsAt }
    } } }`);
    expect(result.errors).toBeUndefined();
    for (const venue of result.data!.venues.nodes) {
      expect(venue.bookings.totalCount).toBe(3);
      // 08:00–22:00 is 14 hours; the bookings take 09–10, 11–12:30 (two slots) and 15–16 of a
      // venue with one place, and leave the second place of a venue with two free.
      expect(venue.freeSlots).toHaveLength(venue.capacity === 1 ? 10 : 14);
    }
  });
});

import { randomUUID } from 'node:crypto';
import { Plan } from '../src/modules/plan/plan.entity';
import { PlanActivity } from '../src/modules/plan/plan-activity.entity';
import { PlanShareLink } from '../src/modules/plan/plan-share-link.entity';
import { Role } from '../src/modules/user/role.enum';
import { User } from '../src/modules/user/user.entity';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects, runOk } from './support';

const PLAN_FIELDS = `id title status version budget currency startDate endDate data isPublic destination
  owner { id } totalEstimatedCost totalActualCost`;
const CREATE_PLAN = `mutation ($input: CreatePlanInput!) { createPlan(input: $input) { ${PLAN_FIELDS} } }`;
const UPDATE_PLAN = `mutation ($id: ID!, $v: Int!, $input: UpdatePlanInput!) {
  updatePlan(id: $id, expectedVersion: $v, input: $input) { ${PLAN_FIELDS} }
}`;
const READ_PLAN = `query ($id: ID!) { plan(id: $id) { ${PLAN_FIELDS} } }`;
const CREATE_ACTIVITY = `mutation ($planId: ID!, $input: CreateActivityInput!) {
  createActivity(planId: $planId, input: $input) {
    id title orderIndex estimatedCost actualCost scheduledDate startTime endTime latitude longitude metadata activityType
  }
}`;
const BY_TOKEN = `query ($token: String!) {
  planByShareToken(token: $token) { id title activities { nodes { title } } days { date } }
}`;

interface PlanView {
  id: string;
  title: string;
  status: string;
  version: number;
  budget: string | null;
  currency: string;
  startDate: string | null;
  endDate: string | null;
  data: Record<string, unknown>;
  isPublic: boolean;
  destination: string | null;
  owner: { id: string };
  totalEstimatedCost: string;
  totalActualCost: string;
}

interface ActivityView {
  id: string;
  title: string;
  orderIndex: number;
  estimatedCost: string | null;
  actualCost: string | null;
  scheduledDate: string | null;
  startTime: string | null;
  endTime: string | null;
}

const SEED_DATA = {
  preferences: { budget_type: 'budget', travel_style: 'cultural', group_size: 2 },
  accommodation: { type: 'hotel', preferences: ['wifi', 'breakfast'] },
  itinerary: [{ day: 1, date: '2025-09-01', activities: [{ time: '09:00', cost: 15 }] }],
  notes: 'Remember to book tickets in advance',
  flexible: true,
  pets: null,
};

describe.each(dialects)('plans on %s', (dialect) => {
  let server: TestServer;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    owner = await server.createUser();
    other = await server.createUser();
    admin = await server.createUser({ role: Role.ADMIN });
  });
  afterAll(() => server.close());

  const createPlan = async (input: Record<string, unknown> = {}, as = owner) =>
    (
      await runOk<{ createPlan: PlanView }>(
        server,
        CREATE_PLAN,
        { input: { title: 'Lisbon in spring', ...input } },
        as,
      )
    ).createPlan;
  const addActivity = async (planId: string, input: Record<string, unknown> = {}) =>
    (
      await runOk<{ createActivity: ActivityView }>(
        server,
        CREATE_ACTIVITY,
        { planId, input: { title: 'Museum', ...input } },
        owner,
      )
    ).createActivity;
  const countPlans = async () => server.portico.orm.em.fork().count(Plan, {});

  it('creates a DRAFT plan with exact money, an upper-cased currency and its JSON data', async () => {
    const plan = await createPlan({
      destination: 'Lisbon, Portugal',
      startDate: '2027-04-01',
      endDate: '2027-04-08',
      budget: '1250.5',
      currency: 'eur',
      data: SEED_DATA,
    });
    expect(plan).toEqual(
      expect.objectContaining({
        status: 'DRAFT',
        version: 1,
        budget: '1250.50',
        currency: 'EUR',
        startDate: '2027-04-01',
        endDate: '2027-04-08',
        data: SEED_DATA,
        isPublic: false,
        owner: { id: owner.id },
        totalEstimatedCost: '0.00',
      }),
    );
    const read = await runOk<{ plan: PlanView }>(server, READ_PLAN, { id: plan.id }, owner);
    expect(read.plan).toEqual(plan);
  });

  it.each([
    ['an unknown currency', { currency: 'XQZ' }],
    ['a negative budget', { budget: '-1.00' }],
    ['more decimals than the currency has', { budget: '100.5', currency: 'JPY' }],
    ['a float for a Decimal', { budget: 12.5 }],
    ['an end before the start', { startDate: '2027-05-02', endDate: '2027-05-01' }],
    ['an impossible date', { startDate: '2027-02-30' }],
    ['data nested too deep', { data: JSON.parse('{"a":'.repeat(11) + '1' + '}'.repeat(11)) }],
    ['data too large', { data: { blob: 'x'.repeat(70_000) } }],
    ['a title too long', { title: 'x'.repeat(201) }],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, input) => {
    const before = await countPlans();
    const result = await server.run(
      CREATE_PLAN,
      { input: { title: 'Bad', ...input } },
      { as: owner },
    );
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(await countPlans()).toBe(before);
  });

  it('updates with the expected version, and refuses a stale one with CONFLICT', async () => {
    const plan = await createPlan();
    const updated = await runOk<{ updatePlan: PlanView }>(
      server,
      UPDATE_PLAN,
      { id: plan.id, v: 1, input: { title: 'Lisbon and Porto', budget: null, isPublic: true } },
      owner,
    );
    expect(updated.updatePlan).toEqual(
      expect.objectContaining({ title: 'Lisbon and Porto', version: 2, isPublic: true }),
    );
    const stale = await server.run(
      UPDATE_PLAN,
      { id: plan.id, v: 1, input: { title: 'Lost' } },
      { as: owner },
    );
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].extensions).toEqual(
      expect.objectContaining({ currentVersion: 2, expectedVersion: 1 }),
    );
    const read = await runOk<{ plan: PlanView }>(server, READ_PLAN, { id: plan.id }, owner);
    expect(read.plan.title).toBe('Lisbon and Porto');
  });

  it('adds activity costs exactly, groups days, filters a day and keeps times and places', async () => {
    // Kuwaiti dinars have three decimals.
    const plan = await createPlan({ currency: 'KWD' });
    await addActivity(plan.id, {
      title: 'Tram 28',
      scheduledDate: '2027-04-02',
      startTime: '09:30',
      endTime: '10:15',
      estimatedCost: '0.10',
      actualCost: '0.1',
      latitude: 38.7139,
      longitude: -9.1334,
      activityType: 'Transport',
      metadata: { booking_info: { confirmation_number: 'ABC123' } },
    });
    await addActivity(plan.id, {
      title: 'Pastéis',
      scheduledDate: '2027-04-01',
      estimatedCost: '0.20',
    });
    await addActivity(plan.id, { title: 'Someday', estimatedCost: '1000000.001' });
    await addActivity(plan.id, {
      title: 'Castle',
      scheduledDate: '2027-04-02',
      estimatedCost: '12.345',
    });
    const read = await runOk<{
      plan: PlanView & {
        days: { date: string | null; estimatedCost: string; activities: { title: string }[] }[];
        activities: { nodes: ActivityView[] };
        oneDay: { nodes: { title: string }[] };
      };
    }>(
      server,
      `query ($id: ID!) { plan(id: $id) {
        totalEstimatedCost totalActualCost
        days { date estimatedCost activities { title } }
        activities { nodes { title orderIndex startTime endTime latitude longitude activityType metadata } }
        oneDay: activities(date: "2027-04-02") { nodes { title } }
      } }`,
      { id: plan.id },
      owner,
    );
    expect(read.plan.totalEstimatedCost).toBe('1000012.646');
    expect(read.plan.totalActualCost).toBe('0.10');
    expect(read.plan.days).toEqual([
      { date: '2027-04-01', estimatedCost: '0.20', activities: [{ title: 'Pastéis' }] },
      {
        date: '2027-04-02',
        estimatedCost: '12.445',
        activities: [{ title: 'Tram 28' }, { title: 'Castle' }],
      },
      { date: null, estimatedCost: '1000000.001', activities: [{ title: 'Someday' }] },
    ]);
    expect(read.plan.activities.nodes[0]).toEqual({
      title: 'Tram 28',
      orderIndex: 0,
      startTime: '09:30:00',
      endTime: '10:15:00',
      latitude: 38.7139,
      longitude: -9.1334,
      activityType: 'transport',
      metadata: { booking_info: { confirmation_number: 'ABC123' } },
    });
    expect(read.plan.oneDay.nodes.map((node) => node.title)).toEqual(['Tram 28', 'Castle']);
  });

  it.each([
    ['a latitude past 90', { latitude: 91 }],
    ['an end before the start', { startTime: '10:00', endTime: '09:00' }],
    ['a negative cost', { estimatedCost: '-0.01' }],
    ['more decimals than USD has', { actualCost: '0.001' }],
    ['a negative duration', { durationMinutes: -5 }],
  ])('refuses an activity with %s, writing nothing', async (_name, input) => {
    const plan = await createPlan();
    const result = await server.run(
      CREATE_ACTIVITY,
      { planId: plan.id, input: { title: 'Bad', ...input } },
      { as: owner },
    );
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    const read = await runOk<{ plan: { activities: { totalCount: number } } }>(
      server,
      'query ($id: ID!) { plan(id: $id) { activities { totalCount } } }',
      { id: plan.id },
      owner,
    );
    expect(read.plan.activities.totalCount).toBe(0);
  });

  it('reorders, completes and deletes activities, keeping positions 0..n-1', async () => {
    const plan = await createPlan();
    const ids: string[] = [];
    for (const title of ['a', 'b', 'c', 'd']) ids.push((await addActivity(plan.id, { title })).id);
    const order = async () =>
      (
        await runOk<{ plan: { activities: { nodes: { title: string; orderIndex: number }[] } } }>(
          server,
          'query ($id: ID!) { plan(id: $id) { activities { nodes { title orderIndex } } } }',
          { id: plan.id },
          owner,
        )
      ).plan.activities.nodes;
    const reorder = (list: string[]) =>
      server.run(
        'mutation ($planId: ID!, $ids: [ID!]!) { reorderActivities(planId: $planId, ids: $ids) { id } }',
        { planId: plan.id, ids: list },
        { as: owner },
      );
    expect((await reorder([ids[3], ids[1], ids[0], ids[2]])).errors).toBeUndefined();
    expect(await order()).toEqual([
      { title: 'd', orderIndex: 0 },
      { title: 'b', orderIndex: 1 },
      { title: 'a', orderIndex: 2 },
      { title: 'c', orderIndex: 3 },
    ]);
    for (const bad of [
      [ids[0], ids[1], ids[2]],
      [ids[0], ids[0], ids[1], ids[2]],
      [...ids.slice(0, 3), randomUUID()],
    ]) {
      expect(codesOf(await reorder(bad))).toEqual(['BAD_USER_INPUT']);
    }
    const done = await runOk<{ completeActivity: { isCompleted: boolean } }>(
      server,
      'mutation ($id: ID!) { completeActivity(id: $id) { isCompleted } }',
      { id: ids[1] },
      owner,
    );
    expect(done.completeActivity.isCompleted).toBe(true);
    await runOk(server, 'mutation ($id: ID!) { deleteActivity(id: $id) }', { id: ids[1] }, owner);
    expect(await order()).toEqual([
      { title: 'd', orderIndex: 0 },
      { title: 'a', orderIndex: 1 },
      { title: 'c', orderIndex: 2 },
    ]);
  });

  it('keeps positions contiguous under concurrent reorders', async () => {
    const plan = await createPlan();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await addActivity(plan.id, { title: `#${i}` })).id);
    const orders = [ids, [...ids].reverse(), [...ids.slice(4), ...ids.slice(0, 4)]];
    for (let round = 0; round < 4; round++) {
      const results = await Promise.all(
        orders.map((list) =>
          server.run(
            'mutation ($planId: ID!, $ids: [ID!]!) { reorderActivities(planId: $planId, ids: $ids) { id } }',
            { planId: plan.id, ids: list },
            { as: owner },
          ),
        ),
      );
      for (const result of results)
        expect(codesOf(result).filter((c) => c !== 'CONFLICT')).toEqual([]);
      const rows: { id: string; order_index: number }[] = await server.portico.orm.em
        .fork()
        .execute(
          'select id, order_index from plan_activities where plan_id = ? order by order_index',
          [plan.id],
        );
      expect(rows.map((row) => Number(row.order_index))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(orders.map((list) => list.join())).toContain(rows.map((row) => row.id).join());
    }
  });

  it('keeps positions contiguous when reorders, deletions and additions race', async () => {
    const plan = await createPlan();
    const positions = async () => {
      const rows: { id: string; order_index: number }[] = await server.portico.orm.em
        .fork()
        .execute(
          'select id, order_index from plan_activities where plan_id = ? order by order_index',
          [plan.id],
        );
      return rows;
    };
    for (let i = 0; i < 6; i++) await addActivity(plan.id, { title: `#${i}` });
    for (let round = 0; round < 6; round++) {
      const ids = (await positions()).map((row) => row.id);
      const [reorder, removal, addition] = await Promise.all([
        server.run(
          'mutation ($planId: ID!, $ids: [ID!]!) { reorderActivities(planId: $planId, ids: $ids) { id } }',
          { planId: plan.id, ids: [...ids].reverse() },
          { as: owner },
        ),
        server.run(
          'mutation ($id: ID!) { deleteActivity(id: $id) }',
          { id: ids[1] },
          { as: owner },
        ),
        server.run(
          CREATE_ACTIVITY,
          { planId: plan.id, input: { title: `+${round}` } },
          { as: owner },
        ),
      ]);
      // A reorder that runs after the deletion or the addition no longer names every activity.
      expect([[], ['BAD_USER_INPUT']]).toContainEqual(codesOf(reorder));
      expect(removal.errors).toBeUndefined();
      expect(addition.errors).toBeUndefined();
      const after = await positions();
      expect(after.map((row) => Number(row.order_index))).toEqual(
        after.map((_row, index) => index),
      );
      expect(after).toHaveLength(ids.length);
    }
  });

  describe('visibility', () => {
    let draft: PlanView;
    let published: PlanView;
    let publishedPrivate: PlanView;

    beforeAll(async () => {
      draft = await createPlan({ title: 'Draft, public flag set', isPublic: true });
      published = await createPlan({
        title: 'Published and public',
        isPublic: true,
        destination: 'Kyoto',
      });
      await runOk(
        server,
        'mutation ($id: ID!) { publishPlan(id: $id) { id } }',
        { id: published.id },
        owner,
      );
      publishedPrivate = await createPlan({ title: 'Published, not public' });
      await runOk(
        server,
        'mutation ($id: ID!) { publishPlan(id: $id) { id } }',
        { id: publishedPrivate.id },
        owner,
      );
    });

    const lookup = async (id: string, as: TestUser | null) => {
      const result = await server.run<{ plan: { id: string } | null }>(
        'query ($id: ID!) { plan(id: $id) { id } }',
        { id },
        { as },
      );
      return result.errors ? codesOf(result)[0] : result.data!.plan ? 'OK' : 'NULL';
    };

    it('lets the owner read all, others the published public one only, and admins no more', async () => {
      const answers = async (as: TestUser | null) => [
        await lookup(draft.id, as),
        await lookup(published.id, as),
        await lookup(publishedPrivate.id, as),
      ];
      expect(await answers(owner)).toEqual(['OK', 'OK', 'OK']);
      expect(await answers(other)).toEqual(['NULL', 'OK', 'NULL']);
      expect(await answers(admin)).toEqual(['NULL', 'OK', 'NULL']);
      expect(await answers(null)).toEqual([
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
      ]);
      expect(await lookup(randomUUID(), other)).toBe('NULL');
    });

    it('lists published public plans for everyone signed in, filtered by destination', async () => {
      const list = await runOk<{ publicPlans: { nodes: { id: string }[] } }>(
        server,
        '{ publicPlans(first: 100, destination: "kyo") { nodes { id } } }',
        {},
        other,
      );
      expect(list.publicPlans.nodes.map((node) => node.id)).toEqual([published.id]);
      const mine = await runOk<{ myPlans: { nodes: { id: string }[] } }>(
        server,
        '{ myPlans(first: 100) { nodes { id } } }',
        {},
        other,
      );
      expect(mine.myPlans.nodes).toEqual([]);
    });

    it('answers a write on a plan one cannot read like a missing plan, and one it reads with FORBIDDEN', async () => {
      for (const [id, code] of [
        [draft.id, 'NOT_FOUND'],
        [randomUUID(), 'NOT_FOUND'],
        [published.id, 'FORBIDDEN'],
      ]) {
        const result = await server.run(
          UPDATE_PLAN,
          { id, v: 1, input: { title: 'Mine now' } },
          { as: other },
        );
        expect(codesOf(result)).toEqual([code]);
        const activity = await server.run(
          CREATE_ACTIVITY,
          { planId: id, input: { title: 'Sneaky' } },
          { as: other },
        );
        expect(codesOf(activity)).toEqual([code]);
      }
    });

    it('opens one plan with a live share token, signed out too, read-only; never an expired, revoked or wrong one', async () => {
      const created = await runOk<{
        createShareLink: { token: string; shareLink: { id: string; expiresAt: string } };
      }>(
        server,
        'mutation ($planId: ID!, $at: DateTimeISO!) { createShareLink(planId: $planId, expiresAt: $at) { token shareLink { id expiresAt } } }',
        { planId: draft.id, at: new Date(Date.now() + 86_400_000).toISOString() },
        owner,
      );
      const { token } = created.createShareLink;
      const byToken = async (value: string, as: TestUser | null = null) => {
        const result = await server.run<{ planByShareToken: { id: string } | null }>(
          BY_TOKEN,
          { token: value },
          { as },
        );
        expect(result.errors).toBeUndefined();
        return result.data!.planByShareToken?.id ?? null;
      };
      expect(await byToken(token)).toBe(draft.id);
      expect(await byToken(token, other)).toBe(draft.id);
      expect(await byToken(`${token}x`)).toBeNull();
      expect(await byToken('')).toBeNull();
      // The token never writes: signed out it is no sign-in, and it names no plan.
      const write = await server.run(UPDATE_PLAN, { id: draft.id, v: 1, input: { title: 'x' } });
      expect(codesOf(write)).toEqual(['UNAUTHENTICATED']);
      // Only the hash is stored.
      const stored = await server.portico.orm.em
        .fork()
        .findOneOrFail(PlanShareLink, created.createShareLink.shareLink.id);
      expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.tokenHash).not.toContain(token);

      // Expired: moved into the past directly.
      await server.portico.orm.em
        .fork()
        .nativeUpdate(PlanShareLink, { id: stored.id }, { expiresAt: new Date(Date.now() - 1000) });
      expect(await byToken(token)).toBeNull();
      await server.portico.orm.em
        .fork()
        .nativeUpdate(
          PlanShareLink,
          { id: stored.id },
          { expiresAt: new Date(Date.now() + 60_000) },
        );
      expect(await byToken(token)).toBe(draft.id);

      // Revoked: by its owner only.
      const revoke = 'mutation ($id: ID!) { revokeShareLink(id: $id) { revokedAt } }';
      expect(codesOf(await server.run(revoke, { id: stored.id }, { as: other }))).toEqual([
        'NOT_FOUND',
      ]);
      expect(await byToken(token)).toBe(draft.id);
      await runOk(server, revoke, { id: stored.id }, owner);
      expect(await byToken(token)).toBeNull();

      // The owner sees the links; nobody else does.
      const links = async (as: TestUser) =>
        (
          await runOk<{ plan: { shareLinks: { nodes: { revokedAt: string | null }[] } | null } }>(
            server,
            'query ($id: ID!) { plan(id: $id) { shareLinks { nodes { revokedAt } } } }',
            { id: published.id },
            as,
          )
        ).plan.shareLinks;
      expect(await links(owner)).toEqual({ nodes: [] });
      expect(await links(other)).toBeNull();
    });
  });

  it('makes archived plans read-only and lets admins archive stale ones', async () => {
    const plan = await createPlan();
    await runOk(
      server,
      'mutation ($id: ID!) { archivePlan(id: $id) { status } }',
      { id: plan.id },
      owner,
    );
    const update = await server.run(
      UPDATE_PLAN,
      { id: plan.id, v: 2, input: { title: 'x' } },
      { as: owner },
    );
    expect(codesOf(update)).toEqual(['CONFLICT']);
    const activity = await server.run(
      CREATE_ACTIVITY,
      { planId: plan.id, input: { title: 'x' } },
      { as: owner },
    );
    expect(codesOf(activity)).toEqual(['CONFLICT']);
    const publish = await server.run(
      'mutation ($id: ID!) { publishPlan(id: $id) { id } }',
      { id: plan.id },
      { as: owner },
    );
    expect(codesOf(publish)).toEqual(['CONFLICT']);

    const stale = await createPlan({ title: 'Stale' });
    const fresh = await createPlan({ title: 'Fresh' });
    await server.portico.orm.em
      .fork()
      .nativeUpdate(Plan, { id: stale.id }, { updatedAt: new Date('2020-01-01T00:00:00Z') });
    const archive = 'mutation ($at: DateTimeISO!) { archiveStalePlans(olderThan: $at) }';
    expect(
      codesOf(await server.run(archive, { at: '2021-01-01T00:00:00Z' }, { as: owner })),
    ).toEqual(['FORBIDDEN']);
    const archived = await runOk<{ archiveStalePlans: number }>(
      server,
      archive,
      { at: '2021-01-01T00:00:00Z' },
      admin,
    );
    expect(archived.archiveStalePlans).toBe(1);
    const status = async (id: string) =>
      (await runOk<{ plan: PlanView }>(server, READ_PLAN, { id }, owner)).plan.status;
    expect(await status(stale.id)).toBe('ARCHIVED');
    expect(await status(fresh.id)).toBe('DRAFT');
    const future = await server.run(
      archive,
      { at: new Date(Date.now() + 60_000).toISOString() },
      { as: admin },
    );
    expect(codesOf(future)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses rows that break the seed constraints, even written directly (CHECK)', async () => {
    const insert = (plan: Record<string, unknown>, activity?: Record<string, unknown>) => {
      const em = server.portico.orm.em.fork();
      const row = em.create(Plan, {
        owner: em.getReference(User, owner.id),
        title: 'Raw',
        ...plan,
      } as never);
      if (activity) em.create(PlanActivity, { plan: row, title: 'Raw', ...activity } as never);
      return em.flush();
    };
    await expect(insert({}, {})).resolves.toBeUndefined();
    for (const plan of [
      { startDate: '2027-01-02', endDate: '2027-01-01' },
      { budget: '-1.00' },
      { currency: 'usd' },
      { currency: 'EU' },
      { title: '' },
    ]) {
      await expect(insert(plan)).rejects.toThrow(/check constraint/i);
    }
    for (const activity of [
      { latitude: 90.5 },
      { longitude: -180.5 },
      { startTime: '10:00:00', endTime: '09:00:00' },
      { estimatedCost: '-0.01' },
      { durationMinutes: -1 },
      { orderIndex: -1 },
    ]) {
      await expect(insert({}, activity)).rejects.toThrow(/check constraint/i);
    }
  });

  it('deletes a plan with its activities', async () => {
    const plan = await createPlan();
    await addActivity(plan.id);
    await runOk(server, 'mutation ($id: ID!) { deletePlan(id: $id) }', { id: plan.id }, owner);
    const read = await server.run<{ plan: null }>(READ_PLAN, { id: plan.id }, { as: owner });
    expect(read.data!.plan).toBeNull();
    const [{ n }] = await server.portico.orm.em
      .fork()
      .getConnection()
      .execute<{ n: number }[]>('select count(*) as n from plan_activities where plan_id = ?', [
        plan.id,
      ]);
    expect(Number(n)).toBe(0);
  });

  it('filters my plans by status, dates, destination and data containment', async () => {
    const tag = randomUUID().slice(0, 8);
    const a = await createPlan({
      title: `A ${tag}`,
      startDate: '2027-06-01',
      destination: 'Oslo',
      data: {
        tag,
        preferences: { travel_style: 'cultural', group_size: 2 },
        tags: ['wifi', 'quiet'],
        flexible: true,
        pets: null,
      },
    });
    const b = await createPlan({
      title: `B ${tag}`,
      startDate: '2027-07-01',
      data: {
        tag,
        preferences: { travel_style: 'beach', group_size: 4 },
        tags: ['pool'],
        flexible: false,
      },
    });
    const titles = async (filter: Record<string, unknown>) =>
      (
        await runOk<{ myPlans: { nodes: { title: string }[] } }>(
          server,
          'query ($filter: PlanFilter) { myPlans(first: 100, filter: $filter, orderBy: { field: START_DATE }) { nodes { title } } }',
          { filter },
          owner,
        )
      ).myPlans.nodes.map((node) => node.title);
    const both = [a.title, b.title];
    expect(await titles({ dataContains: { tag } })).toEqual(both);
    expect(
      await titles({ dataContains: { tag, preferences: { travel_style: 'cultural' } } }),
    ).toEqual([a.title]);
    expect(await titles({ dataContains: { tag, preferences: { group_size: 4 } } })).toEqual([
      b.title,
    ]);
    expect(await titles({ dataContains: { tag, tags: ['quiet'] } })).toEqual([a.title]);
    expect(await titles({ dataContains: { tag, tags: [] } })).toEqual(both);
    expect(await titles({ dataContains: { tag, flexible: false } })).toEqual([b.title]);
    expect(await titles({ dataContains: { tag, pets: null } })).toEqual([a.title]);
    expect(await titles({ dataContains: { tag, preferences: {} } })).toEqual(both);
    expect(await titles({ dataContains: { tag, tags: 'wifi' } })).toEqual([]);
    expect(await titles({ dataContains: { tag }, startsAfter: '2027-06-15' })).toEqual([b.title]);
    expect(
      await titles({ dataContains: { tag }, startsBefore: '2027-06-15', destination: 'osl' }),
    ).toEqual([a.title]);
    const refused = await server.run(
      'query ($filter: PlanFilter) { myPlans(filter: $filter) { totalCount } }',
      { filter: { dataContains: { tags: [{ nested: 1 }] } } },
      { as: owner },
    );
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
  });
});

describe.each(dialects)('plan listing statement count on %s', (dialect) => {
  const LIST = `{ myPlans(first: 20) {
    totalCount
    nodes { title owner { username } totalEstimatedCost totalActualCost activities(first: 10) { totalCount nodes { title estimatedCost } } }
  } }`;

  async function measure(plans: number): Promise<number> {
    const server = await startTestServer({ dialect });
    try {
      const user = await server.createUser();
      const em = server.portico.orm.em.fork();
      for (let i = 0; i < plans; i++) {
        const plan = em.create(Plan, {
          owner: em.getReference('User', user.id) as never,
          title: `Plan ${i}`,
        });
        for (let j = 0; j < 3; j++) {
          em.create('PlanActivity', {
            plan,
            title: `Activity ${j}`,
            orderIndex: j,
            estimatedCost: `${j}.25`,
          } as never);
        }
      }
      await em.flush();
      const { result, statements } = await server.measure<{
        myPlans: { totalCount: number; nodes: { totalEstimatedCost: string }[] };
      }>(LIST, {}, { as: user });
      expect(result.errors).toBeUndefined();
      expect(result.data!.myPlans.totalCount).toBe(plans);
      expect(result.data!.myPlans.nodes[0].totalEstimatedCost).toBe('3.75');
      return statements;
    } finally {
      await server.close();
    }
  }

  it('is the same for 10 and 100 plans', async () => {
    // session; plans page, count; owners, totals, activities page, activities count
    const expected = 1 + 2 + 4;
    expect({ ten: await measure(10), hundred: await measure(100) }).toEqual({
      ten: expected,
      hundred: expected,
    });
  });
});

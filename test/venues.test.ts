import { randomUUID } from 'node:crypto';
import { Venue } from '../src/modules/venue/venue.entity';
import { VenueHours } from '../src/modules/venue/venue-hours.entity';
import { Role } from '../src/modules/user/role.enum';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects, runOk } from './support';

const CREATE = `mutation ($input: CreateVenueInput!) {
  createVenue(input: $input) { id name city timezone capacity isActive }
}`;
const HOURS = `mutation ($id: ID!, $hours: [VenueHoursInput!]!) {
  setVenueHours(venueId: $id, hours: $hours) { hours { dayOfWeek opensAt closesAt isClosed specialNote } }
}`;
const READ = `query ($id: ID!, $from: LocalDate!, $to: LocalDate!) {
  venue(id: $id) {
    name timezone capacity
    hours { dayOfWeek opensAt closesAt isClosed specialNote }
    closures(from: $from, to: $to) { date note }
    managers { username }
  }
}`;

interface VenueView {
  id: string;
  name: string;
  city: string;
  timezone: string;
  capacity: number;
  isActive: boolean;
}

describe.each(dialects)('venues on %s', (dialect) => {
  let server: TestServer;
  let admin: TestUser;
  let manager: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    admin = await server.createUser({ role: Role.ADMIN });
    manager = await server.createUser();
    member = await server.createUser();
  });
  afterAll(() => server.close());

  const createVenue = async (input: Record<string, unknown> = {}) =>
    (
      await runOk<{ createVenue: VenueView }>(
        server,
        CREATE,
        { input: { name: 'Court 1', city: 'Lisbon', timezone: 'Europe/Lisbon', ...input } },
        admin,
      )
    ).createVenue;
  const read = async (id: string, as = member, from = '2027-01-01', to = '2027-12-31') =>
    (
      await runOk<{
        venue: {
          hours: Record<string, unknown>[];
          closures: { date: string; note: string | null }[];
          managers: { username: string }[];
        };
      }>(server, READ, { id, from, to }, as)
    ).venue;

  it('creates a venue (admins only), with a canonical time zone and capacity 1 by default', async () => {
    const refused = await server.run(
      CREATE,
      { input: { name: 'X', city: 'Y', timezone: 'UTC' } },
      { as: member },
    );
    expect(codesOf(refused)).toEqual(['FORBIDDEN']);
    const venue = await createVenue({ timezone: 'europe/lisbon' });
    expect(venue).toEqual(
      expect.objectContaining({ timezone: 'Europe/Lisbon', capacity: 1, isActive: true }),
    );
    for (const input of [
      { name: 'Bad', city: 'Nowhere', timezone: 'Mars/Olympus_Mons' },
      { name: 'Bad', city: 'Nowhere', timezone: 'UTC', capacity: 0 },
      { name: '', city: 'Nowhere', timezone: 'UTC' },
    ]) {
      expect(codesOf(await server.run(CREATE, { input }, { as: admin }))).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
  });

  it('replaces the week: overnight hours, closed days with a note, each day at most once', async () => {
    const venue = await createVenue();
    const week = [
      { dayOfWeek: 5, opensAt: '18:00', closesAt: '02:00' },
      { dayOfWeek: 1, opensAt: '09:00', closesAt: '17:30:00' },
      { dayOfWeek: 7, isClosed: true, specialNote: 'Closed for maintenance' },
    ];
    await runOk(server, HOURS, { id: venue.id, hours: week }, admin);
    expect((await read(venue.id)).hours).toEqual([
      {
        dayOfWeek: 1,
        opensAt: '09:00:00',
        closesAt: '17:30:00',
        isClosed: false,
        specialNote: null,
      },
      {
        dayOfWeek: 5,
        opensAt: '18:00:00',
        closesAt: '02:00:00',
        isClosed: false,
        specialNote: null,
      },
      {
        dayOfWeek: 7,
        opensAt: null,
        closesAt: null,
        isClosed: true,
        specialNote: 'Closed for maintenance',
      },
    ]);
    for (const hours of [
      [
        { dayOfWeek: 1, opensAt: '09:00', closesAt: '10:00' },
        { dayOfWeek: 1, isClosed: true },
      ],
      [{ dayOfWeek: 2, opensAt: '09:00' }],
      [{ dayOfWeek: 8, opensAt: '09:00', closesAt: '10:00' }],
    ]) {
      const result = await server.run(HOURS, { id: venue.id, hours }, { as: admin });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    }
    // The refused replacements left the week as it was.
    expect((await read(venue.id)).hours).toHaveLength(3);
    await runOk(server, HOURS, { id: venue.id, hours: [] }, admin);
    expect((await read(venue.id)).hours).toEqual([]);
  });

  it('lets a venue’s managers and admins change it, and nobody else', async () => {
    const venue = await createVenue();
    const other = await createVenue({ name: 'Court 2' });
    const addManager =
      'mutation ($v: ID!, $u: ID!) { addVenueManager(venueId: $v, userId: $u) { id } }';
    expect(
      codesOf(await server.run(addManager, { v: venue.id, u: manager.id }, { as: member })),
    ).toEqual(['FORBIDDEN']);
    await runOk(server, addManager, { v: venue.id, u: manager.id }, admin);
    expect(
      codesOf(await server.run(addManager, { v: venue.id, u: manager.id }, { as: admin })),
    ).toEqual(['CONFLICT']);
    expect((await read(venue.id)).managers).toEqual([{ username: manager.username }]);
    const update =
      'mutation ($id: ID!) { updateVenue(id: $id, input: { capacity: 3 }) { capacity } }';
    expect(
      (
        await runOk<{ updateVenue: { capacity: number } }>(
          server,
          update,
          { id: venue.id },
          manager,
        )
      ).updateVenue.capacity,
    ).toBe(3);
    expect(codesOf(await server.run(update, { id: other.id }, { as: manager }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codesOf(await server.run(update, { id: venue.id }, { as: member }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codesOf(await server.run(update, { id: randomUUID() }, { as: admin }))).toEqual([
      'NOT_FOUND',
    ]);
    const removeManager =
      'mutation ($v: ID!, $u: ID!) { removeVenueManager(venueId: $v, userId: $u) { id } }';
    await runOk(server, removeManager, { v: venue.id, u: manager.id }, admin);
    expect(
      codesOf(await server.run(removeManager, { v: venue.id, u: manager.id }, { as: admin })),
    ).toEqual(['NOT_FOUND']);
    expect(codesOf(await server.run(update, { id: venue.id }, { as: manager }))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('keeps dated closures, listed by date within a bounded range', async () => {
    const venue = await createVenue();
    const close =
      'mutation ($v: ID!, $d: LocalDate!, $n: String) { setVenueClosure(venueId: $v, date: $d, note: $n) { date note } }';
    await runOk(server, close, { v: venue.id, d: '2027-12-25', n: 'Christmas' }, admin);
    await runOk(server, close, { v: venue.id, d: '2027-01-01', n: 'New year' }, admin);
    await runOk(server, close, { v: venue.id, d: '2027-12-25', n: 'Christmas Day' }, admin);
    expect((await read(venue.id)).closures).toEqual([
      { date: '2027-01-01', note: 'New year' },
      { date: '2027-12-25', note: 'Christmas Day' },
    ]);
    expect((await read(venue.id, member, '2027-06-01', '2027-12-31')).closures).toHaveLength(1);
    const open = 'mutation ($v: ID!, $d: LocalDate!) { removeVenueClosure(venueId: $v, date: $d) }';
    expect(
      (
        await runOk<{ removeVenueClosure: boolean }>(
          server,
          open,
          { v: venue.id, d: '2027-01-01' },
          admin,
        )
      ).removeVenueClosure,
    ).toBe(true);
    expect(
      (
        await runOk<{ removeVenueClosure: boolean }>(
          server,
          open,
          { v: venue.id, d: '2027-01-01' },
          admin,
        )
      ).removeVenueClosure,
    ).toBe(false);
    for (const [from, to] of [
      ['2027-01-02', '2027-01-01'],
      ['2027-01-01', '2028-01-02'],
    ]) {
      const result = await server.run(READ, { id: venue.id, from, to }, { as: member });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('lists venues by name, by city regardless of case, and by activity', async () => {
    const city = `City ${randomUUID().slice(0, 6)}`;
    await createVenue({ name: 'B hall', city });
    const closed = await createVenue({ name: 'A hall', city: city.toUpperCase() });
    await runOk(
      server,
      'mutation ($id: ID!) { updateVenue(id: $id, input: { isActive: false }) { id } }',
      { id: closed.id },
      admin,
    );
    const names = async (filter: Record<string, unknown>) =>
      (
        await runOk<{ venues: { totalCount: number; nodes: { name: string }[] } }>(
          server,
          'query ($filter: VenueFilter) { venues(first: 10, filter: $filter) { totalCount nodes { name } } }',
          { filter },
          member,
        )
      ).venues.nodes.map((node) => node.name);
    expect(await names({ city: city.toLowerCase() })).toEqual(['A hall', 'B hall']);
    expect(await names({ city, isActive: true })).toEqual(['B hall']);
    expect(await names({ city, isActive: false })).toEqual(['A hall']);
  });

  it('refuses rows that break the rules, even written directly (CHECK)', async () => {
    const em = server.portico.orm.em.fork();
    const venue = em.create(Venue, { name: 'Raw', city: 'Raw', timezone: 'UTC' });
    await em.flush();
    const insert = (fields: Record<string, unknown>) => {
      const fork = server.portico.orm.em.fork();
      fork.create(VenueHours, {
        venue: fork.getReference(Venue, venue.id),
        dayOfWeek: 1,
        ...fields,
      } as never);
      return fork.flush();
    };
    await expect(insert({ dayOfWeek: 0, isClosed: true })).rejects.toThrow(/check constraint/i);
    await expect(insert({ opensAt: '09:00:00' })).rejects.toThrow(/check constraint/i);
    const capacity = server.portico.orm.em.fork();
    capacity.create(Venue, { name: 'Raw', city: 'Raw', timezone: 'UTC', capacity: 0 });
    await expect(capacity.flush()).rejects.toThrow(/check constraint/i);
  });

  it('reads hours, closures and managers of 20 venues in the same statements as of 2', async () => {
    const QUERY = `query ($city: String!) { venues(first: 20, filter: { city: $city }) {
      nodes { name hours { dayOfWeek } closures(from: "2027-01-01", to: "2027-12-31") { date } managers { username } }
    } }`;
    const measure = async (count: number) => {
      const city = `Batch ${randomUUID().slice(0, 6)}`;
      for (let i = 0; i < count; i++) {
        const venue = await createVenue({ name: `V${i}`, city });
        await runOk(
          server,
          HOURS,
          { id: venue.id, hours: [{ dayOfWeek: 1, opensAt: '09:00', closesAt: '17:00' }] },
          admin,
        );
      }
      const { result, statements } = await server.measure<{ venues: { nodes: unknown[] } }>(
        QUERY,
        { city },
        { as: member },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.venues.nodes).toHaveLength(count);
      return statements;
    };
    // session; venues page; hours, closures, managers
    expect({ two: await measure(2), twenty: await measure(20) }).toEqual({ two: 5, twenty: 5 });
  });
});

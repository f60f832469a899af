import { randomUUID } from 'node:crypto';
import { Booking } from '../src/modules/booking/booking.entity';
import { Role } from '../src/modules/user/role.enum';
import { User } from '../src/modules/user/user.entity';
import { Venue } from '../src/modules/venue/venue.entity';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects, runOk } from './support';

const FIELDS =
  'id status startsAt endsAt notes price currency cancelledAt cancellationReason version bookedBy { id }';
const CREATE = `mutation ($input: CreateBookingInput!) { createBooking(input: $input) { ${FIELDS} } }`;
const CONFIRM = `mutation ($id: ID!) { confirmBooking(id: $id) { ${FIELDS} } }`;
const COMPLETE = `mutation ($id: ID!) { completeBooking(id: $id) { ${FIELDS} } }`;
const CANCEL = `mutation ($id: ID!, $reason: String!) { cancelBooking(id: $id, reason: $reason) { ${FIELDS} } }`;
const RESCHEDULE = `mutation ($id: ID!, $startsAt: DateTimeISO!, $endsAt: DateTimeISO!) {
  rescheduleBooking(id: $id, startsAt: $startsAt, endsAt: $endsAt) { ${FIELDS} }
}`;
const READ = `query ($id: ID!) { booking(id: $id) { ${FIELDS} changes { nodes { kind changes actor { id } } } } }`;
const SLOTS = `query ($id: ID!, $date: LocalDate!, $duration: Int!) {
  venue(id: $id) { freeSlots(date: $date, duration: $duration) { startsAt endsAt } }
}`;

interface BookingView {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  notes: string | null;
  price: string | null;
  cancelledAt: string | null;
  cancellationReason: string | null;
  version: number;
  bookedBy: { id: string } | null;
}

/** Every day 08:00–20:00 local, Saturdays until 02:00 the next morning, Sundays 00:00–06:00. */
const WEEK = [
  ...[1, 2, 3, 4, 5].map((dayOfWeek) => ({ dayOfWeek, opensAt: '08:00', closesAt: '20:00' })),
  { dayOfWeek: 6, opensAt: '22:00', closesAt: '02:00' },
  { dayOfWeek: 7, opensAt: '00:00', closesAt: '06:00' },
];

describe.each(dialects)('bookings on %s', (dialect) => {
  let server: TestServer;
  let admin: TestUser;
  let manager: TestUser;
  let booker: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    admin = await server.createUser({ role: Role.ADMIN });
    manager = await server.createUser();
    booker = await server.createUser();
    other = await server.createUser();
  });
  afterAll(() => server.close());

  const venue = async (fields: Record<string, unknown> = {}) => {
    const { createVenue } = await runOk<{ createVenue: { id: string } }>(
      server,
      'mutation ($input: CreateVenueInput!) { createVenue(input: $input) { id } }',
      { input: { name: 'Court', city: 'Lisbon', timezone: 'Europe/Lisbon', ...fields } },
      admin,
    );
    await runOk(
      server,
      'mutation ($id: ID!, $hours: [VenueHoursInput!]!) { setVenueHours(venueId: $id, hours: $hours) { id } }',
      { id: createVenue.id, hours: WEEK },
      admin,
    );
    await runOk(
      server,
      'mutation ($v: ID!, $u: ID!) { addVenueManager(venueId: $v, userId: $u) { id } }',
      { v: createVenue.id, u: manager.id },
      admin,
    );
    return createVenue.id;
  };
  const book = (venueId: string, startsAt: string, endsAt: string, as = booker, extra = {}) =>
    server.run<{ createBooking: BookingView }>(
      CREATE,
      { input: { venueId, startsAt, endsAt, ...extra } },
      { as },
    );
  const booked = async (venueId: string, startsAt: string, endsAt: string, extra = {}) => {
    const result = await book(venueId, startsAt, endsAt, booker, extra);
    expect(result.errors).toBeUndefined();
    return result.data!.createBooking;
  };

  // Wednesday 2027-06-02 in Lisbon is UTC+1: 08:00–20:00 local is 07:00–19:00Z.
  it('books inside an opening, PENDING, with exact price and notes; back to back is fine', async () => {
    const id = await venue();
    const first = await booked(id, '2027-06-02T07:00:00Z', '2027-06-02T08:00:00Z', {
      notes: 'Bring rackets',
      price: '12.5',
      currency: 'eur',
    });
    expect(first).toEqual(
      expect.objectContaining({
        status: 'PENDING',
        notes: 'Bring rackets',
        price: '12.50',
        bookedBy: { id: booker.id },
        version: 1,
      }),
    );
    await booked(id, '2027-06-02T08:00:00Z', '2027-06-02T09:00:00Z');
  });

  it.each([
    ['before opening', '2027-06-02T06:30:00Z', '2027-06-02T07:30:00Z'],
    ['past closing', '2027-06-02T18:30:00Z', '2027-06-02T19:30:00Z'],
    ['in the past', '2020-06-03T07:00:00Z', '2020-06-03T08:00:00Z'],
    ['ending before it starts', '2027-06-02T09:00:00Z', '2027-06-02T08:00:00Z'],
    ['longer than a day', '2027-06-02T07:00:00Z', '2027-06-03T08:00:00Z'],
  ])(
    'refuses a booking %s with BAD_USER_INPUT, writing nothing',
    async (_name, startsAt, endsAt) => {
      const id = await venue();
      const result = await book(id, startsAt, endsAt);
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(await server.portico.orm.em.fork().count(Booking, { venue: id })).toBe(0);
    },
  );

  it('refuses an overlap with CONFLICT naming the range in the way, and honours capacity', async () => {
    const id = await venue();
    await booked(id, '2027-06-02T10:00:00Z', '2027-06-02T11:00:00Z');
    const clash = await book(id, '2027-06-02T10:30:00Z', '2027-06-02T11:30:00Z', other);
    expect(codesOf(clash)).toEqual(['CONFLICT']);
    expect(clash.errors![0].message).toContain(
      '2027-06-02T10:00:00.000Z to 2027-06-02T11:00:00.000Z',
    );
    expect(clash.errors![0].extensions).toEqual(
      expect.objectContaining({ conflictingStartsAt: '2027-06-02T10:00:00.000Z' }),
    );
    const pair = await venue({ capacity: 2 });
    await booked(pair, '2027-06-02T10:00:00Z', '2027-06-02T11:00:00Z');
    await booked(pair, '2027-06-02T10:30:00Z', '2027-06-02T11:30:00Z');
    expect(codesOf(await book(pair, '2027-06-02T10:45:00Z', '2027-06-02T11:15:00Z'))).toEqual([
      'CONFLICT',
    ]);
    // A cancelled booking frees its range.
    const freed = await booked(pair, '2027-06-02T12:00:00Z', '2027-06-02T13:00:00Z');
    await booked(pair, '2027-06-02T12:00:00Z', '2027-06-02T13:00:00Z');
    await runOk(server, CANCEL, { id: freed.id, reason: 'Rain' }, booker);
    await booked(pair, '2027-06-02T12:15:00Z', '2027-06-02T12:45:00Z');
  });

  it('runs the state machine: allowed transitions by the right people, the others refused with the status', async () => {
    const id = await venue();
    const booking = await booked(id, '2027-06-02T14:00:00Z', '2027-06-02T15:00:00Z');
    expect(codesOf(await server.run(CONFIRM, { id: booking.id }, { as: booker }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codesOf(await server.run(COMPLETE, { id: booking.id }, { as: manager }))).toEqual([
      'CONFLICT',
    ]);
    const confirmed = await runOk<{ confirmBooking: BookingView }>(
      server,
      CONFIRM,
      { id: booking.id },
      manager,
    );
    expect(confirmed.confirmBooking).toEqual(
      expect.objectContaining({ status: 'CONFIRMED', version: 2 }),
    );
    const again = await server.run(CONFIRM, { id: booking.id }, { as: admin });
    expect(codesOf(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].extensions).toEqual(
      expect.objectContaining({ reason: 'INVALID_TRANSITION', currentStatus: 'CONFIRMED' }),
    );
    expect(
      codesOf(await server.run(CANCEL, { id: booking.id, reason: 'x' }, { as: other })),
    ).toEqual(['FORBIDDEN']);
    expect(
      codesOf(await server.run(CANCEL, { id: booking.id, reason: '  ' }, { as: booker })),
    ).toEqual(['BAD_USER_INPUT']);
    const completed = await runOk<{ completeBooking: BookingView }>(
      server,
      COMPLETE,
      { id: booking.id },
      admin,
    );
    expect(completed.completeBooking.status).toBe('COMPLETED');
    const late = await server.run(CANCEL, { id: booking.id, reason: 'Too late' }, { as: booker });
    expect(codesOf(late)).toEqual(['CONFLICT']);
    expect(late.errors![0].extensions).toEqual(
      expect.objectContaining({ currentStatus: 'COMPLETED' }),
    );

    const cancelled = await booked(id, '2027-06-02T16:00:00Z', '2027-06-02T17:00:00Z');
    const result = await runOk<{ cancelBooking: BookingView }>(
      server,
      CANCEL,
      { id: cancelled.id, reason: ' Ill ' },
      booker,
    );
    expect(result.cancelBooking).toEqual(
      expect.objectContaining({ status: 'CANCELLED', cancellationReason: 'Ill' }),
    );
    expect(result.cancelBooking.cancelledAt).not.toBeNull();
    for (const query of [CONFIRM, COMPLETE]) {
      expect(codesOf(await server.run(query, { id: cancelled.id }, { as: admin }))).toEqual([
        'CONFLICT',
      ]);
    }
  });

  it('records reschedules and cancellations, shown to the booker and managers only', async () => {
    const id = await venue();
    const booking = await booked(id, '2027-06-02T07:00:00Z', '2027-06-02T08:00:00Z', {
      notes: 'Private',
    });
    await booked(id, '2027-06-02T09:00:00Z', '2027-06-02T10:00:00Z');
    const clash = await server.run(
      RESCHEDULE,
      { id: booking.id, startsAt: '2027-06-02T08:30:00Z', endsAt: '2027-06-02T09:30:00Z' },
      { as: booker },
    );
    expect(codesOf(clash)).toEqual(['CONFLICT']);
    // Moving within its own range is no clash with itself.
    await runOk(
      server,
      RESCHEDULE,
      { id: booking.id, startsAt: '2027-06-02T07:30:00Z', endsAt: '2027-06-02T08:30:00Z' },
      booker,
    );
    await runOk(server, CANCEL, { id: booking.id, reason: 'Moved away' }, manager);
    const seen = async (as: TestUser) =>
      (
        await runOk<{
          booking: BookingView & {
            changes: {
              nodes: { kind: string; changes: Record<string, unknown>; actor: { id: string } }[];
            } | null;
          };
        }>(server, READ, { id: booking.id }, as)
      ).booking;
    const mine = await seen(booker);
    expect(mine.changes!.nodes.map((change) => [change.kind, change.actor.id])).toEqual([
      ['CREATED', booker.id],
      ['RESCHEDULED', booker.id],
      ['CANCELLED', manager.id],
    ]);
    expect(mine.changes!.nodes[1].changes).toEqual({
      startsAt: { from: '2027-06-02T07:00:00.000Z', to: '2027-06-02T07:30:00.000Z' },
      endsAt: { from: '2027-06-02T08:00:00.000Z', to: '2027-06-02T08:30:00.000Z' },
    });
    expect((await seen(manager)).notes).toBe('Private');
    const stranger = await seen(other);
    expect(stranger).toEqual(
      expect.objectContaining({ notes: null, bookedBy: null, changes: null, status: 'CANCELLED' }),
    );
  });

  it('keeps opening hours and free slots right across the clock changes, overnight included', async () => {
    const id = await venue();
    const slots = async (date: string, duration = 60) =>
      (
        await runOk<{ venue: { freeSlots: { startsAt: string; endsAt: string }[] } }>(
          server,
          SLOTS,
          { id, date, duration },
          other,
        )
      ).venue.freeSlots;
    // Sunday 2027-03-28: the clocks go from 01:00 to 02:00; 00:00–06:00 local is 00:00–05:00Z.
    const spring = await slots('2027-03-28');
    expect(spring.map((slot) => slot.startsAt)).toEqual(
      ['00', '01', '02', '03', '04'].map((hour) => `2027-03-28T${hour}:00:00.000Z`),
    );
    // Sunday 2027-10-31: from 02:00 back to 01:00; 00:00–06:00 local is 23:00Z (Saturday)–06:00Z.
    const autumn = await slots('2027-10-31');
    expect(autumn).toHaveLength(7);
    expect(autumn[0].startsAt).toBe('2027-10-30T23:00:00.000Z');
    expect(autumn[6].endsAt).toBe('2027-10-31T06:00:00.000Z');
    // Saturday 2027-03-27 22:00 until 02:00 on Sunday, across the change: 22:00Z–01:00Z.
    const overnight = await slots('2027-03-27');
    expect(overnight.map((slot) => slot.startsAt)).toEqual([
      '2027-03-27T22:00:00.000Z',
      '2027-03-27T23:00:00.000Z',
      '2027-03-28T00:00:00.000Z',
    ]);
    // A booking that spans the change (00:30–02:30 local, one hour of it skipped) fits the
    // Sunday opening, and takes its slots.
    await booked(id, '2027-03-28T00:30:00Z', '2027-03-28T01:30:00Z');
    expect((await slots('2027-03-28')).map((slot) => slot.startsAt)).toEqual(
      ['02', '03', '04'].map((hour) => `2027-03-28T${hour}:00:00.000Z`),
    );
    // After midnight on a Saturday night belongs to Saturday's opening.
    await booked(id, '2027-03-28T00:00:00Z', '2027-03-28T00:30:00Z');
    expect(codesOf(await book(id, '2027-03-28T01:00:00Z', '2027-03-28T02:00:00Z'))).toEqual([
      'CONFLICT',
    ]);
  });

  it('closes the venue on a dated closure: no slots, no bookings', async () => {
    const id = await venue();
    await runOk(
      server,
      'mutation ($v: ID!) { setVenueClosure(venueId: $v, date: "2027-06-09", note: "Works") { date } }',
      { v: id },
      manager,
    );
    const slots = await runOk<{ venue: { freeSlots: unknown[] } }>(
      server,
      SLOTS,
      { id, date: '2027-06-09', duration: 60 },
      other,
    );
    expect(slots.venue.freeSlots).toEqual([]);
    expect(codesOf(await book(id, '2027-06-09T09:00:00Z', '2027-06-09T10:00:00Z'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const open = await runOk<{ venue: { freeSlots: unknown[] } }>(
      server,
      SLOTS,
      { id, date: '2027-06-10', duration: 30 },
      other,
    );
    expect(open.venue.freeSlots).toHaveLength(24);
  });

  it('lets exactly one of many concurrent bookings of one range succeed, the others CONFLICT', async () => {
    const id = await venue();
    const people = await Promise.all(Array.from({ length: 6 }, () => server.createUser()));
    const results = await Promise.all(
      people.map((person, i) =>
        book(
          id,
          `2027-06-03T${String(9 + (i % 2)).padStart(2, '0')}:00:00Z`,
          '2027-06-03T10:30:00Z',
          person,
        ),
      ),
    );
    const codes = results.map((result) => codesOf(result)[0] ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code !== 'OK').every((code) => code === 'CONFLICT')).toBe(true);
  });

  it('refuses an overlapping row written around the service (exclusion constraint / trigger)', async () => {
    const id = await venue();
    const em = server.portico.orm.em.fork();
    const first = em.fork();
    first.create(Booking, {
      venue: first.getReference(Venue, id),
      bookedBy: first.getReference(User, booker.id),
      startsAt: new Date('2027-07-01T10:00:00Z'),
      endsAt: new Date('2027-07-01T11:00:00Z'),
    });
    await first.flush();
    const second = em.fork();
    second.create(Booking, {
      venue: second.getReference(Venue, id),
      bookedBy: second.getReference(User, booker.id),
      startsAt: new Date('2027-07-01T10:30:00Z'),
      endsAt: new Date('2027-07-01T11:30:00Z'),
    });
    await expect(second.flush()).rejects.toThrow(
      dialect === 'postgresql' ? /bookings_no_overlap|exclusion/i : /overlaps another booking/,
    );
    // No two non-cancelled bookings of one place of a venue overlap, by a self-join.
    const overlapping = await server.portico.orm.em.fork().execute<{ n: number }[]>(
      `select count(*) as n from bookings a join bookings b on a.venue_id = b.venue_id and a.slot = b.slot and a.id < b.id
          where a.status <> 'CANCELLED' and b.status <> 'CANCELLED' and a.starts_at < b.ends_at and b.starts_at < a.ends_at`,
    );
    expect(Number(overlapping[0].n)).toBe(0);
  });

  it('lists a venue’s bookings in a range and my bookings, and the day of 20 venues in constant statements', async () => {
    const measure = async (count: number) => {
      const city = `Range ${randomUUID().slice(0, 6)}`;
      for (let i = 0; i < count; i++) {
        const id = await venue({ name: `V${i}`, city });
        await booked(id, '2027-06-04T09:00:00Z', '2027-06-04T10:00:00Z');
      }
      const { result, statements } = await server.measure<{
        venues: { nodes: { bookings: { nodes: unknown[] }; freeSlots: unknown[] }[] };
      }>(
        `query ($city: String!) { venues(first: 20, filter: { city: $city }) { nodes {
          bookings(from: "2027-06-04T00:00:00Z", to: "2027-06-05T00:00:00Z") { nodes { startsAt status } }
          freeSlots(date: "2027-06-04", duration: 60) { startsAt }
        } } }`,
        { city },
        { as: other },
      );
      expect(result.errors).toBeUndefined();
      for (const node of result.data!.venues.nodes) {
        expect(node.bookings.nodes).toHaveLength(1);
        expect(node.freeSlots).toHaveLength(11);
      }
      return statements;
    };
    // session; venues page; bookings page; the venues' time zones and capacities (not selected);
    // hours, closures, bookings around the day
    expect({ two: await measure(2), twenty: await measure(20) }).toEqual({ two: 7, twenty: 7 });
    const mine = await runOk<{ myBookings: { totalCount: number } }>(
      server,
      '{ myBookings(status: PENDING) { totalCount } }',
      {},
      booker,
    );
    expect(mine.myBookings.totalCount).toBeGreaterThan(20);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { Role } from '../src/modules/user/role.enum';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { runOk } from './support';

/**
 * Many clients book overlapping ranges of the same venues at once, through HTTP, against two
 * Portico processes on one PostgreSQL database (SQLite serves one process). Every attempt must
 * be a success or a CONFLICT, and no two non-cancelled bookings of one place may overlap.
 */

const CLIENTS = 50;
const ATTEMPTS = 20;
const VENUES = 3;

/** Overlapping non-cancelled pairs of one place of a venue: must be 0. */
const OVERLAPS = `select count(*)::int as n from bookings a join bookings b
  on a.venue_id = b.venue_id and a.slot = b.slot and a.id < b.id
  where a.status <> 'CANCELLED' and b.status <> 'CANCELLED'
    and a.starts_at < b.ends_at and b.starts_at < a.ends_at`;

function startProcess(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'server-process.mjs')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += String(chunk);
      const ready = /Portico ready at (\S+)/.exec(output);
      if (ready) resolve({ child, url: ready[1] });
    });
    child.once('exit', (code) => reject(new Error(`Portico exited with ${code}: ${output}`)));
  });
}

/** A 90-minute booking starting on one of six half hours: most attempts overlap another. */
function attempt(venues: string[]) {
  const venueId = venues[Math.floor(Math.random() * venues.length)];
  const start = Date.UTC(2027, 5, 1, 9) + Math.floor(Math.random() * 6) * 1_800_000;
  return {
    venueId,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 5_400_000).toISOString(),
  };
}

interface Outcome {
  http: number;
  code: string;
}

async function race(urls: string[], tokens: string[], venues: string[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await Promise.all(
    tokens.map(async (token, client) => {
      for (let i = 0; i < ATTEMPTS; i++) {
        const response = await fetch(urls[(client + i) % urls.length], {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: 'mutation ($input: CreateBookingInput!) { createBooking(input: $input) { id } }',
            variables: { input: attempt(venues) },
          }),
        });
        const body = (await response.json()) as {
          data?: unknown;
          errors?: { extensions?: { code?: string } }[];
        };
        outcomes.push({
          http: response.status,
          code: body.errors ? String(body.errors[0].extensions?.code) : 'OK',
        });
      }
    }),
  );
  return outcomes;
}

describe('booking race on PostgreSQL, two processes', () => {
  let server: TestServer;
  let processes: ChildProcess[] = [];
  let urls: string[];
  let tokens: string[];
  let venues: string[];
  let db: pg.Pool;

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'postgresql' });
    const admin: TestUser = await server.createUser({ role: Role.ADMIN });
    venues = [];
    for (let v = 0; v < VENUES; v++) {
      const { createVenue } = await runOk<{ createVenue: { id: string } }>(
        server,
        `mutation { createVenue(input: { name: "Court ${v}", city: "Race", timezone: "UTC" }) { id } }`,
        {},
        admin,
      );
      await runOk(
        server,
        'mutation ($id: ID!) { setVenueHours(venueId: $id, hours: [{ dayOfWeek: 2, opensAt: "06:00", closesAt: "22:00" }]) { id } }',
        { id: createVenue.id },
        admin,
      );
      venues.push(createVenue.id);
    }
    const users = await Promise.all(Array.from({ length: CLIENTS }, () => server.createUser()));
    tokens = users.map((user) => user.token);
    const databaseUrl = server.portico.config.dbName;
    const started = await Promise.all([startProcess(databaseUrl), startProcess(databaseUrl)]);
    processes = started.map((started) => started.child);
    urls = started.map((started) => started.url);
    db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  }, 120_000);

  afterAll(async () => {
    for (const child of processes) child.kill('SIGKILL');
    await db?.end();
    await server?.close();
  });

  const overlaps = async () => (await db.query<{ n: number }>(OVERLAPS)).rows[0].n;

  it(`answers ${CLIENTS} × ${ATTEMPTS} racing bookings with success or CONFLICT, and keeps them apart`, async () => {
    const outcomes = await race(urls, tokens, venues);
    expect(outcomes).toHaveLength(CLIENTS * ATTEMPTS);
    expect(outcomes.filter((outcome) => outcome.http !== 200)).toEqual([]);
    const codes = new Set(outcomes.map((outcome) => outcome.code));
    expect([...codes].sort()).toEqual(['CONFLICT', 'OK']);
    expect(await overlaps()).toBe(0);
    // Both processes took bookings.
    const { rows } = await db.query<{ n: number }>(
      "select count(*)::int as n from bookings where status <> 'CANCELLED'",
    );
    expect(rows[0].n).toBe(outcomes.filter((outcome) => outcome.code === 'OK').length);
  }, 120_000);

  it('finds overlaps once the constraint is gone and rows are written around the service (the check can fail)', async () => {
    await db.query('alter table bookings drop constraint bookings_no_overlap');
    try {
      // Through the API the service's check under the venue's lock still keeps them apart…
      const outcomes = await race(urls, tokens.slice(0, 10), venues);
      expect(outcomes.filter((outcome) => outcome.http !== 200)).toEqual([]);
      expect(await overlaps()).toBe(0);
      // …but rows written directly, with no check and no constraint, overlap, and the query sees it.
      const [booker] = (await db.query<{ id: string }>('select id from users limit 1')).rows;
      for (let i = 0; i < 2; i++) {
        await db.query(
          `insert into bookings (id, created_at, updated_at, venue_id, booked_by_id, starts_at, ends_at)
           values (gen_random_uuid(), now(), now(), $1, $2, '2027-06-08T10:00:00Z', '2027-06-08T11:00:00Z')`,
          [venues[0], booker.id],
        );
      }
      expect(await overlaps()).toBeGreaterThan(0);
    } finally {
      await db.query("delete from bookings where starts_at = '2027-06-08T10:00:00Z'");
      await db.query(
        `alter table bookings add constraint bookings_no_overlap exclude using gist (venue_id with =, slot with =, tstzrange(starts_at, ends_at, '[)') with &&) where (status <> 'CANCELLED')`,
      );
    }
  }, 120_000);
});

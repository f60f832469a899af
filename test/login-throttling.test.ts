import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { createPortico } from '../src/app';
import { addressKey } from '../src/common/rate-limit';
import { loadConfig } from '../src/config';
import { Role } from '../src/modules/user/role.enum';
import { User } from '../src/modules/user/user.entity';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects } from './support';

const LOG_IN = `mutation LogIn($input: LogInInput!) {
  logIn(input: $input) { token user { id lastLoginAt } }
}`;
const SIGN_UP = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token } }`;

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

interface HttpAnswer {
  status: number;
  retryAfter: string | null;
  body: GraphQLBody;
}

const WRONG = 'not the password';

/** Posts one operation over real HTTP, from `ip` as a proxy on loopback reports it. */
async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  ip: string,
): Promise<HttpAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as GraphQLBody,
  };
}

/** A distinct documentation address (TEST-NET-3) per call, so tests never share counters. */
let lastOctet = 0;
const nextIp = () => `203.0.113.${(lastOctet += 1)}`;

function expectThrottled(answer: HttpAnswer, maxSeconds: number): number {
  expect(answer.status).toBe(429);
  expect(codesOf(answer.body)).toEqual(['TOO_MANY_REQUESTS']);
  const retryAfter = answer.body.errors![0].extensions!.retryAfter as number;
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(answer.retryAfter).toBe(String(retryAfter));
  // Apollo takes the status and headers out of the body.
  expect(answer.body.errors![0].extensions).not.toHaveProperty('http');
  return retryAfter;
}

describe('addressKey', () => {
  it.each([
    [null, 'unknown'],
    ['198.51.100.7', '198.51.100.7'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::ffff', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:aaaa::1%eth0', '2001:db8:1:2::/64'],
    ['2001:db8::', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('keys %s as %s', (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });
});

describe.each(dialects)('login throttling on %s', (dialect) => {
  /** With the defaults (10 failures, blocked for an hour). */
  let server: TestServer;
  let admin: TestUser;
  /** With LOGIN_MAX_FAILURES=3, so that each case spends fewer Argon2 verifications. */
  let quick: TestServer;
  const LIMIT = 3;
  const BLOCK = 600;
  const urls = new Map<TestServer, string>();

  const logIn = (on: TestServer, login: string, password: string, ip: string) =>
    post(urls.get(on)!, LOG_IN, { input: { login, password } }, ip);

  /** `count` failed logIns of `login` from `ip`, each an ordinary UNAUTHENTICATED with HTTP 200. */
  async function fail(on: TestServer, login: string, ip: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const answer = await logIn(on, login, WRONG, ip);
      expect(answer.status).toBe(200);
      expect(codesOf(answer.body)).toEqual(['UNAUTHENTICATED']);
    }
  }

  /** One document of aliased logIns `a1`, `a2`, … with these logins and passwords. */
  const aliased = (attempts: [string, string][], ip: string) =>
    post(
      urls.get(quick)!,
      `mutation { ${attempts
        .map(
          ([login, password], n) =>
            `a${n + 1}: logIn(input: { login: ${JSON.stringify(login)}, password: ${JSON.stringify(password)} }) { token }`,
        )
        .join(' ')} }`,
      {},
      ip,
    );

  beforeAll(async () => {
    [server, quick] = await Promise.all([
      startTestServer({ dialect }),
      startTestServer({
        dialect,
        env: { LOGIN_MAX_FAILURES: String(LIMIT), LOGIN_BLOCK_SECONDS: String(BLOCK) },
      }),
    ]);
    for (const each of [server, quick]) urls.set(each, await each.listen());
    admin = await server.createUser({ role: Role.ADMIN });
  });
  afterAll(() => Promise.all([server.close(), quick.close()]));

  it('refuses the 11th attempt after 10 wrong passwords, even with the right one, with 429 and Retry-After', async () => {
    const user = await server.createUser();
    const ip = nextIp();
    await fail(server, user.username, ip, 10);
    const refused = await logIn(server, user.username, user.password, ip);
    const retryAfter = expectThrottled(refused, 3600);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(refused.body.errors![0].message).toMatch(/too many/i);
    expect(refused.body.data ?? null).toBeNull();
    // The same login in another case and with spaces is the same login.
    const variant = ` ${user.username.toUpperCase()} `;
    expectThrottled(await logIn(server, variant, user.password, ip), 3600);
    // Nothing was signed in: the user has not logged in.
    const stored = await server.portico.orm.em.fork().findOneOrFail(User, { id: user.id });
    expect(stored.lastLoginAt ?? null).toBeNull();
  });

  it('counts in-process calls (no client address) too', async () => {
    const user = await quick.createUser();
    const run = (password: string) =>
      quick.run(LOG_IN, { input: { login: user.username, password } });
    for (let i = 0; i < LIMIT; i++) {
      expect(codesOf(await run(WRONG))).toEqual(['UNAUTHENTICATED']);
    }
    const refused = await run(user.password);
    expect(codesOf(refused)).toEqual(['TOO_MANY_REQUESTS']);
    expect(refused.errors![0].extensions).toEqual({
      code: 'TOO_MANY_REQUESTS',
      retryAfter: expect.any(Number),
    });
  });

  it('does not block the same login from another address', async () => {
    const user = await quick.createUser();
    const ip = nextIp();
    await fail(quick, user.username, ip, LIMIT);
    expectThrottled(await logIn(quick, user.username, user.password, ip), BLOCK);
    const elsewhere = await logIn(quick, user.username, user.password, nextIp());
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.errors).toBeUndefined();
  });

  it('does not block another login from the blocked address', async () => {
    const [user, other] = await Promise.all([quick.createUser(), quick.createUser()]);
    const ip = nextIp();
    await fail(quick, user.username, ip, LIMIT);
    expectThrottled(await logIn(quick, user.username, user.password, ip), BLOCK);
    expect((await logIn(quick, other.email, other.password, ip)).body.errors).toBeUndefined();
  });

  it('starts counting afresh after a success', async () => {
    const user = await quick.createUser();
    const ip = nextIp();
    await fail(quick, user.username, ip, LIMIT - 1);
    expect((await logIn(quick, user.username, user.password, ip)).body.errors).toBeUndefined();
    // Without the reset the last of these would already be refused.
    await fail(quick, user.username, ip, LIMIT);
    expectThrottled(await logIn(quick, user.username, WRONG, ip), BLOCK);
  });

  it('checks each aliased logIn of one document on its own', async () => {
    const [a, b, blocked] = await Promise.all([1, 2, 3].map(() => quick.createUser()));
    const ip = nextIp();
    await fail(quick, blocked.username, ip, LIMIT);
    const answer = await aliased(
      [
        [a.username, a.password],
        [b.username, b.password],
        [blocked.username, blocked.password],
      ],
      ip,
    );
    // a1 and a2 ran and passed; a3 was counted and refused; the transaction rolled back.
    expectThrottled(answer, BLOCK);
    expect(answer.body.errors![0]).toMatchObject({ path: ['a3'] });
    expect(answer.body.data ?? null).toBeNull();
  });

  it('counts every aliased logIn of one document', async () => {
    const user = await quick.createUser();
    const ip = nextIp();
    await fail(quick, user.username, ip, LIMIT - 2);
    // Three guesses in one request: the limit is reached by the second, passed by the third.
    const answer = await aliased(
      [
        [user.username, WRONG],
        [user.username, `${WRONG} 2`],
        [user.username, `${WRONG} 3`],
      ],
      ip,
    );
    expect(answer.body.errors![0]).toMatchObject({ path: ['a1'] });
    expect(answer.body.data ?? null).toBeNull();
    expectThrottled(await logIn(quick, user.username, user.password, ip), BLOCK);
  });

  it('does not run Argon2 for a throttled attempt', async () => {
    const user = await quick.createUser();
    const ip = nextIp();
    await fail(quick, user.username, ip, LIMIT);
    // A hash Argon2 cannot read: any attempt that reaches the check fails loudly.
    await quick.portico.orm.em
      .fork()
      .nativeUpdate(User, { id: user.id }, { passwordHash: 'not-an-argon2-hash' });
    const unthrottled = await logIn(quick, user.username, user.password, nextIp());
    expect(codesOf(unthrottled.body)).toEqual(['INTERNAL_SERVER_ERROR']);
    expectThrottled(await logIn(quick, user.username, user.password, ip), BLOCK);
  });

  describe('lastLoginAt and updatedAt of other users', () => {
    const PROJECT = `query Project($id: ID!) {
      project(id: $id) {
        lead { id email lastLoginAt updatedAt }
        watchers { id email lastLoginAt updatedAt }
      }
    }`;
    type Person = {
      id: string;
      email: string | null;
      lastLoginAt: string | null;
      updatedAt: string | null;
    };
    type ProjectView = { project: { lead: Person; watchers: Person[] } };
    let lead: TestUser;
    let member: TestUser;
    let projectId: string;

    /** Signs `user` in through logIn, so that lastLoginAt is set, and answers that session. */
    async function signedIn(user: TestUser): Promise<TestUser> {
      const result = await server.run<{ logIn: { token: string } }>(LOG_IN, {
        input: { login: user.username, password: user.password },
      });
      expect(result.errors).toBeUndefined();
      return { ...user, token: result.data!.logIn.token };
    }

    beforeAll(async () => {
      lead = await signedIn(await server.createUser());
      member = await signedIn(await server.createUser());
      const created = await server.run<{ createProject: { id: string } }>(
        `mutation { createProject(input: { key: "PRIV${dialect === 'sqlite' ? 'S' : 'P'}", name: "Privacy" }) { id } }`,
        {},
        { as: lead },
      );
      expect(created.errors).toBeUndefined();
      projectId = created.data!.createProject.id;
      const watched = await server.run(
        `mutation W($projectId: ID!, $userId: ID!) { addProjectWatcher(projectId: $projectId, userId: $userId) { id } }`,
        { projectId, userId: member.id },
        { as: member },
      );
      expect(watched.errors).toBeUndefined();
    });

    const view = async (as: TestUser) => {
      const result = await server.run<ProjectView>(PROJECT, { id: projectId }, { as });
      expect(result.errors).toBeUndefined();
      return result.data!.project;
    };

    it('are null for a member reading another member through a relation', async () => {
      const { lead: seen } = await view(member);
      expect(seen).toEqual({ id: lead.id, email: null, lastLoginAt: null, updatedAt: null });
      const { watchers } = await view(lead);
      expect(watchers).toEqual([
        { id: member.id, email: null, lastLoginAt: null, updatedAt: null },
      ]);
    });

    it('are shown to the user themself and to admins', async () => {
      const own = (await view(lead)).lead;
      expect(own.email).toBe(lead.email);
      expect(own.lastLoginAt).not.toBeNull();
      expect(own.updatedAt).not.toBeNull();
      const asAdmin = await view(admin);
      expect(asAdmin.lead).toEqual(own);
      for (const person of [asAdmin.lead, asAdmin.watchers[0]]) {
        expect(person.email).not.toBeNull();
        expect(person.lastLoginAt).not.toBeNull();
        expect(person.updatedAt).not.toBeNull();
      }
      const user = await server.run<{ user: Person }>(
        `query U($id: ID!) { user(id: $id) { id email lastLoginAt updatedAt } }`,
        { id: member.id },
        { as: lead },
      );
      expect(user.data!.user).toEqual({
        id: member.id,
        email: null,
        lastLoginAt: null,
        updatedAt: null,
      });
    });
  });
});

describe.each(dialects)('address limits on %s', (dialect) => {
  let server: TestServer;
  let url: string;

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      env: { LOGIN_MAX_FAILURES_PER_IP: '4', SIGNUP_MAX_PER_IP: '3' },
    });
    url = await server.listen();
  });
  afterAll(() => server.close());

  const logIn = (login: string, password: string, ip: string) =>
    post(url, LOG_IN, { input: { login, password } }, ip);

  it('refuses an address after LOGIN_MAX_FAILURES_PER_IP failures a day, whatever the logins', async () => {
    const users = await Promise.all([1, 2, 3].map(() => server.createUser()));
    const ip = nextIp();
    // Successes do not count against the address.
    expect((await logIn(users[0].username, users[0].password, ip)).body.errors).toBeUndefined();
    for (const login of [users[0].username, users[1].username, 'nobody', 'nobody@x.test']) {
      expect(codesOf((await logIn(login, WRONG, ip)).body)).toEqual(['UNAUTHENTICATED']);
    }
    const refused = await logIn(users[2].username, users[2].password, ip);
    const retryAfter = expectThrottled(refused, 24 * 3600);
    expect(retryAfter).toBeGreaterThan(23 * 3600);
    const elsewhere = await logIn(users[2].username, users[2].password, nextIp());
    expect(elsewhere.body.errors).toBeUndefined();
  });

  it('refuses an address after SIGNUP_MAX_PER_IP sign-ups a day, refused ones included', async () => {
    const ip = nextIp();
    const signUp = (name: string, from = ip) =>
      post(
        url,
        SIGN_UP,
        { input: { email: `${name}@example.test`, username: name, password: 'long enough 1' } },
        from,
      );
    expect((await signUp('spam1')).body.errors).toBeUndefined();
    expect(codesOf((await signUp('spam1')).body)).toEqual(['CONFLICT']);
    expect((await signUp('spam2')).body.errors).toBeUndefined();
    const refused = await signUp('spam3');
    expectThrottled(refused, 24 * 3600);
    const users = server.portico.orm.em.fork();
    expect(await users.count(User, { username: 'spam3' })).toBe(0);
    expect((await signUp('spam3', nextIp())).body.errors).toBeUndefined();
  });

  it('counts each aliased signUp of one document', async () => {
    const ip = nextIp();
    const fields = [1, 2, 3, 4].map(
      (n) =>
        `s${n}: signUp(input: { email: "alias${n}-${dialect}@example.test", username: "alias${n}_${dialect}", password: "long enough 1" }) { token }`,
    );
    const answer = await post(url, `mutation { ${fields.join(' ')} }`, {}, ip);
    expectThrottled(answer, 24 * 3600);
    expect(answer.body.errors![0]).toMatchObject({ path: ['s4'] });
    // Rolled back: no account was made, yet the three sign-ups that ran were counted.
    expect(await server.portico.orm.em.fork().count(User, { username: { $like: 'alias%' } })).toBe(
      0,
    );
    const again = await post(
      url,
      SIGN_UP,
      {
        input: {
          email: `late-${dialect}@example.test`,
          username: `late_${dialect}`,
          password: 'long enough 1',
        },
      },
      ip,
    );
    expectThrottled(again, 24 * 3600);
  });

  it('answers a taken e-mail and a taken username alike', async () => {
    const existing = await server.createUser();
    const ip = nextIp();
    const attempt = (email: string, username: string) =>
      post(url, SIGN_UP, { input: { email, username, password: 'long enough 1' } }, ip);
    const takenEmail = await attempt(existing.email.toUpperCase(), `fresh_${dialect}`);
    const takenUsername = await attempt(`fresh-${dialect}@example.test`, existing.username);
    expect(takenEmail.status).toBe(takenUsername.status);
    expect(takenEmail.body).toEqual(takenUsername.body);
    expect(codesOf(takenEmail.body)).toEqual(['CONFLICT']);
    expect(JSON.stringify(takenEmail.body)).not.toMatch(/"field"/);
  });
});

/**
 * A Redis for the shared-store cases: TEST_REDIS_URL when set, else a throwaway redis-server on a
 * free port when the binary exists, else none: the cases are then skipped, and the reason printed.
 */
const HAS_REDIS_BINARY = !spawnSync('redis-server', ['--version']).error;
const REDIS_MISSING =
  !process.env.TEST_REDIS_URL && !HAS_REDIS_BINARY
    ? 'TEST_REDIS_URL is not set and there is no redis-server binary'
    : null;
if (REDIS_MISSING) console.warn(`Skipping the Redis cases of login throttling: ${REDIS_MISSING}`);
else if (!HAS_REDIS_BINARY) {
  console.warn(
    'Skipping the Redis outage case of login throttling: no redis-server binary to stop',
  );
}
const redisIt = REDIS_MISSING ? it.skip : it;
const ownRedisIt = HAS_REDIS_BINARY ? it : it.skip;

/** A TCP port nothing listens on (just now). */
function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function provideRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.TEST_REDIS_URL) return { url: process.env.TEST_REDIS_URL, stop: async () => {} };
  return spawnRedis();
}

/** A throwaway redis-server of this test alone, on a free port, keeping nothing on disk. */
async function spawnRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // redis-server prints this line once it accepts connections.
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready to accept connections/i.test(output)) resolve();
    });
  });
  child.stdout!.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

describe('REDIS_URL at start', () => {
  it('stops the start, naming REDIS_URL, when Redis cannot be reached', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      DATABASE_URL: 'sqlite::memory:',
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    });
    await expect(createPortico(config)).rejects.toThrow(/REDIS_URL could not be reached/);
  });
});

describe.each(dialects)('counters in Redis on %s', (dialect) => {
  const prefix = `portico-test:${randomBytes(6).toString('hex')}:`;
  let redis: { url: string; stop(): Promise<void> } | null = null;
  let one: TestServer;
  let two: TestServer;

  beforeAll(async () => {
    if (REDIS_MISSING) return;
    redis = await provideRedis();
    const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, LOGIN_MAX_FAILURES: '3' };
    [one, two] = await Promise.all([
      startTestServer({ dialect, env }),
      startTestServer({ dialect, env }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    if (redis) {
      const client = new Redis(redis.url);
      const keys = await client.keys(`${prefix}*`);
      if (keys.length) await client.del(...keys);
      await client.quit();
      await redis.stop();
    }
  });

  /** The same account on both servers (each has its own database). */
  async function userOnBoth(): Promise<TestUser> {
    const user = await one.createUser();
    await two.createUser({ username: user.username, email: user.email, password: user.password });
    return user;
  }

  const logIn = (server: TestServer, login: string, password: string) =>
    server.run(LOG_IN, { input: { login, password } });

  redisIt('uses the Redis store', () => {
    expect(one.portico.rateLimits.kind).toBe('redis');
  });

  redisIt('shares failures between two instances', async () => {
    const user = await userOnBoth();
    for (let i = 0; i < 3; i++) {
      const server = i % 2 ? one : two;
      expect(codesOf(await logIn(server, user.username, WRONG))).toEqual(['UNAUTHENTICATED']);
    }
    for (const server of [one, two]) {
      expect(codesOf(await logIn(server, user.username, user.password))).toEqual([
        'TOO_MANY_REQUESTS',
      ]);
    }
    const client = new Redis(redis!.url);
    try {
      expect((await client.keys(`${prefix}login-pair:*`)).length).toBeGreaterThan(0);
    } finally {
      await client.quit();
    }
  });

  redisIt('lets a success on one instance reset the failures counted by the other', async () => {
    const user = await userOnBoth();
    for (let i = 0; i < 2; i++) {
      expect(codesOf(await logIn(one, user.username, WRONG))).toEqual(['UNAUTHENTICATED']);
    }
    expect((await logIn(two, user.username, user.password)).errors).toBeUndefined();
    // Without the reset the third of these would already be refused.
    for (let i = 0; i < 3; i++) {
      expect(codesOf(await logIn(one, user.username, WRONG))).toEqual(['UNAUTHENTICATED']);
    }
    expect(codesOf(await logIn(two, user.username, WRONG))).toEqual(['TOO_MANY_REQUESTS']);
  });

  ownRedisIt('keeps counting, in memory, while Redis is down', async () => {
    const own = await spawnRedis();
    const server = await startTestServer({
      dialect,
      env: { REDIS_URL: own.url, REDIS_KEY_PREFIX: prefix, LOGIN_MAX_FAILURES: '3' },
    });
    try {
      const user = await server.createUser();
      await own.stop();
      for (let i = 0; i < 3; i++) {
        expect(codesOf(await logIn(server, user.username, WRONG))).toEqual(['UNAUTHENTICATED']);
      }
      expect(codesOf(await logIn(server, user.username, user.password))).toEqual([
        'TOO_MANY_REQUESTS',
      ]);
    } finally {
      await server.close();
      await own.stop();
    }
  });
});

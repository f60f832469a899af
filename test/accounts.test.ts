import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { GraphQLError } from 'graphql';
import { createFormatError } from '../src/common/format-error';
import { createAccount, takenFieldOf } from '../src/modules/user/account.service';
import { Role } from '../src/modules/user/role.enum';
import { Session } from '../src/modules/user/session.entity';
import { UsageError, parseUserCreateArgs } from '../src/modules/user/user-create.cli';
import { User } from '../src/modules/user/user.entity';
import { ACCOUNTS_LOCK_KEY, lockAccounts } from '../src/modules/user/user.service';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects } from './support';

const SIGN_UP = `mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) { token user { id email username role } }
}`;
const LOG_IN = `mutation LogIn($input: LogInInput!) {
  logIn(input: $input) { token user { id email username } }
}`;
const ME = `query { me { id email username role isActive } }`;
const USER = `query User($id: ID!) { user(id: $id) { id email username } }`;
const USERS = `query { users(first: 100) { nodes { id email } } }`;
const SET_ROLE = `mutation SetRole($id: ID!, $role: Role!) {
  setUserRole(id: $id, role: $role) { id role isActive }
}`;
const DEACTIVATE = `mutation Deactivate($id: ID!) { deactivateUser(id: $id) { id isActive } }`;
const REACTIVATE = `mutation Reactivate($id: ID!) { reactivateUser(id: $id) { id isActive email } }`;

interface AccountUser {
  id: string;
  email: string | null;
  username: string;
  role: Role;
}
type SignUpResult = { signUp: { token: string; user: AccountUser } };
type LogInResult = { logIn: { token: string; user: AccountUser } };

const password = 'long enough password';
const TAKEN = 'That username or e-mail address is already registered';

describe.each(dialects)('accounts on %s', (dialect) => {
  const servers: TestServer[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const server = await startTestServer({ dialect, env });
    servers.push(server);
    return server;
  };
  afterAll(() => Promise.all(servers.map((server) => server.close())));

  const signUp = (server: TestServer, input: Record<string, unknown>) =>
    server.run<SignUpResult>(SIGN_UP, { input: { password, ...input } });
  const logIn = (server: TestServer, login: string, pw = password) =>
    server.run<LogInResult>(LOG_IN, { input: { login, password: pw } });
  const em = (server: TestServer) => server.portico.orm.em.fork();
  const admins = (server: TestServer) =>
    em(server).count(User, { role: Role.ADMIN, isActive: true });

  /**
   * Runs `requests` while this test holds the accounts lock, and lets go only once `waiters` of
   * them wait for it, so that they all pass their checks before any of them counts or writes.
   * On PostgreSQL the wait is visible in pg_locks. On SQLite holding a transaction holds the
   * pool's one connection, so the requests queue for it and run one at a time after it.
   */
  async function withAccountsLocked<T>(
    server: TestServer,
    waiters: number,
    requests: () => Promise<T>,
  ): Promise<T> {
    const holder = em(server);
    await holder.begin();
    await lockAccounts({ em: holder, config: server.portico.config });
    const pending = requests();
    try {
      if (dialect === 'postgresql') await waitForLockWaiters(server, waiters);
    } finally {
      await holder.commit();
    }
    return pending;
  }

  /** Polls pg_locks (of this test's database) until `waiters` requests wait for the lock. */
  async function waitForLockWaiters(server: TestServer, waiters: number): Promise<void> {
    const probe = em(server);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [{ n }] = await probe.execute<{ n: number }[]>(
        `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
           and objid = ? and database = (select oid from pg_database where datname = current_database())`,
        [ACCOUNTS_LOCK_KEY],
      );
      if (n >= waiters) return;
      if (Date.now() > deadline)
        throw new Error(`fewer than ${waiters} requests wait for the lock`);
    }
  }

  describe('first accounts', () => {
    it('makes exactly one of two concurrent first sign-ups an ADMIN', async () => {
      const server = await start();
      const results = await withAccountsLocked(server, 2, () =>
        Promise.all([
          signUp(server, { email: 'one@example.test', username: 'one' }),
          signUp(server, { email: 'two@example.test', username: 'two' }),
        ]),
      );
      for (const result of results) expect(result.errors).toBeUndefined();
      const roles = results.map((result) => result.data!.signUp.user.role).sort();
      expect(roles).toEqual([Role.ADMIN, Role.MEMBER]);
      expect(await admins(server)).toBe(1);
    });

    it('makes exactly one ADMIN of four sign-ups racing freely on an empty database', async () => {
      const server = await start();
      const results = await Promise.all(
        [1, 2, 3, 4].map((i) =>
          signUp(server, { email: `user${i}@example.test`, username: `user${i}` }),
        ),
      );
      for (const result of results) expect(result.errors).toBeUndefined();
      expect(results.filter((r) => r.data!.signUp.user.role === Role.ADMIN)).toHaveLength(1);
      expect(await admins(server)).toBe(1);
    });
  });

  describe('case-insensitive logins', () => {
    let server: TestServer;
    let ann: AccountUser;

    beforeAll(async () => {
      server = await start();
      const result = await signUp(server, { email: 'Ann@Example.test', username: 'Ann' });
      expect(result.errors).toBeUndefined();
      ann = result.data!.signUp.user;
    });

    it('stores the email lower-cased and the username as given', () => {
      expect(ann).toMatchObject({ email: 'ann@example.test', username: 'Ann' });
    });

    it.each([
      [
        'the username in another case',
        { email: 'other@example.test', username: 'ann' },
        'username',
      ],
      ['the username in upper case', { email: 'other@example.test', username: 'ANN' }, 'username'],
      ['the email in another case', { email: 'ANN@EXAMPLE.TEST', username: 'annie' }, 'email'],
    ])('refuses %s with CONFLICT, naming no field', async (_name, input, _field) => {
      const before = await em(server).count(User);
      const result = await signUp(server, input);
      expect(codesOf(result)).toEqual(['CONFLICT']);
      expect(result.errors![0].message).toBe(TAKEN);
      expect(result.errors![0].extensions).toEqual({ code: 'CONFLICT' });
      expect(result.extensions).toMatchObject({ transaction: 'ROLLED_BACK' });
      expect(await em(server).count(User)).toBe(before);
    });

    it.each([['Ann'], ['ann'], ['ANN'], ['ann@example.test'], ['ANN@Example.TEST']])(
      'logIn accepts %s',
      async (login) => {
        const result = await logIn(server, login);
        expect(result.errors).toBeUndefined();
        expect(result.data!.logIn.user).toMatchObject({ id: ann.id, email: 'ann@example.test' });
      },
    );

    it('lets exactly one of two concurrent sign-ups of Ann and ann through', async () => {
      for (const [a, b] of [
        [
          { email: 'bob@example.test', username: 'Bob' },
          { email: 'bob2@example.test', username: 'bob' },
        ],
        [
          { email: 'Carol@example.test', username: 'carol' },
          { email: 'carol@EXAMPLE.test', username: 'carol2' },
        ],
      ] as const) {
        const before = await em(server).count(User);
        const results = await Promise.all([signUp(server, a), signUp(server, b)]);
        const failed = results.filter((result) => result.errors);
        expect(results.filter((result) => !result.errors)).toHaveLength(1);
        expect(failed).toHaveLength(1);
        expect(codesOf(failed[0])).toEqual(['CONFLICT']);
        expect(failed[0].errors![0].message).toBe(TAKEN);
        expect(failed[0].errors![0].extensions).toEqual({ code: 'CONFLICT' });
        expect(await em(server).count(User)).toBe(before + 1);
      }
    });

    it('stops a sign-up that passed the check but lost the race at the unique index', async () => {
      // Both requests check before either inserts; the second insert hits the index.
      const results = await withAccountsLocked(server, 2, () =>
        Promise.all([
          signUp(server, { email: 'dave@example.test', username: 'Dave' }),
          signUp(server, { email: 'dave2@example.test', username: 'dave' }),
        ]),
      );
      expect(results.filter((result) => !result.errors)).toHaveLength(1);
      const failed = results.find((result) => result.errors)!;
      expect(codesOf(failed)).toEqual(['CONFLICT']);
      expect(failed.errors![0].message).toBe(TAKEN);
      expect(failed.errors![0].extensions).toEqual({ code: 'CONFLICT' });
      expect(failed.data).toBeNull();
      expect(await em(server).count(User, { username: { $in: ['Dave', 'dave'] } })).toBe(1);
    });

    it.each([
      ['username', { email: 'eve@example.test', username: 'ANN' }],
      ['email', { email: 'ANN@example.test', username: 'eve' }],
    ])('has a unique index that refuses the %s in another case', async (field, fields) => {
      const fork = em(server);
      fork.create(User, { ...fields, displayName: 'x', passwordHash: 'x' });
      const error = await fork.flush().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UniqueConstraintViolationException);
      expect(takenFieldOf(error)).toBe(field);
      // Whatever path it takes out of a resolver, it leaves as a CONFLICT.
      const format = createFormatError(server.portico.logger, false);
      expect(format({ message: 'raw' }, error).extensions).toEqual({ code: 'CONFLICT' });
    });
  });

  describe('admin operations', () => {
    let server: TestServer;
    let root: TestUser;

    const setRole = (as: TestUser, id: string, role: Role) =>
      server.run<{ setUserRole: { id: string; role: Role } }>(SET_ROLE, { id, role }, { as });
    const deactivate = (as: TestUser, id: string) => server.run(DEACTIVATE, { id }, { as });
    const roleOf = async (id: string) => (await em(server).findOneOrFail(User, { id })).role;

    beforeAll(async () => {
      server = await start();
      root = await server.createUser({ role: Role.ADMIN });
    });

    it('refuses to deactivate or demote the last active admin', async () => {
      for (const result of [
        await deactivate(root, root.id),
        await setRole(root, root.id, Role.MEMBER),
      ]) {
        expect(codesOf(result)).toEqual(['CONFLICT']);
        expect(result.errors![0].extensions).toMatchObject({ reason: 'LAST_ADMIN' });
        expect(result.extensions).toMatchObject({ transaction: 'ROLLED_BACK' });
      }
      const stored = await em(server).findOneOrFail(User, { id: root.id });
      expect(stored).toMatchObject({ role: Role.ADMIN, isActive: true });
      expect((await server.run(ME, {}, { as: root })).errors).toBeUndefined();
      // Making the last admin an admin again demotes nobody.
      expect((await setRole(root, root.id, Role.ADMIN)).errors).toBeUndefined();
    });

    it('setUserRole promotes and demotes, while another active admin remains', async () => {
      const other = await server.createUser();
      const promoted = await setRole(root, other.id, Role.ADMIN);
      expect(promoted.errors).toBeUndefined();
      expect(promoted.data!.setUserRole).toEqual({
        id: other.id,
        role: Role.ADMIN,
        isActive: true,
      });
      expect(promoted.extensions).toMatchObject({ transaction: 'COMMITTED' });
      // The promoted user acts as an admin at once, and may demote the first one...
      const demoted = await setRole(other, root.id, Role.MEMBER);
      expect(demoted.errors).toBeUndefined();
      expect(await roleOf(root.id)).toBe(Role.MEMBER);
      // ...who is no admin any more...
      expect(codesOf(await setRole(root, root.id, Role.ADMIN))).toEqual(['FORBIDDEN']);
      // ...while the one left cannot step down.
      expect(codesOf(await setRole(other, other.id, Role.MEMBER))).toEqual(['CONFLICT']);
      expect((await setRole(other, root.id, Role.ADMIN)).errors).toBeUndefined();
    });

    it('does not count a deactivated admin as one that remains', async () => {
      const fresh = await start();
      const a = await fresh.createUser({ role: Role.ADMIN });
      const spare = await fresh.createUser({ role: Role.ADMIN });
      const run = (query: string, variables: Record<string, unknown>) =>
        fresh.run(query, variables, { as: a });
      expect((await run(DEACTIVATE, { id: spare.id })).errors).toBeUndefined();
      const refused = await run(SET_ROLE, { id: a.id, role: Role.MEMBER });
      expect(codesOf(refused)).toEqual(['CONFLICT']);
      expect(refused.errors![0].extensions).toMatchObject({ reason: 'LAST_ADMIN' });
      expect((await run(REACTIVATE, { id: spare.id })).errors).toBeUndefined();
      expect((await run(SET_ROLE, { id: a.id, role: Role.MEMBER })).errors).toBeUndefined();
      expect(await admins(fresh)).toBe(1);
    });

    it('reactivateUser lets a deactivated user sign in again; old sessions stay revoked', async () => {
      const target = await server.createUser();
      expect((await deactivate(root, target.id)).errors).toBeUndefined();
      expect(codesOf(await logIn(server, target.username, target.password))).toEqual([
        'UNAUTHENTICATED',
      ]);

      const result = await server.run<{ reactivateUser: Record<string, unknown> }>(
        REACTIVATE,
        { id: target.id },
        { as: root },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.reactivateUser).toEqual({
        id: target.id,
        isActive: true,
        email: target.email,
      });
      expect(codesOf(await server.run(ME, {}, { as: target }))).toEqual(['UNAUTHENTICATED']);
      const login = await logIn(server, target.username, target.password);
      expect(login.errors).toBeUndefined();
      expect(await em(server).count(Session, { user: target.id, revokedAt: null })).toBe(1);
    });

    it.each([
      ['setUserRole', SET_ROLE, { role: Role.ADMIN }],
      ['deactivateUser', DEACTIVATE, {}],
      ['reactivateUser', REACTIVATE, {}],
    ])('%s is FORBIDDEN for members and NOT_FOUND for an unknown id', async (_n, query, extra) => {
      const member = await server.createUser();
      const target = await server.createUser();
      const denied = await server.run(query, { id: target.id, ...extra }, { as: member });
      expect(codesOf(denied)).toEqual(['FORBIDDEN']);
      expect(await em(server).findOneOrFail(User, { id: target.id })).toMatchObject({
        role: Role.MEMBER,
        isActive: true,
      });
      for (const id of ['01900000-0000-7000-8000-000000000000', 'not-a-uuid']) {
        expect(codesOf(await server.run(query, { id, ...extra }, { as: root }))).toEqual([
          'NOT_FOUND',
        ]);
      }
    });
  });

  describe('concurrent admin changes', () => {
    it('two admins demoting each other leave exactly one admin', async () => {
      const server = await start();
      const a = await server.createUser({ role: Role.ADMIN });
      const b = await server.createUser({ role: Role.ADMIN });
      const results = await withAccountsLocked(server, 2, () =>
        Promise.all([
          server.run(SET_ROLE, { id: b.id, role: Role.MEMBER }, { as: a }),
          server.run(SET_ROLE, { id: a.id, role: Role.MEMBER }, { as: b }),
        ]),
      );
      expect(results.filter((result) => !result.errors)).toHaveLength(1);
      // The loser was demoted before its turn came: its admin rights are checked again.
      expect(codesOf(results.find((result) => result.errors)!)).toEqual(['FORBIDDEN']);
      expect(await admins(server)).toBe(1);
    });

    it('two admins stepping down at once leave exactly one admin', async () => {
      const server = await start();
      const a = await server.createUser({ role: Role.ADMIN });
      const b = await server.createUser({ role: Role.ADMIN });
      const results = await withAccountsLocked(server, 2, () =>
        Promise.all([
          server.run(SET_ROLE, { id: a.id, role: Role.MEMBER }, { as: a }),
          server.run(DEACTIVATE, { id: b.id }, { as: b }),
        ]),
      );
      expect(results.filter((result) => !result.errors)).toHaveLength(1);
      const failed = results.find((result) => result.errors)!;
      expect(codesOf(failed)).toEqual(['CONFLICT']);
      expect(failed.errors![0].extensions).toMatchObject({ reason: 'LAST_ADMIN' });
      expect(await admins(server)).toBe(1);
    });
  });

  describe('who sees an email address', () => {
    let server: TestServer;
    let admin: TestUser;
    let member: TestUser;
    let other: TestUser;

    beforeAll(async () => {
      server = await start();
      admin = await server.createUser({ role: Role.ADMIN });
      member = await server.createUser();
      other = await server.createUser();
    });

    const emailOf = async (as: TestUser, id: string) => {
      const result = await server.run<{ user: { email: string | null } }>(USER, { id }, { as });
      expect(result.errors).toBeUndefined();
      return result.data!.user.email;
    };

    it('shows users their own address', async () => {
      const me = await server.run<{ me: { email: string } }>(ME, {}, { as: member });
      expect(me.data!.me.email).toBe(member.email);
      expect(await emailOf(member, member.id)).toBe(member.email);
    });

    it('shows admins every address', async () => {
      expect(await emailOf(admin, other.id)).toBe(other.email);
      const users = await server.run<{ users: { nodes: { id: string; email: string }[] } }>(
        USERS,
        {},
        { as: admin },
      );
      expect(users.errors).toBeUndefined();
      for (const node of users.data!.users.nodes) expect(node.email).toMatch(/@example\.test$/);
    });

    it('hides other users’ addresses from members', async () => {
      expect(await emailOf(member, other.id)).toBeNull();
      expect(await emailOf(member, admin.id)).toBeNull();
    });

    it('shows the new account’s address in the signUp and logIn payloads', async () => {
      const signed = await signUp(server, { email: 'Fresh@example.test', username: 'fresh' });
      expect(signed.data!.signUp.user.email).toBe('fresh@example.test');
      const logged = await logIn(server, 'fresh');
      expect(logged.data!.logIn.user.email).toBe('fresh@example.test');
      // ...and to nobody else afterwards.
      expect(await emailOf(member, signed.data!.signUp.user.id)).toBeNull();
    });
  });

  describe('SIGNUP_MODE=closed', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await start({ SIGNUP_MODE: 'closed' });
    });

    it('refuses signUp with FORBIDDEN and stores nothing', async () => {
      const result = await signUp(server, { email: 'new@example.test', username: 'newbie' });
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      expect(result.errors![0].message).toMatch(/accounts are made by an administrator/);
      expect(result.data).toBeNull();
      expect(await em(server).count(User)).toBe(0);
    });

    it('still lets existing accounts sign in', async () => {
      const user = await server.createUser();
      expect((await logIn(server, user.username, user.password)).errors).toBeUndefined();
    });
  });

  describe('createAccount (npm run user:create)', () => {
    let server: TestServer;
    const create = (fields: Partial<Parameters<typeof createAccount>[1]>) =>
      createAccount(server.portico, {
        email: 'ops@example.test',
        username: 'ops',
        password,
        ...fields,
      });

    beforeAll(async () => {
      server = await start({ SIGNUP_MODE: 'closed' });
    });

    it('makes the first account an ADMIN, in closed mode, with a password that logs in', async () => {
      const user = await create({ email: 'Ops@Example.TEST', displayName: 'Operations' });
      expect(user).toMatchObject({
        email: 'ops@example.test',
        username: 'ops',
        displayName: 'Operations',
        role: Role.ADMIN,
        isActive: true,
      });
      expect(user.lastLoginAt ?? null).toBeNull();
      const stored = await em(server).findOneOrFail(
        User,
        { id: user.id },
        { populate: ['passwordHash'] },
      );
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await em(server).count(Session, { user: user.id })).toBe(0);
      const login = await logIn(server, 'OPS@example.test');
      expect(login.errors).toBeUndefined();
      expect(login.data!.logIn.user.id).toBe(user.id);
    });

    it('makes later accounts MEMBERs unless admin is asked for', async () => {
      const member = await create({ email: 'm@example.test', username: 'mem' });
      const admin = await create({ email: 'a@example.test', username: 'adm', admin: true });
      expect(member.role).toBe(Role.MEMBER);
      expect(admin.role).toBe(Role.ADMIN);
      expect(member.displayName).toBe('mem');
    });

    it.each([
      ['email', { email: 'OPS@example.test', username: 'ops2' }],
      ['username', { email: 'ops2@example.test', username: 'OPS' }],
    ])('refuses a taken %s in any case with CONFLICT', async (field, fields) => {
      const before = await em(server).count(User);
      const error = (await create(fields).catch((e: unknown) => e)) as GraphQLError;
      expect(error.extensions).toMatchObject({ code: 'CONFLICT', field });
      expect(error.message).toBe(`That ${field} is already registered`);
      expect(await em(server).count(User)).toBe(before);
    });

    it.each([
      ['a short password', { password: 'short' }, /password must be longer than or equal to 8/],
      ['an invalid email', { email: 'not-an-email' }, /valid e-mail address/],
      ['a username with a +', { username: 'ops+1' }, /username may hold only/],
      ['a two-letter username', { username: 'ab' }, /username must be longer/],
    ])('validates like signUp: refuses %s', async (_name, fields, message) => {
      const before = await em(server).count(User);
      const error = (await create({ email: 'v@example.test', username: 'valid', ...fields }).catch(
        (e: unknown) => e,
      )) as GraphQLError;
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(error.message).toMatch(message);
      expect(await em(server).count(User)).toBe(before);
    });
  });
});

describe('user:create arguments', () => {
  it('reads every option', () => {
    expect(
      parseUserCreateArgs([
        '--email',
        'a@b.c',
        '--username',
        'alice',
        '--display-name',
        'Alice A.',
        '--admin',
      ]),
    ).toEqual({ email: 'a@b.c', username: 'alice', displayName: 'Alice A.', admin: true });
  });

  it('defaults the username to the part before the @ and the role to member', () => {
    expect(parseUserCreateArgs(['--email=ops.team@example.test'])).toEqual({
      email: 'ops.team@example.test',
      username: 'ops.team',
      displayName: null,
      admin: false,
    });
  });

  it('answers --help with null', () => {
    expect(parseUserCreateArgs(['--help'])).toBeNull();
    expect(parseUserCreateArgs(['-h'])).toBeNull();
  });

  it.each([
    [['--email', 'a@b.c', '--password', 'secret123']],
    [['--email', 'a@b.c', '--password=secret123']],
    [['--password']],
    [['--email', 'a@b.c', '-p', 'secret123']],
  ])('refuses a password argument: %j', (argv) => {
    expect(() => parseUserCreateArgs(argv)).toThrow(UsageError);
    expect(() => parseUserCreateArgs(argv)).toThrow(/PORTICO_PASSWORD/);
  });

  it.each([
    [[], /--email is required/],
    [['--username', 'x'], /--email is required/],
    [['--email', 'a@b.c', '--role', 'ADMIN'], /Unknown option '--role'/],
    [['--email', 'a@b.c', 'extra'], /Unexpected argument 'extra'/],
    [['--email'], /argument missing/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseUserCreateArgs(argv as string[])).toThrow(UsageError);
    expect(() => parseUserCreateArgs(argv as string[])).toThrow(message);
  });
});

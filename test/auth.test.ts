import { createHash } from 'node:crypto';
import { CheckConstraintViolationException } from '@mikro-orm/core';
import { Session } from '../src/modules/user/session.entity';
import { User } from '../src/modules/user/user.entity';
import { Role } from '../src/modules/user/role.enum';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects } from './support';

const SIGN_UP = `mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) {
    token expiresAt
    user { id email username displayName role isActive lastLoginAt }
  }
}`;

const LOG_IN = `mutation LogIn($input: LogInInput!) {
  logIn(input: $input) { token expiresAt user { id username lastLoginAt } }
}`;

const LOG_OUT = `mutation { logOut }`;

const TAKEN = 'That username or e-mail address is already registered';

const ME = `query { me { id email username role isActive } }`;

const USERS = `query Users($first: Int, $after: String) {
  users(first: $first, after: $after) {
    totalCount
    edges { cursor node { id username } }
    nodes { id }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const DEACTIVATE = `mutation Deactivate($id: ID!) { deactivateUser(id: $id) { id isActive } }`;

interface AuthPayload {
  token: string;
  expiresAt: string;
  user: {
    id: string;
    email: string;
    username: string;
    displayName: string;
    role: Role;
    isActive: boolean;
    lastLoginAt: string | null;
  };
}

interface UsersPage {
  users: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; username: string } }[];
    nodes: { id: string }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Whoever holds this token: `run` sends only the token, through the real session lookup. */
const bearer = (token: string): TestUser => ({
  id: '',
  username: '',
  email: '',
  password: '',
  role: Role.MEMBER,
  token,
});

describe.each(dialects)('users and sessions on %s', (dialect) => {
  let server: TestServer;
  let first: AuthPayload;
  let second: AuthPayload;

  const em = () => server.portico.orm.em.fork();

  const signUp = (input: Record<string, unknown>) =>
    server.run<{ signUp: AuthPayload }>(SIGN_UP, { input });

  const logIn = (login: string, password: string) =>
    server.run<{ logIn: AuthPayload }>(LOG_IN, { input: { login, password } });

  const me = (token: string) => server.run<{ me: { id: string } }>(ME, {}, { as: bearer(token) });

  const listUsers = (variables: Record<string, unknown>) =>
    server.run<UsersPage>(USERS, variables, { as: bearer(first.token) });

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    // The first two accounts of the fresh database, made before anything else touches it.
    const a = await signUp({
      email: 'First@Example.test',
      username: 'first',
      password: 'pw-first-1',
    });
    const b = await signUp({
      email: 'second@example.test',
      username: 'second',
      displayName: '  Second Person ',
      password: 'pw-second-2',
    });
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    first = a.data!.signUp;
    second = b.data!.signUp;
  });

  afterAll(() => server.close());

  describe('signUp', () => {
    it('makes the first account of a fresh database an ADMIN and later ones MEMBERs', async () => {
      expect(first.user.role).toBe(Role.ADMIN);
      expect(second.user.role).toBe(Role.MEMBER);
      const third = await signUp({
        email: 'third@example.test',
        username: 'third',
        password: 'pw-third-3',
      });
      expect(third.errors).toBeUndefined();
      expect(third.data!.signUp.user.role).toBe(Role.MEMBER);
      const stored = await em().find(User, {}, { orderBy: { id: 'asc' } });
      expect(stored.filter((user) => user.role === Role.ADMIN).map((u) => u.username)).toEqual([
        'first',
      ]);
    });

    it('returns a working token, the lower-cased email and the given or default display name', async () => {
      expect(first.user).toMatchObject({
        email: 'first@example.test',
        username: 'first',
        displayName: 'first',
        isActive: true,
      });
      expect(first.user.lastLoginAt).not.toBeNull();
      expect(second.user.displayName).toBe('Second Person');
      expect(new Date(first.expiresAt).getTime()).toBeGreaterThan(Date.now());

      const result = await me(first.token);
      expect(result.errors).toBeUndefined();
      expect(result.data!.me).toEqual({
        id: first.user.id,
        email: 'first@example.test',
        username: 'first',
        role: Role.ADMIN,
        isActive: true,
      });
      expect((await me(second.token)).data!.me.id).toBe(second.user.id);
    });

    it('stores the password only as an Argon2id hash', async () => {
      const user = await em().findOneOrFail(
        User,
        { id: first.user.id },
        { populate: ['passwordHash'] },
      );
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(user.passwordHash).not.toContain('pw-first-1');
    });

    it('stores only the SHA-256 of the session token', async () => {
      const sessions = await em().find(Session, { user: first.user.id });
      expect(sessions).toHaveLength(1);
      expect(sessions[0].tokenHash).toBe(sha256(first.token));
      expect(sessions[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(sessions[0].revokedAt ?? null).toBeNull();
      const rows = await em().getConnection().execute('select * from sessions');
      expect(JSON.stringify(rows)).not.toContain(first.token);
      expect(JSON.stringify(rows)).not.toContain(second.token);
    });

    it.each([
      [
        'the same email in another case',
        { email: 'FIRST@example.TEST', username: 'other1' },
        'email',
      ],
      ['the same username', { email: 'other2@example.test', username: 'first' }, 'username'],
      [
        'the same username in another case',
        { email: 'other3@example.test', username: 'First' },
        'username',
      ],
    ])('refuses %s with CONFLICT and stores nothing', async (_name, fields, _field) => {
      const before = await em().count(User);
      const result = await signUp({ ...fields, password: 'long enough password' });
      expect(codesOf(result)).toEqual(['CONFLICT']);
      // The same answer for a taken e-mail and a taken username: neither is named.
      expect(result.errors![0].message).toBe(TAKEN);
      expect(result.errors![0].extensions).toEqual({ code: 'CONFLICT' });
      expect(result.data).toBeNull();
      expect(result.extensions).toMatchObject({ transaction: 'ROLLED_BACK' });
      expect(await em().count(User)).toBe(before);
    });

    it.each([
      [
        'an invalid email',
        { email: 'not-an-email', username: 'valid_name', password: 'password1' },
      ],
      ['an empty email', { email: '', username: 'valid_name', password: 'password1' }],
      [
        'a short password',
        { email: 'shortpw@example.test', username: 'valid_name', password: 'short' },
      ],
      [
        'a two-letter username',
        { email: 'two@example.test', username: 'ab', password: 'password1' },
      ],
      [
        'a username of 151 characters',
        { email: 'long@example.test', username: 'a'.repeat(151), password: 'password1' },
      ],
      [
        'a username with spaces',
        { email: 'space@example.test', username: 'has space', password: 'password1' },
      ],
      [
        'a username with an @',
        { email: 'at@example.test', username: 'who@where', password: 'password1' },
      ],
    ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_name, input) => {
      const before = await em().count(User);
      const sessionsBefore = await em().count(Session);
      const result = await signUp(input);
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.data).toBeNull();
      expect(await em().count(User)).toBe(before);
      expect(await em().count(Session)).toBe(sessionsBefore);
      expect(await em().count(User, { username: input.username })).toBe(0);
    });

    it('accepts usernames of exactly 3 and 150 characters', async () => {
      for (const username of ['abc', 'b'.repeat(150)]) {
        const result = await signUp({
          email: `${username.slice(0, 20)}@limits.test`,
          username,
          password: 'password1',
        });
        expect(result.errors).toBeUndefined();
        expect(result.data!.signUp.user.username).toBe(username);
      }
    });
  });

  describe('logIn', () => {
    it('signs in by email and by username (any case), each time with a new session', async () => {
      const byEmail = await logIn('SECOND@example.test', 'pw-second-2');
      const byUsername = await logIn('Second', 'pw-second-2');
      expect(byEmail.errors).toBeUndefined();
      expect(byUsername.errors).toBeUndefined();
      expect(byEmail.extensions).toMatchObject({ transaction: 'COMMITTED' });
      const tokens = [byEmail.data!.logIn.token, byUsername.data!.logIn.token, second.token];
      expect(new Set(tokens).size).toBe(3);
      for (const token of tokens) expect((await me(token)).data!.me.id).toBe(second.user.id);
      expect(byUsername.data!.logIn.user.lastLoginAt).not.toBeNull();
      const stored = await em().findOneOrFail(User, { id: second.user.id });
      expect(stored.lastLoginAt!.getTime()).toBe(
        new Date(byUsername.data!.logIn.user.lastLoginAt!).getTime(),
      );
      const hashes = (await em().find(Session, { user: second.user.id })).map((s) => s.tokenHash);
      expect(hashes.sort()).toEqual(tokens.map(sha256).sort());
    });

    it('answers a wrong password and an unknown user with the same UNAUTHENTICATED error', async () => {
      const sessionsBefore = await em().count(Session);
      const wrongPassword = await logIn('second', 'not-the-password');
      const wrongEmailPassword = await logIn('second@example.test', 'not-the-password');
      const unknownUser = await logIn('nobody-here', 'pw-second-2');
      const unknownEmail = await logIn('nobody@example.test', 'pw-second-2');
      for (const result of [wrongPassword, wrongEmailPassword, unknownUser, unknownEmail]) {
        expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
        expect(result.data).toBeNull();
      }
      const messages = [wrongPassword, wrongEmailPassword, unknownUser, unknownEmail].map(
        (result) => result.errors![0].message,
      );
      expect(new Set(messages).size).toBe(1);
      expect(unknownUser.errors![0].extensions).toEqual(wrongPassword.errors![0].extensions);
      expect(await em().count(Session)).toBe(sessionsBefore);
    });

    it('refuses an empty login or password with BAD_USER_INPUT', async () => {
      expect(codesOf(await logIn('', 'pw-second-2'))).toEqual(['BAD_USER_INPUT']);
      expect(codesOf(await logIn('second', ''))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('sessions', () => {
    it('logOut revokes the session that made the request, and only it', async () => {
      const user = await server.createUser();
      const other = await logIn(user.username, user.password);
      const otherToken = other.data!.logIn.token;
      expect((await me(user.token)).data!.me.id).toBe(user.id);

      const result = await server.run<{ logOut: boolean }>(LOG_OUT, {}, { as: user });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ logOut: true });
      expect(result.extensions).toMatchObject({ transaction: 'COMMITTED' });

      const revoked = await me(user.token);
      expect(codesOf(revoked)).toEqual(['UNAUTHENTICATED']);
      expect(revoked.data).toBeNull();
      const session = await em().findOneOrFail(Session, { tokenHash: sha256(user.token) });
      expect(session.revokedAt).toBeInstanceOf(Date);
      expect((await me(otherToken)).data!.me.id).toBe(user.id);

      // A revoked token cannot log out again.
      expect(codesOf(await server.run(LOG_OUT, {}, { as: user }))).toEqual(['UNAUTHENTICATED']);
    });

    it('an expired session does not authenticate', async () => {
      const user = await server.createUser();
      expect((await me(user.token)).data!.me.id).toBe(user.id);
      await em().nativeUpdate(
        Session,
        { tokenHash: sha256(user.token) },
        { expiresAt: new Date(Date.now() - 60_000) },
      );
      const result = await me(user.token);
      expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
      expect(result.data).toBeNull();
    });

    it('an unknown token does not authenticate', async () => {
      expect(codesOf(await me('not-a-real-token'))).toEqual(['UNAUTHENTICATED']);
    });

    it.each([
      ['me', ME],
      ['projects', `query { projects { totalCount } }`],
      ['users', USERS],
      ['logOut', LOG_OUT],
    ])('%s without a token is UNAUTHENTICATED', async (_name, query) => {
      const result = await server.run(query);
      expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
    });

    it('authenticates an HTTP request by its Authorization: Bearer header and records the client', async () => {
      const url = await server.listen();
      const post = (body: object, headers: Record<string, string> = {}) =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        }).then(
          (response) =>
            response.json() as Promise<{
              data?: Record<string, { token?: string; id?: string }> | null;
              errors?: { extensions?: Record<string, unknown> }[];
            }>,
        );
      const login = await post(
        { query: LOG_IN, variables: { input: { login: 'second', password: 'pw-second-2' } } },
        { 'user-agent': 'portico-auth-test/1.0' },
      );
      const token = login.data!.logIn.token!;
      const session = await em().findOneOrFail(Session, { tokenHash: sha256(token) });
      expect(session.userAgent).toBe('portico-auth-test/1.0');
      expect(session.ip).toMatch(/127\.0\.0\.1|::1/);

      const ok = await post({ query: ME }, { authorization: `Bearer ${token}` });
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.me.id).toBe(second.user.id);
      const bad = await post({ query: ME }, { authorization: `Bearer ${token}x` });
      expect(codesOf(bad)).toEqual(['UNAUTHENTICATED']);
      const noScheme = await post({ query: ME }, { authorization: token });
      expect(codesOf(noScheme)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('users (admins only)', () => {
    it('is FORBIDDEN for members', async () => {
      const result = await server.run(USERS, {}, { as: bearer(second.token) });
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      expect(result.data).toBeNull();
    });

    it('pages through every account, oldest first, each exactly once', async () => {
      await Promise.all([1, 2, 3].map(() => server.createUser()));
      const all = await em().find(User, {}, { orderBy: { id: 'asc' } });
      expect(all.length).toBeGreaterThanOrEqual(7);

      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const result = await listUsers({ first: 3, after });
        expect(result.errors).toBeUndefined();
        const { users } = result.data!;
        pages++;
        expect(users.totalCount).toBe(all.length);
        expect(users.nodes.map((n) => n.id)).toEqual(users.edges.map((e) => e.node.id));
        expect(users.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(users.pageInfo.startCursor).toBe(users.edges[0].cursor);
        expect(users.pageInfo.endCursor).toBe(users.edges[users.edges.length - 1].cursor);
        expect(users.edges.length).toBeLessThanOrEqual(3);
        seen.push(...users.nodes.map((n) => n.id));
        if (!users.pageInfo.hasNextPage) break;
        expect(users.edges).toHaveLength(3);
        after = users.pageInfo.endCursor;
      }
      expect(seen).toEqual(all.map((user) => user.id));
      expect(pages).toBe(Math.ceil(all.length / 3));
      expect(seen[0]).toBe(first.user.id);
    });

    it('defaults to a page of 20', async () => {
      while ((await em().count(User)) <= 21) await server.createUser();
      const result = await listUsers({});
      expect(result.errors).toBeUndefined();
      expect(result.data!.users.nodes).toHaveLength(20);
      expect(result.data!.users.pageInfo.hasNextPage).toBe(true);
    });

    it.each([
      ['first above the maximum page size', { first: 101 }],
      ['first of 0', { first: 0 }],
      ['a negative first', { first: -1 }],
      ['an after that is not base64 JSON', { after: '!!!garbage!!!' }],
      [
        'an after that decodes to an object',
        { after: Buffer.from('{"a":1}').toString('base64url') },
      ],
      ['an after of the wrong length', { after: Buffer.from('["a","b"]').toString('base64url') }],
      ['an after holding a non-id value', { after: Buffer.from('["zzz"]').toString('base64url') }],
      ['an after holding a number', { after: Buffer.from('[12345]').toString('base64url') }],
    ])('refuses %s with BAD_USER_INPUT', async (_name, variables) => {
      const result = await listUsers(variables);
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    });

    it('accepts first of exactly 100', async () => {
      const result = await listUsers({ first: 100 });
      expect(result.errors).toBeUndefined();
      expect(result.data!.users.nodes.length).toBe(await em().count(User));
    });
  });

  describe('deactivateUser', () => {
    it('is FORBIDDEN for members, and changes nothing', async () => {
      const target = await server.createUser();
      const result = await server.run(DEACTIVATE, { id: target.id }, { as: bearer(second.token) });
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      expect(result.extensions).toMatchObject({ transaction: 'ROLLED_BACK' });
      expect((await em().findOneOrFail(User, { id: target.id })).isActive).toBe(true);
      expect((await me(target.token)).data!.me.id).toBe(target.id);
    });

    it('revokes every session of the user and blocks logIn', async () => {
      const target = await server.createUser();
      const bystander = await server.createUser();
      const extra = (await logIn(target.username, target.password)).data!.logIn.token;

      const result = await server.run<{ deactivateUser: { id: string; isActive: boolean } }>(
        DEACTIVATE,
        { id: target.id },
        { as: bearer(first.token) },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ deactivateUser: { id: target.id, isActive: false } });
      expect(result.extensions).toMatchObject({ transaction: 'COMMITTED' });

      for (const token of [target.token, extra])
        expect(codesOf(await me(token))).toEqual(['UNAUTHENTICATED']);
      const sessions = await em().find(Session, { user: target.id });
      expect(sessions).toHaveLength(2);
      for (const session of sessions) expect(session.revokedAt).toBeInstanceOf(Date);
      expect((await em().findOneOrFail(User, { id: target.id })).isActive).toBe(false);

      const sessionsBefore = await em().count(Session);
      const login = await logIn(target.username, target.password);
      expect(codesOf(login)).toEqual(['UNAUTHENTICATED']);
      expect(login.errors![0].message).toBe(
        (await logIn('nobody', 'whatever1')).errors![0].message,
      );
      expect(await em().count(Session)).toBe(sessionsBefore);

      // Nobody else is touched.
      expect((await me(bystander.token)).data!.me.id).toBe(bystander.id);
      expect(await em().count(Session, { user: bystander.id, revokedAt: null })).toBe(1);
    });

    it.each([['01900000-0000-7000-8000-000000000000'], ['not-a-uuid']])(
      'answers the unknown id %s with NOT_FOUND',
      async (id) => {
        const result = await server.run(DEACTIVATE, { id }, { as: bearer(first.token) });
        expect(codesOf(result)).toEqual(['NOT_FOUND']);
      },
    );
  });

  it('keeps the database constraint on username length as a second guard', async () => {
    const fork = em();
    fork.create(User, {
      email: 'guard@example.test',
      username: 'ab',
      displayName: 'x',
      passwordHash: 'x',
    });
    await expect(fork.flush()).rejects.toBeInstanceOf(CheckConstraintViolationException);
  });
});

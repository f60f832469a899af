import { createHash } from 'node:crypto';
import type { FormattedExecutionResult } from 'graphql';
import { Session } from '../src/modules/user/session.entity';
import { User } from '../src/modules/user/user.entity';
import { startTestServer, type TestServer, type TestUser } from '../src/testing/test-server';
import { codesOf, dialects } from './support';

const LOG_IN = `mutation LogIn($input: LogInInput!) { logIn(input: $input) { token } }`;
const ME = `query { me { id } }`;
const MY_SESSIONS = `query MySessions($first: Int, $after: String) {
  mySessions(first: $first, after: $after) {
    totalCount
    edges { cursor node { id current } }
    nodes { id createdAt expiresAt lastUsedAt userAgent ip current }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;
const REVOKE = `mutation Revoke($id: ID!) { revokeSession(id: $id) }`;
const REVOKE_OTHERS = `mutation { revokeOtherSessions }`;
const CHANGE_PASSWORD = `mutation Change($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
}`;

interface SessionNode {
  id: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}
interface SessionsPage {
  mySessions: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; current: boolean } }[];
    nodes: SessionNode[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const as = (user: TestUser, token: string): TestUser => ({ ...user, token });

describe.each(dialects)('sessions on %s', (dialect) => {
  let server: TestServer;
  const em = () => server.portico.orm.em.fork();

  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(() => server.close());

  /** A user with `extra` more sessions beside the one createUser opens; tokens oldest first. */
  async function userWithSessions(extra: number): Promise<{ user: TestUser; tokens: string[] }> {
    const user = await server.createUser();
    const tokens = [user.token];
    for (let i = 0; i < extra; i++) {
      const result = await server.run<{ logIn: { token: string } }>(LOG_IN, {
        input: { login: user.username, password: user.password },
      });
      expect(result.errors).toBeUndefined();
      tokens.push(result.data!.logIn.token);
    }
    return { user, tokens };
  }

  const idOf = async (token: string) =>
    (await em().findOneOrFail(Session, { tokenHash: sha256(token) })).id;
  const works = async (user: TestUser, token: string) => {
    const result = await server.run(ME, {}, { as: as(user, token) });
    return result.errors ? codesOf(result) : 'works';
  };

  describe('mySessions', () => {
    it('pages through the live sessions, newest first, marking the current one', async () => {
      const { user, tokens } = await userWithSessions(4);
      const [revoked, expired] = [tokens[1], tokens[2]];
      await em().nativeUpdate(Session, { tokenHash: sha256(revoked) }, { revokedAt: new Date() });
      await em().nativeUpdate(
        Session,
        { tokenHash: sha256(expired) },
        { expiresAt: new Date(Date.now() - 1000) },
      );
      await userWithSessions(1); // someone else's sessions stay out of it
      const live = [tokens[4], tokens[3], tokens[0]];
      const caller = as(user, tokens[3]);

      const seen: SessionNode[] = [];
      let after: string | null = null;
      for (;;) {
        const result: FormattedExecutionResult<SessionsPage> = await server.run<SessionsPage>(
          MY_SESSIONS,
          { first: 2, after },
          { as: caller },
        );
        expect(result.errors).toBeUndefined();
        const page = result.data!.mySessions;
        expect(page.totalCount).toBe(3);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(page.edges.map((edge) => edge.node.id)).toEqual(page.nodes.map((node) => node.id));
        seen.push(...page.nodes);
        if (!page.pageInfo.hasNextPage) break;
        expect(page.nodes).toHaveLength(2);
        after = page.pageInfo.endCursor;
      }
      expect(seen.map((node) => node.id)).toEqual(await Promise.all(live.map(idOf)));
      expect(seen.map((node) => node.current)).toEqual([false, true, false]);
      for (const node of seen) {
        expect(new Date(node.expiresAt).getTime()).toBeGreaterThan(Date.now());
        expect(node.lastUsedAt).not.toBeNull();
      }
    });

    it('never exposes the token or its hash', async () => {
      const { user } = await userWithSessions(0);
      const result = await server.run<{ __type: { fields: { name: string }[] } }>(
        `{ __type(name: "Session") { fields { name } } }`,
        {},
        { as: user },
      );
      const fields = result.data!.__type.fields.map((field) => field.name).sort();
      expect(fields).toEqual([
        'createdAt',
        'current',
        'expiresAt',
        'id',
        'ip',
        'lastUsedAt',
        'updatedAt',
        'userAgent',
      ]);
      const asked = await server.run(`{ mySessions { nodes { tokenHash } } }`, {}, { as: user });
      expect(codesOf(asked)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    });

    it('is UNAUTHENTICATED without a token', async () => {
      expect(codesOf(await server.run(MY_SESSIONS))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('revokeSession', () => {
    it('revokes one of your sessions and only it', async () => {
      const { user, tokens } = await userWithSessions(2);
      const result = await server.run<{ revokeSession: boolean }>(
        REVOKE,
        { id: await idOf(tokens[1]) },
        { as: as(user, tokens[0]) },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ revokeSession: true });
      expect(await works(user, tokens[1])).toEqual(['UNAUTHENTICATED']);
      expect(await works(user, tokens[0])).toBe('works');
      expect(await works(user, tokens[2])).toBe('works');
    });

    it('revokes the current session too, like logOut', async () => {
      const { user } = await userWithSessions(0);
      const result = await server.run(REVOKE, { id: await idOf(user.token) }, { as: user });
      expect(result.errors).toBeUndefined();
      expect(await works(user, user.token)).toEqual(['UNAUTHENTICATED']);
    });

    it("answers someone else's session exactly like a missing one, and leaves it alone", async () => {
      const { user } = await userWithSessions(0);
      const { user: other } = await userWithSessions(0);
      const otherId = await idOf(other.token);
      const missingId = '01900000-0000-7000-8000-000000000000';
      const theirs = await server.run(REVOKE, { id: otherId }, { as: user });
      const missing = await server.run(REVOKE, { id: missingId }, { as: user });
      expect(codesOf(theirs)).toEqual(['NOT_FOUND']);
      expect(theirs.errors![0].message).toBe(
        missing.errors![0].message.replace(missingId, otherId),
      );
      expect(theirs.errors![0].extensions).toEqual({
        ...missing.errors![0].extensions,
        id: otherId,
      });
      expect(await works(other, other.token)).toBe('works');
      expect(codesOf(await server.run(REVOKE, { id: 'not-a-uuid' }, { as: user }))).toEqual([
        'NOT_FOUND',
      ]);
    });

    it('answers a session already revoked with NOT_FOUND', async () => {
      const { user, tokens } = await userWithSessions(1);
      const id = await idOf(tokens[1]);
      expect((await server.run(REVOKE, { id }, { as: user })).errors).toBeUndefined();
      expect(codesOf(await server.run(REVOKE, { id }, { as: user }))).toEqual(['NOT_FOUND']);
    });
  });

  describe('revokeOtherSessions', () => {
    it('revokes every other live session of yours and says how many', async () => {
      const { user, tokens } = await userWithSessions(3);
      const { user: bystander } = await userWithSessions(0);
      const caller = as(user, tokens[2]);
      const result = await server.run<{ revokeOtherSessions: number }>(
        REVOKE_OTHERS,
        {},
        {
          as: caller,
        },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ revokeOtherSessions: 3 });
      for (const token of [tokens[0], tokens[1], tokens[3]])
        expect(await works(user, token)).toEqual(['UNAUTHENTICATED']);
      expect(await works(user, tokens[2])).toBe('works');
      expect(await works(bystander, bystander.token)).toBe('works');
      const again = await server.run(REVOKE_OTHERS, {}, { as: caller });
      expect(again.data).toEqual({ revokeOtherSessions: 0 });
    });
  });

  describe('changePassword', () => {
    const change = (user: TestUser, currentPassword: string, newPassword: string) =>
      server.run<{ changePassword: boolean }>(
        CHANGE_PASSWORD,
        { currentPassword, newPassword },
        { as: user },
      );
    const logIn = (user: TestUser, password: string) =>
      server.run(LOG_IN, { input: { login: user.username, password } });

    it('refuses a wrong current password, changing nothing', async () => {
      const { user, tokens } = await userWithSessions(1);
      const result = await change(user, 'not the password', 'a brand new password');
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].extensions).toMatchObject({ field: 'currentPassword' });
      expect(result.data).toBeNull();
      expect(await works(user, tokens[1])).toBe('works');
      expect((await logIn(user, user.password)).errors).toBeUndefined();
      expect(codesOf(await logIn(user, 'a brand new password'))).toEqual(['UNAUTHENTICATED']);
    });

    it.each([
      ['a new password of 7 characters', 'x'.repeat(7)],
      ['a new password of 201 characters', 'x'.repeat(201)],
    ])('refuses %s with BAD_USER_INPUT', async (_name, newPassword) => {
      const { user } = await userWithSessions(0);
      const result = await change(user, user.password, newPassword);
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect((await logIn(user, user.password)).errors).toBeUndefined();
    });

    it('changes the password and revokes every other session', async () => {
      const { user, tokens } = await userWithSessions(2);
      const caller = as(user, tokens[1]);
      const result = await change(caller, user.password, 'x'.repeat(8));
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ changePassword: true });
      expect(result.extensions).toMatchObject({ transaction: 'COMMITTED' });
      for (const token of [tokens[0], tokens[2]])
        expect(await works(user, token)).toEqual(['UNAUTHENTICATED']);
      expect(await works(user, tokens[1])).toBe('works');
      expect(codesOf(await logIn(user, user.password))).toEqual(['UNAUTHENTICATED']);
      expect((await logIn(user, 'x'.repeat(8))).errors).toBeUndefined();
      const stored = await em().findOneOrFail(
        User,
        { id: user.id },
        { populate: ['passwordHash'] },
      );
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    });

    it('is UNAUTHENTICATED without a token', async () => {
      const result = await server.run(CHANGE_PASSWORD, {
        currentPassword: 'whatever1',
        newPassword: 'whatever2',
      });
      expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('lastUsedAt', () => {
    const lastUsedAt = async (token: string) =>
      (await em().findOneOrFail(Session, { tokenHash: sha256(token) })).lastUsedAt ?? null;
    const setLastUsed = (token: string, secondsAgo: number) =>
      em().nativeUpdate(
        Session,
        { tokenHash: sha256(token) },
        { lastUsedAt: new Date(Date.now() - secondsAgo * 1000) },
      );

    it('is set when the session is created', async () => {
      const before = Date.now();
      const { tokens } = await userWithSessions(1);
      const session = await em().findOneOrFail(Session, { tokenHash: sha256(tokens[1]) });
      expect(session.lastUsedAt!.getTime()).toBe(session.createdAt.getTime());
      expect(session.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before);
    });

    it('is not written by a request within SESSION_TOUCH_SECONDS (300 by default)', async () => {
      expect(server.portico.config.sessionTouchSeconds).toBe(300);
      const { user } = await userWithSessions(0);
      await setLastUsed(user.token, 290);
      const stored = await lastUsedAt(user.token);
      const { result, statements } = await server.measure(ME, {}, { as: user });
      expect(result.errors).toBeUndefined();
      // The session lookup and nothing else.
      expect(statements).toBe(1);
      expect(await lastUsedAt(user.token)).toEqual(stored);
    });

    it('is written by the first request after SESSION_TOUCH_SECONDS, once', async () => {
      const { user } = await userWithSessions(0);
      await setLastUsed(user.token, 310);
      const started = Date.now();
      const first = await server.measure(ME, {}, { as: user });
      expect(first.result.errors).toBeUndefined();
      expect(first.statements).toBe(2);
      expect(first.tally.queries[1]).toMatch(/^update .*sessions.* set .last_used_at/i);
      const touched = await lastUsedAt(user.token);
      expect(touched!.getTime()).toBeGreaterThanOrEqual(started);
      const second = await server.measure(ME, {}, { as: user });
      expect(second.statements).toBe(1);
      expect(await lastUsedAt(user.token)).toEqual(touched);
    });

    it('is written on every request with SESSION_TOUCH_SECONDS=0, and only once per request', async () => {
      const eager = await startTestServer({ dialect, env: { SESSION_TOUCH_SECONDS: '0' } });
      try {
        const user = await eager.createUser();
        const touches = (queries: string[]) =>
          queries.filter((query) => /^update .*last_used_at/i.test(query)).length;
        await eager.portico.orm.em
          .fork()
          .nativeUpdate(
            Session,
            { tokenHash: sha256(user.token) },
            { lastUsedAt: new Date(Date.now() - 1000) },
          );
        const read = await eager.measure(ME, {}, { as: user });
        expect(read.result.errors).toBeUndefined();
        expect(touches(read.tally.queries)).toBe(1);
        const session = await eager.portico.orm.em
          .fork()
          .findOneOrFail(Session, { tokenHash: sha256(user.token) });
        expect(session.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 1000);

        // A mutation that flushes does not write the touched session a second time, and the
        // session list shows the time just written.
        await eager.portico.orm.em
          .fork()
          .nativeUpdate(Session, { id: session.id }, { lastUsedAt: new Date(Date.now() - 1000) });
        const write = await eager.measure<{ changePassword: boolean }>(
          CHANGE_PASSWORD,
          { currentPassword: user.password, newPassword: 'another password' },
          { as: user },
        );
        expect(write.result.errors).toBeUndefined();
        expect(touches(write.tally.queries)).toBe(1);
        const list = await eager.run<SessionsPage>(MY_SESSIONS, {}, { as: user });
        const stored = await eager.portico.orm.em.fork().findOneOrFail(Session, { id: session.id });
        expect(list.data!.mySessions.nodes).toEqual([
          expect.objectContaining({
            id: session.id,
            current: true,
            lastUsedAt: stored.lastUsedAt!.toISOString(),
          }),
        ]);
      } finally {
        await eager.close();
      }
    });
  });
});

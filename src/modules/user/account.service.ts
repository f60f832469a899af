import { UniqueConstraintViolationException, sql } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { validate } from 'class-validator';
import type { Orm } from '../../db/database';
import { conflictError, userInputError } from '../../common/errors';
import { SignUpInput } from './auth.inputs';
import { hashPassword } from './password';
import { Role } from './role.enum';
import { User } from './user.entity';
import { lockAccounts, type AccountScope } from './user.service';

type TakenField = 'email' | 'username';

/** E-mail addresses are stored trimmed and lower-cased, so equal addresses are equal strings. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Filters on `lower(column)`, the expression the unique indexes are built on, so that they are
 * used. The value is lower-cased here rather than by SQL `lower(?)`: SQLite's lower() folds only
 * ASCII, JavaScript's folds every letter, and stored e-mails were lower-cased by JavaScript.
 */
export function caseFree(column: TakenField, value: string) {
  return { [sql.lower((alias) => `${alias}.${column}`)]: value.toLowerCase() };
}

/** For an operator (`user:create`), who may know which login is taken. */
export function takenError(field: TakenField): Error {
  return conflictError(`That ${field} is already registered`, { field });
}

/**
 * For signUp, which anyone may call: naming the field would tell whether an e-mail address has
 * an account, so a taken username and a taken address get this one answer.
 */
export function accountTakenError(): Error {
  return conflictError('That username or e-mail address is already registered');
}

/** Which login a unique-index violation is about, from the index name in the driver's message. */
export function takenFieldOf(error: unknown): TakenField | null {
  if (!(error instanceof UniqueConstraintViolationException)) return null;
  if (error.message.includes('users_email_lower_unique')) return 'email';
  if (error.message.includes('users_username_lower_unique')) return 'username';
  return null;
}

export interface NewAccount {
  email: string;
  username: string;
  displayName?: string | null;
  password: string;
  /** ADMIN regardless; otherwise ADMIN only as the first account. */
  admin?: boolean;
  lastLoginAt?: Date | null;
}

/**
 * Creates an account from validated input and flushes it. Takes the accounts lock, so it must
 * run in a transaction (every mutation does). A sign-up that passed the check but loses a race
 * to the same login is stopped by the unique index and answered with the same CONFLICT.
 */
export async function registerAccount(
  scope: AccountScope,
  input: NewAccount,
  taken: (field: TakenField) => Error = takenError,
): Promise<User> {
  const { em } = scope;
  const email = normalizeEmail(input.email);
  const existing = await em.findOne(User, {
    $or: [caseFree('email', email), caseFree('username', input.username)],
  });
  if (existing) {
    throw taken(normalizeEmail(existing.email) === email ? 'email' : 'username');
  }
  // Count and insert under the lock, so that two first accounts cannot both be the first.
  await lockAccounts(scope);
  const isFirst = (await em.count(User)) === 0;
  const user = em.create(User, {
    email,
    username: input.username,
    displayName: input.displayName?.trim() || input.username,
    passwordHash: await hashPassword(input.password),
    role: input.admin || isFirst ? Role.ADMIN : Role.MEMBER,
    lastLoginAt: input.lastLoginAt ?? null,
  });
  await flushAccount(em, taken);
  return user;
}

async function flushAccount(
  em: SqlEntityManager,
  taken: (field: TakenField) => Error,
): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    const field = takenFieldOf(error);
    throw field ? taken(field) : error;
  }
}

/** The sign-up rules (SignUpInput's class-validator decorators) for input that is not GraphQL. */
export async function validateSignUp(fields: Omit<NewAccount, 'admin'>): Promise<SignUpInput> {
  const input = Object.assign(new SignUpInput(), fields);
  const errors = await validate(input, { forbidUnknownValues: false });
  if (errors.length) {
    const messages = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw userInputError(messages.join('; '), {
      field: errors[0].property,
      fields: errors.map((error) => error.property),
    });
  }
  return input;
}

/**
 * An account made by an operator (`npm run user:create`), whatever SIGNUP_MODE says: validated
 * like signUp, in its own transaction, and not signed in.
 */
export async function createAccount(
  app: { orm: Orm; config: AccountScope['config'] },
  fields: Omit<NewAccount, 'lastLoginAt'>,
): Promise<User> {
  const input = await validateSignUp({
    email: fields.email,
    username: fields.username,
    displayName: fields.displayName,
    password: fields.password,
  });
  return app.orm.em
    .fork()
    .transactional((em) =>
      registerAccount(
        { em: em as SqlEntityManager, config: app.config },
        { ...input, admin: fields.admin },
      ),
    );
}

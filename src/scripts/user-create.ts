import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { MikroORM } from '@mikro-orm/core';
import { loadConfig } from '../config';
import type { Orm } from '../db/database';
import { ormOptions } from '../db/orm-options';
import { createAccount } from '../modules/user/account.service';
import {
  USER_CREATE_USAGE,
  UsageError,
  parseUserCreateArgs,
} from '../modules/user/user-create.cli';
import { print } from './print';

/** One line typed at the terminal, not echoed: the prompt goes to stderr, the input nowhere. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let muted = false;
    const output = new Writable({
      write(chunk, _encoding, done) {
        if (!muted) process.stderr.write(chunk);
        done();
      },
    });
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    rl.on('SIGINT', () => {
      rl.close();
      process.stderr.write('\n');
      reject(new Error('cancelled'));
    });
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    // question() has written the prompt; from here on readline echoes keystrokes, muted.
    muted = true;
  });
}

/** The first line of a piped standard input (`echo "$PW" | npm run user:create -- ...`). */
async function firstLineOfStdin(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) return line;
  throw new Error('no password: PORTICO_PASSWORD is unset and standard input is empty');
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.PORTICO_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const password = await askHidden('Password: ');
  // Typed blind, so typed twice.
  if ((await askHidden('Password again: ')) !== password) {
    throw new Error('the two passwords differ');
  }
  return password;
}

async function main(): Promise<void> {
  const args = parseUserCreateArgs(process.argv.slice(2));
  if (!args) return print(USER_CREATE_USAGE);
  const config = loadConfig();
  const password = await readPassword();
  const orm = (await MikroORM.init(ormOptions(config))) as Orm;
  try {
    // Like the server at start: a fresh database gets its tables first.
    if (config.migrateOnStart) await orm.getMigrator().up();
    const user = await createAccount({ orm, config }, { ...args, password });
    print(`created ${user.role} ${user.username} <${user.email}> (id ${user.id})`);
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  const message = (error as Error).message;
  process.stderr.write(
    error instanceof UsageError ? `${message}\n${USER_CREATE_USAGE}\n` : `${message}\n`,
  );
  process.exit(1);
});

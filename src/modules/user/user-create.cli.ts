import { parseArgs } from 'node:util';

export const USER_CREATE_USAGE = `usage: npm run user:create -- --email ADDRESS [--username NAME] [--display-name "NAME"] [--admin]
Creates an account in DATABASE_URL, also when SIGNUP_MODE is closed. The username defaults to
the part of the address before the @; --admin makes an ADMIN (the first account always is one).
The password is read from PORTICO_PASSWORD or, when that is unset, from the terminal (or one
line of standard input); it is never taken as an argument.`;

export interface UserCreateArgs {
  email: string;
  username: string;
  displayName: string | null;
  admin: boolean;
}

/** A usage mistake: the script prints the message and the usage. */
export class UsageError extends Error {}

/** Parses the arguments of `user:create`; `null` means `--help`. */
export function parseUserCreateArgs(argv: readonly string[]): UserCreateArgs | null {
  // Arguments end up in shell history and in every process listing, so a password is refused.
  if (argv.some((arg) => /^--?password(=|$)/.test(arg) || arg === '-p')) {
    throw new UsageError(
      'a password is never taken as an argument (it would show in process lists and shell history): set PORTICO_PASSWORD or type it at the prompt',
    );
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        email: { type: 'string' },
        username: { type: 'string' },
        'display-name': { type: 'string' },
        admin: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return null;
  if (!values.email) throw new UsageError('--email is required');
  return {
    email: values.email,
    username: values.username ?? values.email.split('@')[0],
    displayName: values['display-name'] ?? null,
    admin: values.admin,
  };
}

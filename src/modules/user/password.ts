import argon2 from 'argon2';

/** Argon2id with the library's defaults (64 MiB, 3 passes), salt and parameters in the hash. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password);
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of a real verification so that an unknown user answers like a wrong password. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('portico-timing-equaliser');
  await argon2.verify(await dummyHash, password);
  return false;
}

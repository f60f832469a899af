import { registerEnumType } from 'type-graphql';

/**
 * The three shifts every site has. They are `Shift` rows too (made by the migration, with these
 * keys), so that a handoff always points at a row, whether its shift is standard or named.
 */
export enum StandardShift {
  DAY = 'DAY',
  SWING = 'SWING',
  NIGHT = 'NIGHT',
}

registerEnumType(StandardShift, { name: 'StandardShift' });

const STANDARD_KEYS: ReadonlySet<string> = new Set(Object.values(StandardShift));

export function standardShiftOf(key: string): StandardShift | null {
  return STANDARD_KEYS.has(key) ? (key as StandardShift) : null;
}

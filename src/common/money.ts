import { Type, type Platform } from '@mikro-orm/core';
import { GraphQLScalarType, Kind } from 'graphql';
import { isPostgresPlatform as isPostgres } from './dialect';
import { minorDigits } from './currency';
import { userInputError } from './errors';

/**
 * Money is exact: a decimal string in GraphQL and in JavaScript, never a float. It is stored with
 * four fraction digits, enough for every ISO 4217 currency (most use 2, a few 0, 3 or 4):
 * NUMERIC(14,4) on PostgreSQL, and on SQLite an integer count of 1/10,000 units, so that
 * `sum()` adds exactly on both.
 */
const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);
/** Up to 10 integer digits (a budget under ten billion) and 4 fraction digits. */
const MONEY_PATTERN = /^(-?)(\d{1,10})(?:\.(\d{1,4}))?$/;

/** A valid money string normalised: no leading zeros, at least two fraction digits. */
export function normaliseMoney(value: string): string {
  return formatUnits(toUnits(value));
}

function toUnits(value: string): bigint {
  const match = MONEY_PATTERN.exec(value);
  if (!match) throw new TypeError(`Not a decimal amount: ${value}`);
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(whole) * FACTOR + BigInt(fraction.padEnd(SCALE, '0'));
  return sign ? -units : units;
}

function formatUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  let fraction = (abs % FACTOR).toString().padStart(SCALE, '0');
  while (fraction.length > 2 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${abs / FACTOR}.${fraction}`;
}

/** Fraction digits used in an amount ("12.50" uses 1 once normalised: trailing zeros don't count). */
export function fractionDigits(value: string): number {
  const fraction = value.split('.')[1] ?? '';
  return fraction.replace(/0+$/, '').length;
}

/** Adds money strings exactly. */
export function addMoney(values: readonly (string | null | undefined)[]): string {
  return formatUnits(
    values.reduce<bigint>((sum, value) => sum + (value ? toUnits(value) : 0n), 0n),
  );
}

function parseMoney(value: unknown): string {
  if (typeof value !== 'string' || !MONEY_PATTERN.test(value)) {
    throw userInputError(
      'A Decimal is a string such as "12.50": up to 10 digits, a point, up to 4 digits',
    );
  }
  return normaliseMoney(value);
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description:
    'An exact decimal amount as a string, e.g. "1250.00": up to 10 integer digits and 4 fraction digits. Sent as a string, never a float; answered with at least 2 fraction digits.',
  serialize: (value) => (typeof value === 'string' ? normaliseMoney(value) : value),
  parseValue: parseMoney,
  parseLiteral: (ast) => parseMoney(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** The column type behind money properties; see the comment at the top. */
export class MoneyType extends Type<string | null | undefined, string | number | null> {
  override getColumnType(_prop: unknown, platform: Platform): string {
    return isPostgres(platform) ? 'numeric(14,4)' : 'integer';
  }

  override convertToDatabaseValue(value: string | null | undefined, platform: Platform) {
    if (value == null) return null;
    return isPostgres(platform) ? value : Number(toUnits(value));
  }

  override convertToJSValue(value: string | number | null, platform: Platform) {
    if (value == null) return null;
    return isPostgres(platform)
      ? normaliseMoney(String(value))
      : formatUnits(BigInt(value as number));
  }

  override compareAsType(): string {
    return 'string';
  }

  override ensureComparable(): boolean {
    return false;
  }
}

/**
 * A money amount as written: 0 or more, with no more fraction digits than `currency` has minor
 * units (12.345 USD is refused; 1200 JPY has none). BAD_USER_INPUT otherwise.
 */
export function checkAmount(value: string, currency: string, field: string): string {
  if (value.startsWith('-')) throw userInputError(`${field} must be 0 or more`, { field });
  const digits = minorDigits(currency);
  if (fractionDigits(value) > digits) {
    throw userInputError(`${field} has more decimals than ${currency} allows (${digits})`, {
      field,
      limit: digits,
    });
  }
  return value;
}

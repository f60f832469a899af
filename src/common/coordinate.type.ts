import { Type, type Platform } from '@mikro-orm/core';
import { isPostgresPlatform } from './dialect';

/**
 * A latitude or longitude: NUMERIC(10,7) on PostgreSQL (the seed's DECIMAL, to about a
 * centimetre; a CHECK on it reads back as written, unlike one on a double), REAL on SQLite; a
 * number in JavaScript.
 */
export class CoordinateType extends Type<number | null | undefined, string | number | null> {
  override getColumnType(_prop: unknown, platform: Platform): string {
    return isPostgresPlatform(platform) ? 'numeric(10,7)' : 'real';
  }

  override convertToDatabaseValue(value: number | null | undefined) {
    return value ?? null;
  }

  override convertToJSValue(value: string | number | null) {
    return value == null ? null : Number(value);
  }

  override compareAsType(): string {
    return 'number';
  }
}

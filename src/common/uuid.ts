import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/**
 * RFC 9562 UUID version 7: a 48-bit millisecond timestamp, then a 12-bit counter (method 1 of
 * the RFC) and random bits. Time-ordered ids keep B-tree inserts local and make `ORDER BY id`
 * follow creation order on both dialects; the counter keeps that true within one millisecond.
 */
export function uuidv7(): string {
  const bytes = randomBytes(16);
  let now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    // Start each millisecond low in the counter's range, leaving room to count up.
    counter = bytes[7] & 0x7f;
  } else {
    now = lastMs;
    counter++;
    if (counter > 0xfff) {
      // 4096 ids in one millisecond: borrow the next millisecond rather than lose the order.
      lastMs = now = lastMs + 1;
      counter = 0;
    }
  }
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

import type { EntityMetadata } from '@mikro-orm/core';

/**
 * Indexes only PostgreSQL can have, added to the metadata when an ORM is discovered for it, so
 * that the schema diff knows them (the PostgreSQL migrations create them; SQLite has none).
 */
const POSTGRES_ONLY: Record<string, { name: string; expression: string }[]> = {
  // planFilter.dataContains (`@>`) reads it.
  Plan: [
    {
      name: 'plans_data_index',
      expression: 'create index "plans_data_index" on "plans" using gin ("data")',
    },
  ],
  // The exclusion constraint that keeps non-cancelled bookings of a venue's place apart; its
  // index carries the constraint's name.
  Booking: [
    {
      name: 'bookings_no_overlap',
      expression: `alter table "bookings" add constraint "bookings_no_overlap" exclude using gist ("venue_id" with =, "slot" with =, tstzrange("starts_at", "ends_at", '[)') with &&) where ("status" <> 'CANCELLED')`,
    },
  ],
};

export function addPostgresOnlyIndexes(meta: EntityMetadata): void {
  for (const index of POSTGRES_ONLY[meta.className] ?? []) {
    if (!meta.indexes.some((existing) => existing.name === index.name)) meta.indexes.push(index);
  }
}

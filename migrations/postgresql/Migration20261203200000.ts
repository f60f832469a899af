import { Migration } from '@mikro-orm/migrations';

/**
 * Bookings: the booking table, its changes, and the exclusion constraint that keeps non-cancelled
 * bookings of one place of a venue from overlapping (btree_gist lets the venue and the place join
 * the range in one GiST index).
 */
export class Migration20261203200000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create extension if not exists btree_gist;`);
    this.addSql(`create table "bookings" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "venue_id" uuid not null, "booked_by_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "slot" smallint not null default 1, "status" text check ("status" in ('PENDING', 'CONFIRMED', 'CANCELLED', 'COMPLETED')) not null default 'PENDING', "notes" text null, "price" numeric(14,4) null, "currency" varchar(3) not null default 'USD', "cancelled_at" timestamptz null, "cancellation_reason" text null, "version" int not null default 1, constraint "bookings_pkey" primary key ("id"), constraint bookings_currency_check check (length(currency) = 3 and upper(currency) = currency), constraint bookings_version_check check (version >= 1), constraint bookings_cancelled_check check ((status = 'CANCELLED') = (cancelled_at is not null)), constraint bookings_price_check check (price is null or price >= 0), constraint bookings_slot_check check (slot >= 1), constraint bookings_range_check check (starts_at < ends_at));`);
    this.addSql(`create index "bookings_booked_by_id_status_index" on "bookings" ("booked_by_id", "status");`);
    this.addSql(`create index "bookings_venue_id_starts_at_index" on "bookings" ("venue_id", "starts_at");`);
    this.addSql(`alter table "bookings" add constraint "bookings_no_overlap" exclude using gist ("venue_id" with =, "slot" with =, tstzrange("starts_at", "ends_at", '[)') with &&) where ("status" <> 'CANCELLED');`);
    this.addSql(`create table "booking_changes" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "booking_id" uuid not null, "actor_id" uuid null, "kind" text check ("kind" in ('CREATED', 'RESCHEDULED', 'CONFIRMED', 'CANCELLED', 'COMPLETED')) not null, "changes" jsonb not null, constraint "booking_changes_pkey" primary key ("id"));`);
    this.addSql(`create index "booking_changes_booking_id_index" on "booking_changes" ("booking_id");`);
    this.addSql(`create index "booking_changes_actor_id_index" on "booking_changes" ("actor_id");`);
    this.addSql(`alter table "bookings" add constraint "bookings_venue_id_foreign" foreign key ("venue_id") references "venues" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "bookings" add constraint "bookings_booked_by_id_foreign" foreign key ("booked_by_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "booking_changes" add constraint "booking_changes_booking_id_foreign" foreign key ("booking_id") references "bookings" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "booking_changes" add constraint "booking_changes_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "booking_changes" cascade;`);
    this.addSql(`drop table if exists "bookings" cascade;`);
  }

}

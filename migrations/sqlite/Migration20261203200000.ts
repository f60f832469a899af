import { Migration } from '@mikro-orm/migrations';

/**
 * Bookings: the booking table and its changes. SQLite has no exclusion constraint: the service checks
 * and writes in one transaction (one at a time on SQLite's single connection), and these triggers
 * refuse an overlapping row as a second guard.
 */
export class Migration20261203200000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`bookings\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`venue_id\` text not null, \`booked_by_id\` text not null, \`starts_at\` datetime not null, \`ends_at\` datetime not null, \`slot\` integer not null default 1, \`status\` text check (\`status\` in ('PENDING', 'CONFIRMED', 'CANCELLED', 'COMPLETED')) not null default 'PENDING', \`notes\` text null, \`price\` integer null, \`currency\` text not null default 'USD', \`cancelled_at\` datetime null, \`cancellation_reason\` text null, \`version\` integer not null default 1, constraint \`bookings_venue_id_foreign\` foreign key(\`venue_id\`) references \`venues\`(\`id\`) on delete cascade on update cascade, constraint \`bookings_booked_by_id_foreign\` foreign key(\`booked_by_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`), constraint bookings_currency_check check (length(currency) = 3 and upper(currency) = currency), constraint bookings_version_check check (version >= 1), constraint bookings_cancelled_check check ((status = 'CANCELLED') = (cancelled_at is not null)), constraint bookings_price_check check (price is null or price >= 0), constraint bookings_slot_check check (slot >= 1), constraint bookings_range_check check (starts_at < ends_at));`);
    this.addSql(`create index \`bookings_venue_id_index\` on \`bookings\` (\`venue_id\`);`);
    this.addSql(`create index \`bookings_booked_by_id_index\` on \`bookings\` (\`booked_by_id\`);`);
    this.addSql(`create index \`bookings_booked_by_id_status_index\` on \`bookings\` (\`booked_by_id\`, \`status\`);`);
    this.addSql(`create index \`bookings_venue_id_starts_at_index\` on \`bookings\` (\`venue_id\`, \`starts_at\`);`);
    this.addSql(`create table \`booking_changes\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`booking_id\` text not null, \`actor_id\` text null, \`kind\` text check (\`kind\` in ('CREATED', 'RESCHEDULED', 'CONFIRMED', 'CANCELLED', 'COMPLETED')) not null, \`changes\` json not null, constraint \`booking_changes_booking_id_foreign\` foreign key(\`booking_id\`) references \`bookings\`(\`id\`) on delete cascade on update cascade, constraint \`booking_changes_actor_id_foreign\` foreign key(\`actor_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`booking_changes_booking_id_index\` on \`booking_changes\` (\`booking_id\`);`);
    this.addSql(`create index \`booking_changes_actor_id_index\` on \`booking_changes\` (\`actor_id\`);`);
    this.addSql(`create trigger bookings_no_overlap_insert before insert on bookings when new.status <> 'CANCELLED' and exists (select 1 from bookings b where b.venue_id = new.venue_id and b.slot = new.slot and b.status <> 'CANCELLED' and b.starts_at < new.ends_at and new.starts_at < b.ends_at) begin select raise(abort, 'The booking overlaps another booking of the venue'); end;`);
    this.addSql(`create trigger bookings_no_overlap_update before update of venue_id, slot, status, starts_at, ends_at on bookings when new.status <> 'CANCELLED' and exists (select 1 from bookings b where b.venue_id = new.venue_id and b.slot = new.slot and b.status <> 'CANCELLED' and b.starts_at < new.ends_at and new.starts_at < b.ends_at and b.id <> new.id) begin select raise(abort, 'The booking overlaps another booking of the venue'); end;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists bookings_no_overlap_update;`);
    this.addSql(`drop trigger if exists bookings_no_overlap_insert;`);
    this.addSql(`drop table if exists \`booking_changes\`;`);
    this.addSql(`drop table if exists \`bookings\`;`);
  }

}

import { Migration } from '@mikro-orm/migrations';

/**
 * Venues (bookings, first part): venues with an IANA time zone and a capacity, weekly hours
 * (one row per venue and weekday), dated closures, and venue managers.
 */
export class Migration20261203190000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "venues" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "city" varchar(100) not null, "timezone" varchar(64) not null, "capacity" int not null default 1, "is_active" boolean not null default true, constraint "venues_pkey" primary key ("id"), constraint venues_capacity_check check (capacity >= 1), constraint venues_name_check check (length(name) >= 1 and length(name) <= 200));`);
    this.addSql(`create index "venues_city_is_active_index" on "venues" (lower("city"), "is_active");`);
    this.addSql(`create table "venue_closures" ("venue_id" uuid not null, "date" date not null, "note" varchar(200) null, constraint "venue_closures_pkey" primary key ("venue_id", "date"));`);
    this.addSql(`create table "venue_hours" ("venue_id" uuid not null, "day_of_week" smallint not null, "opens_at" time(0) null, "closes_at" time(0) null, "is_closed" boolean not null default false, "special_note" varchar(200) null, constraint "venue_hours_pkey" primary key ("venue_id", "day_of_week"), constraint venue_hours_times_check check (is_closed = true or (opens_at is not null and closes_at is not null)), constraint venue_hours_day_of_week_check check (day_of_week >= 1 and day_of_week <= 7));`);
    this.addSql(`create table "venue_managers" ("venue_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, constraint "venue_managers_pkey" primary key ("venue_id", "user_id"));`);
    this.addSql(`create index "venue_managers_user_id_index" on "venue_managers" ("user_id");`);
    this.addSql(`alter table "venue_closures" add constraint "venue_closures_venue_id_foreign" foreign key ("venue_id") references "venues" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "venue_hours" add constraint "venue_hours_venue_id_foreign" foreign key ("venue_id") references "venues" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "venue_managers" add constraint "venue_managers_venue_id_foreign" foreign key ("venue_id") references "venues" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "venue_managers" add constraint "venue_managers_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "venue_managers" cascade;`);
    this.addSql(`drop table if exists "venue_closures" cascade;`);
    this.addSql(`drop table if exists "venue_hours" cascade;`);
    this.addSql(`drop table if exists "venues" cascade;`);
  }

}

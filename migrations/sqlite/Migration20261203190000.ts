import { Migration } from '@mikro-orm/migrations';

/**
 * Venues (bookings, first part): venues with an IANA time zone and a capacity, weekly hours
 * (one row per venue and weekday), dated closures, and venue managers.
 */
export class Migration20261203190000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`venues\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`city\` text not null, \`timezone\` text not null, \`capacity\` integer not null default 1, \`is_active\` integer not null default true, primary key (\`id\`), constraint venues_capacity_check check (capacity >= 1), constraint venues_name_check check (length(name) >= 1 and length(name) <= 200));`);
    this.addSql(`create index "venues_city_is_active_index" on "venues" (lower("city"), "is_active");`);
    this.addSql(`create table \`venue_closures\` (\`venue_id\` text not null, \`date\` date not null, \`note\` text null, constraint \`venue_closures_venue_id_foreign\` foreign key(\`venue_id\`) references \`venues\`(\`id\`) on delete cascade on update cascade, primary key (\`venue_id\`, \`date\`));`);
    this.addSql(`create index \`venue_closures_venue_id_index\` on \`venue_closures\` (\`venue_id\`);`);
    this.addSql(`create table \`venue_hours\` (\`venue_id\` text not null, \`day_of_week\` integer not null, \`opens_at\` time null, \`closes_at\` time null, \`is_closed\` integer not null default false, \`special_note\` text null, constraint \`venue_hours_venue_id_foreign\` foreign key(\`venue_id\`) references \`venues\`(\`id\`) on delete cascade on update cascade, primary key (\`venue_id\`, \`day_of_week\`), constraint venue_hours_times_check check (is_closed = true or (opens_at is not null and closes_at is not null)), constraint venue_hours_day_of_week_check check (day_of_week >= 1 and day_of_week <= 7));`);
    this.addSql(`create index \`venue_hours_venue_id_index\` on \`venue_hours\` (\`venue_id\`);`);
    this.addSql(`create table \`venue_managers\` (\`venue_id\` text not null, \`user_id\` text not null, \`created_at\` datetime not null, constraint \`venue_managers_venue_id_foreign\` foreign key(\`venue_id\`) references \`venues\`(\`id\`) on delete cascade on update cascade, constraint \`venue_managers_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`venue_id\`, \`user_id\`));`);
    this.addSql(`create index \`venue_managers_venue_id_index\` on \`venue_managers\` (\`venue_id\`);`);
    this.addSql(`create index \`venue_managers_user_id_index\` on \`venue_managers\` (\`user_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`venue_managers\`;`);
    this.addSql(`drop table if exists \`venue_closures\`;`);
    this.addSql(`drop table if exists \`venue_hours\`;`);
    this.addSql(`drop table if exists \`venues\`;`);
  }

}

import { Migration } from '@mikro-orm/migrations';

/**
 * Handoffs: shifts (the standard DAY, SWING and NIGHT, made here with fixed ids that sort before
 * any named shift), handoffs with their status machine tied to timestamps by CHECK constraints,
 * a stored priority rank for the board's order, and the handoff events.
 */
export class Migration20261203160000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "shifts" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "key" varchar(40) not null, "name" varchar(100) not null, "description" text null, constraint "shifts_pkey" primary key ("id"), constraint shifts_key_check check (length(key) >= 2 and length(key) <= 40));`);
    this.addSql(`alter table "shifts" add constraint "shifts_key_unique" unique ("key");`);
    this.addSql(`create table "handoffs" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "title" varchar(200) not null, "description" text null, "ticket" varchar(100) null, "hostname" varchar(255) null, "priority" text check ("priority" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null default 'MEDIUM', "priority_rank" smallint not null default 2, "status" text check ("status" in ('OPEN', 'ACKNOWLEDGED', 'CLOSED')) not null default 'OPEN', "shift_id" uuid not null, "reporter_id" uuid not null, "assignee_id" uuid null, "due_date" timestamptz null, "acknowledged_at" timestamptz null, "closed_at" timestamptz null, "resolution" text null, "version" int not null default 1, constraint "handoffs_pkey" primary key ("id"), constraint handoffs_version_check check (version >= 1), constraint handoffs_status_fields_check check ((status = 'OPEN' and acknowledged_at is null and closed_at is null and resolution is null) or (status = 'ACKNOWLEDGED' and acknowledged_at is not null and closed_at is null and resolution is null) or (status = 'CLOSED' and closed_at is not null and resolution is not null and length(resolution) > 0)), constraint handoffs_priority_rank_check check ((priority = 'LOW' and priority_rank = 1) or (priority = 'MEDIUM' and priority_rank = 2) or (priority = 'HIGH' and priority_rank = 3) or (priority = 'CRITICAL' and priority_rank = 4)), constraint handoffs_title_check check (length(title) >= 1 and length(title) <= 200));`);
    this.addSql(`create index "handoffs_due_date_index" on "handoffs" ("due_date");`);
    this.addSql(`create index "handoffs_reporter_id_status_index" on "handoffs" ("reporter_id", "status");`);
    this.addSql(`create index "handoffs_assignee_id_priority_index" on "handoffs" ("assignee_id", "priority");`);
    this.addSql(`create index "handoffs_status_created_at_index" on "handoffs" ("status", "created_at");`);
    this.addSql(`create index "handoffs_shift_id_status_index" on "handoffs" ("shift_id", "status");`);
    this.addSql(`create index "handoffs_board_index" on "handoffs" ("shift_id", "priority_rank" desc, "due_date", "id") where "status" in ('OPEN', 'ACKNOWLEDGED');`);
    this.addSql(`create table "handoff_events" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "handoff_id" uuid not null, "actor_id" uuid null, "kind" text check ("kind" in ('CREATED', 'UPDATED', 'ACKNOWLEDGED', 'CLOSED', 'REOPENED', 'REASSIGNED')) not null, "changes" jsonb not null, constraint "handoff_events_pkey" primary key ("id"));`);
    this.addSql(`create index "handoff_events_handoff_id_index" on "handoff_events" ("handoff_id");`);
    this.addSql(`create index "handoff_events_actor_id_index" on "handoff_events" ("actor_id");`);
    this.addSql(`alter table "handoffs" add constraint "handoffs_shift_id_foreign" foreign key ("shift_id") references "shifts" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "handoffs" add constraint "handoffs_reporter_id_foreign" foreign key ("reporter_id") references "users" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "handoffs" add constraint "handoffs_assignee_id_foreign" foreign key ("assignee_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "handoff_events" add constraint "handoff_events_handoff_id_foreign" foreign key ("handoff_id") references "handoffs" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "handoff_events" add constraint "handoff_events_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);
    // The standard shifts.
    this.addSql(`insert into "shifts" ("id", "created_at", "updated_at", "key", "name") values ('00000000-0000-7000-8000-000000000001', now(), now(), 'DAY', 'Day');`);
    this.addSql(`insert into "shifts" ("id", "created_at", "updated_at", "key", "name") values ('00000000-0000-7000-8000-000000000002', now(), now(), 'SWING', 'Swing');`);
    this.addSql(`insert into "shifts" ("id", "created_at", "updated_at", "key", "name") values ('00000000-0000-7000-8000-000000000003', now(), now(), 'NIGHT', 'Night');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "handoff_events" cascade;`);
    this.addSql(`drop table if exists "handoffs" cascade;`);
    this.addSql(`drop table if exists "shifts" cascade;`);
  }

}

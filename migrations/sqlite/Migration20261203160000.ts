import { Migration } from '@mikro-orm/migrations';

/**
 * Handoffs: shifts (the standard DAY, SWING and NIGHT, made here with fixed ids that sort before
 * any named shift), handoffs with their status machine tied to timestamps by CHECK constraints,
 * a stored priority rank for the board's order, and the handoff events.
 */
export class Migration20261203160000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`shifts\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`key\` text not null, \`name\` text not null, \`description\` text null, primary key (\`id\`), constraint shifts_key_check check (length(key) >= 2 and length(key) <= 40));`);
    this.addSql(`create unique index \`shifts_key_unique\` on \`shifts\` (\`key\`);`);
    this.addSql(`create table \`handoffs\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`title\` text not null, \`description\` text null, \`ticket\` text null, \`hostname\` text null, \`priority\` text check (\`priority\` in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null default 'MEDIUM', \`priority_rank\` integer not null default 2, \`status\` text check (\`status\` in ('OPEN', 'ACKNOWLEDGED', 'CLOSED')) not null default 'OPEN', \`shift_id\` text not null, \`reporter_id\` text not null, \`assignee_id\` text null, \`due_date\` datetime null, \`acknowledged_at\` datetime null, \`closed_at\` datetime null, \`resolution\` text null, \`version\` integer not null default 1, constraint \`handoffs_shift_id_foreign\` foreign key(\`shift_id\`) references \`shifts\`(\`id\`) on delete restrict on update cascade, constraint \`handoffs_reporter_id_foreign\` foreign key(\`reporter_id\`) references \`users\`(\`id\`) on delete restrict on update cascade, constraint \`handoffs_assignee_id_foreign\` foreign key(\`assignee_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`), constraint handoffs_version_check check (version >= 1), constraint handoffs_status_fields_check check ((status = 'OPEN' and acknowledged_at is null and closed_at is null and resolution is null) or (status = 'ACKNOWLEDGED' and acknowledged_at is not null and closed_at is null and resolution is null) or (status = 'CLOSED' and closed_at is not null and resolution is not null and length(resolution) > 0)), constraint handoffs_priority_rank_check check ((priority = 'LOW' and priority_rank = 1) or (priority = 'MEDIUM' and priority_rank = 2) or (priority = 'HIGH' and priority_rank = 3) or (priority = 'CRITICAL' and priority_rank = 4)), constraint handoffs_title_check check (length(title) >= 1 and length(title) <= 200));`);
    this.addSql(`create index \`handoffs_shift_id_index\` on \`handoffs\` (\`shift_id\`);`);
    this.addSql(`create index \`handoffs_reporter_id_index\` on \`handoffs\` (\`reporter_id\`);`);
    this.addSql(`create index \`handoffs_assignee_id_index\` on \`handoffs\` (\`assignee_id\`);`);
    this.addSql(`create index \`handoffs_due_date_index\` on \`handoffs\` (\`due_date\`);`);
    this.addSql(`create index \`handoffs_reporter_id_status_index\` on \`handoffs\` (\`reporter_id\`, \`status\`);`);
    this.addSql(`create index \`handoffs_assignee_id_priority_index\` on \`handoffs\` (\`assignee_id\`, \`priority\`);`);
    this.addSql(`create index \`handoffs_status_created_at_index\` on \`handoffs\` (\`status\`, \`created_at\`);`);
    this.addSql(`create index \`handoffs_shift_id_status_index\` on \`handoffs\` (\`shift_id\`, \`status\`);`);
    this.addSql(`create index "handoffs_board_index" on "handoffs" ("shift_id", "priority_rank" desc, "due_date", "id") where "status" in ('OPEN', 'ACKNOWLEDGED');`);
    this.addSql(`create table \`handoff_events\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`handoff_id\` text not null, \`actor_id\` text null, \`kind\` text check (\`kind\` in ('CREATED', 'UPDATED', 'ACKNOWLEDGED', 'CLOSED', 'REOPENED', 'REASSIGNED')) not null, \`changes\` json not null, constraint \`handoff_events_handoff_id_foreign\` foreign key(\`handoff_id\`) references \`handoffs\`(\`id\`) on delete cascade on update cascade, constraint \`handoff_events_actor_id_foreign\` foreign key(\`actor_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`handoff_events_handoff_id_index\` on \`handoff_events\` (\`handoff_id\`);`);
    this.addSql(`create index \`handoff_events_actor_id_index\` on \`handoff_events\` (\`actor_id\`);`);
    // The standard shifts.
    this.addSql(`insert into \`shifts\` (\`id\`, \`created_at\`, \`updated_at\`, \`key\`, \`name\`) values ('00000000-0000-7000-8000-000000000001', cast(strftime('%s', 'now') as integer) * 1000, cast(strftime('%s', 'now') as integer) * 1000, 'DAY', 'Day');`);
    this.addSql(`insert into \`shifts\` (\`id\`, \`created_at\`, \`updated_at\`, \`key\`, \`name\`) values ('00000000-0000-7000-8000-000000000002', cast(strftime('%s', 'now') as integer) * 1000, cast(strftime('%s', 'now') as integer) * 1000, 'SWING', 'Swing');`);
    this.addSql(`insert into \`shifts\` (\`id\`, \`created_at\`, \`updated_at\`, \`key\`, \`name\`) values ('00000000-0000-7000-8000-000000000003', cast(strftime('%s', 'now') as integer) * 1000, cast(strftime('%s', 'now') as integer) * 1000, 'NIGHT', 'Night');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`handoff_events\`;`);
    this.addSql(`drop table if exists \`handoffs\`;`);
    this.addSql(`drop table if exists \`shifts\`;`);
  }

}

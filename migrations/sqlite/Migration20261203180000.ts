import { Migration } from '@mikro-orm/migrations';

/**
 * Plans: plans (money as integer 1/10,000 units, JSON data, the seed's indexes), plan
 * activities and share links (a partial unique index on live token hashes).
 */
export class Migration20261203180000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`plans\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`owner_id\` text not null, \`title\` text not null, \`description\` text null, \`destination\` text null, \`start_date\` date null, \`end_date\` date null, \`budget\` integer null, \`currency\` text not null default 'USD', \`status\` text check (\`status\` in ('DRAFT', 'PUBLISHED', 'ARCHIVED')) not null default 'DRAFT', \`data\` json not null, \`is_public\` integer not null default false, \`version\` integer not null default 1, constraint \`plans_owner_id_foreign\` foreign key(\`owner_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`), constraint plans_version_check check (version >= 1), constraint plans_currency_check check (length(currency) = 3 and upper(currency) = currency), constraint plans_budget_check check (budget is null or budget >= 0), constraint plans_dates_check check (start_date is null or end_date is null or start_date <= end_date), constraint plans_title_check check (length(title) >= 1 and length(title) <= 200));`);
    this.addSql(`create index \`plans_owner_id_index\` on \`plans\` (\`owner_id\`);`);
    this.addSql(`create index "plans_public_index" on "plans" ("updated_at", "id") where "is_public" = true and "status" = 'PUBLISHED';`);
    this.addSql(`create index \`plans_status_index\` on \`plans\` (\`status\`);`);
    this.addSql(`create index \`plans_owner_id_updated_at_index\` on \`plans\` (\`owner_id\`, \`updated_at\`, \`id\`);`);
    this.addSql(`create table \`plan_share_links\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`plan_id\` text not null, \`token_hash\` text not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, constraint \`plan_share_links_plan_id_foreign\` foreign key(\`plan_id\`) references \`plans\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`plan_share_links_plan_id_index\` on \`plan_share_links\` (\`plan_id\`);`);
    this.addSql(`create unique index "plan_share_links_token_hash_index" on "plan_share_links" ("token_hash") where "revoked_at" is null;`);
    this.addSql(`create table \`plan_activities\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`plan_id\` text not null, \`title\` text not null, \`description\` text null, \`activity_type\` text null, \`location_name\` text null, \`latitude\` real null, \`longitude\` real null, \`address\` text null, \`scheduled_date\` date null, \`start_time\` time null, \`end_time\` time null, \`duration_minutes\` integer null, \`estimated_cost\` integer null, \`actual_cost\` integer null, \`order_index\` integer not null default 0, \`is_completed\` integer not null default false, \`metadata\` json not null, constraint \`plan_activities_plan_id_foreign\` foreign key(\`plan_id\`) references \`plans\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`), constraint plan_activities_order_index_check check (order_index >= 0), constraint plan_activities_costs_check check ((estimated_cost is null or estimated_cost >= 0) and (actual_cost is null or actual_cost >= 0) and (duration_minutes is null or duration_minutes >= 0)), constraint plan_activities_times_check check (start_time is null or end_time is null or start_time <= end_time), constraint plan_activities_location_check check ((latitude is null or abs(latitude) <= 90) and (longitude is null or abs(longitude) <= 180)), constraint plan_activities_title_check check (length(title) >= 1 and length(title) <= 200));`);
    this.addSql(`create index \`plan_activities_plan_id_index\` on \`plan_activities\` (\`plan_id\`);`);
    this.addSql(`create index \`plan_activities_activity_type_index\` on \`plan_activities\` (\`activity_type\`);`);
    this.addSql(`create index \`plan_activities_plan_id_order_index_index\` on \`plan_activities\` (\`plan_id\`, \`order_index\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`plan_share_links\`;`);
    this.addSql(`drop table if exists \`plan_activities\`;`);
    this.addSql(`drop table if exists \`plans\`;`);
  }

}

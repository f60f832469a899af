import { Migration } from '@mikro-orm/migrations';

/**
 * Plans: plans (money as NUMERIC(14,4), JSON data, the seed's indexes, GIN on the data), plan
 * activities and share links (a partial unique index on live token hashes).
 */
export class Migration20261203180000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "plans" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "owner_id" uuid not null, "title" varchar(200) not null, "description" text null, "destination" varchar(100) null, "start_date" date null, "end_date" date null, "budget" numeric(14,4) null, "currency" varchar(3) not null default 'USD', "status" text check ("status" in ('DRAFT', 'PUBLISHED', 'ARCHIVED')) not null default 'DRAFT', "data" jsonb not null, "is_public" boolean not null default false, "version" int not null default 1, constraint "plans_pkey" primary key ("id"), constraint plans_version_check check (version >= 1), constraint plans_currency_check check (length(currency) = 3 and upper(currency) = currency), constraint plans_budget_check check (budget is null or budget >= 0), constraint plans_dates_check check (start_date is null or end_date is null or start_date <= end_date), constraint plans_title_check check (length(title) >= 1 and length(title) <= 200));`);
    this.addSql(`create index "plans_public_index" on "plans" ("updated_at", "id") where "is_public" = true and "status" = 'PUBLISHED';`);
    this.addSql(`create index "plans_status_index" on "plans" ("status");`);
    this.addSql(`create index "plans_owner_id_updated_at_index" on "plans" ("owner_id", "updated_at", "id");`);
    this.addSql(`create table "plan_share_links" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "plan_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "plan_share_links_pkey" primary key ("id"));`);
    this.addSql(`create index "plan_share_links_plan_id_index" on "plan_share_links" ("plan_id");`);
    this.addSql(`create unique index "plan_share_links_token_hash_index" on "plan_share_links" ("token_hash") where "revoked_at" is null;`);
    this.addSql(`create table "plan_activities" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "plan_id" uuid not null, "title" varchar(200) not null, "description" text null, "activity_type" varchar(50) null, "location_name" varchar(200) null, "latitude" numeric(10,7) null, "longitude" numeric(10,7) null, "address" text null, "scheduled_date" date null, "start_time" time(0) null, "end_time" time(0) null, "duration_minutes" int null, "estimated_cost" numeric(14,4) null, "actual_cost" numeric(14,4) null, "order_index" int not null default 0, "is_completed" boolean not null default false, "metadata" jsonb not null, constraint "plan_activities_pkey" primary key ("id"), constraint plan_activities_order_index_check check (order_index >= 0), constraint plan_activities_costs_check check ((estimated_cost is null or estimated_cost >= 0) and (actual_cost is null or actual_cost >= 0) and (duration_minutes is null or duration_minutes >= 0)), constraint plan_activities_times_check check (start_time is null or end_time is null or start_time <= end_time), constraint plan_activities_location_check check ((latitude is null or abs(latitude) <= 90) and (longitude is null or abs(longitude) <= 180)), constraint plan_activities_title_check check (length(title) >= 1 and length(title) <= 200));`);
    this.addSql(`create index "plan_activities_activity_type_index" on "plan_activities" ("activity_type");`);
    this.addSql(`create index "plan_activities_plan_id_order_index_index" on "plan_activities" ("plan_id", "order_index");`);
    this.addSql(`alter table "plans" add constraint "plans_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "plan_share_links" add constraint "plan_share_links_plan_id_foreign" foreign key ("plan_id") references "plans" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "plan_activities" add constraint "plan_activities_plan_id_foreign" foreign key ("plan_id") references "plans" ("id") on update cascade on delete cascade;`);
    // dataContains (@>) reads it; SQLite has no GIN and filters path by path.
    this.addSql(`create index "plans_data_index" on "plans" using gin ("data");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "plan_share_links" cascade;`);
    this.addSql(`drop table if exists "plan_activities" cascade;`);
    this.addSql(`drop table if exists "plans" cascade;`);
  }

}

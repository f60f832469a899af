import { Migration } from '@mikro-orm/migrations';

/** The access model: project members and visibility, case-free unique logins, session use. */
export class Migration20261203080000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "project_members" ("project_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, "role" text check ("role" in ('VIEWER', 'EDITOR', 'LEAD')) not null, "updated_at" timestamptz not null, constraint "project_members_pkey" primary key ("project_id", "user_id"));`);
    this.addSql(`create index "project_members_user_id_index" on "project_members" ("user_id");`);
    this.addSql(`alter table "project_members" add constraint "project_members_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_members" add constraint "project_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    // Every existing lead becomes a LEAD member.
    this.addSql(`insert into "project_members" ("project_id", "user_id", "role", "created_at", "updated_at") select "id", "lead_id", 'LEAD', "created_at", "created_at" from "projects";`);

    this.addSql(`alter table "projects" add column "visibility" text check ("visibility" in ('INTERNAL', 'PRIVATE')) not null default 'INTERNAL';`);

    this.addSql(`alter table "users" drop constraint "users_email_unique";`);
    this.addSql(`alter table "users" drop constraint "users_username_unique";`);
    this.addSql(`create unique index "users_username_lower_unique" on "users" (lower("username"));`);
    this.addSql(`create unique index "users_email_lower_unique" on "users" (lower("email"));`);

    this.addSql(`alter table "sessions" add column "last_used_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sessions" drop column "last_used_at";`);
    this.addSql(`drop index "users_email_lower_unique";`);
    this.addSql(`drop index "users_username_lower_unique";`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`);
    this.addSql(`alter table "projects" drop column "visibility";`);
    this.addSql(`drop table if exists "project_members" cascade;`);
  }

}

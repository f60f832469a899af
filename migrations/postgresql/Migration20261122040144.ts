import { Migration } from '@mikro-orm/migrations';

export class Migration20261122040144 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "users" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "email" varchar(254) not null, "username" varchar(150) not null, "display_name" varchar(200) not null, "role" text check ("role" in ('ADMIN', 'MEMBER')) not null default 'MEMBER', "is_active" boolean not null default true, "last_login_at" timestamptz null, "password_hash" varchar(255) not null, constraint "users_pkey" primary key ("id"), constraint users_username_length check (length(username) between 3 and 150));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`);

    this.addSql(`create table "sessions" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "user_agent" varchar(500) null, "ip" varchar(64) null, constraint "sessions_pkey" primary key ("id"));`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);
    this.addSql(`alter table "sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "sessions_expires_at_index" on "sessions" ("expires_at");`);

    this.addSql(`create table "projects" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "key" varchar(10) not null, "name" varchar(200) not null, "description" text null, "status" text check ("status" in ('ACTIVE', 'ON_HOLD', 'DONE', 'ARCHIVED')) not null default 'ACTIVE', "priority" text check ("priority" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null default 'MEDIUM', "lead_id" uuid not null, "archived_at" timestamptz null, constraint "projects_pkey" primary key ("id"), constraint projects_key_format check (length(key) between 2 and 10));`);
    this.addSql(`alter table "projects" add constraint "projects_key_unique" unique ("key");`);
    this.addSql(`create index "projects_lead_id_index" on "projects" ("lead_id");`);
    this.addSql(`create index "projects_created_at_index" on "projects" ("created_at");`);
    this.addSql(`create index "projects_status_priority_index" on "projects" ("status", "priority");`);

    this.addSql(`create table "tasks" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "project_id" uuid not null, "parent_id" uuid null, "depth" int not null default 0, "position" int not null default 0, "title" varchar(300) not null, "description" text null, "status" text check ("status" in ('TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE')) not null default 'TODO', "priority" text check ("priority" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null default 'MEDIUM', "assignee_id" uuid null, "due_date" timestamptz null, constraint "tasks_pkey" primary key ("id"), constraint tasks_position_check check (position >= 0), constraint tasks_depth_check check (depth >= 0));`);
    this.addSql(`create index "tasks_project_id_index" on "tasks" ("project_id");`);
    this.addSql(`create index "tasks_parent_id_index" on "tasks" ("parent_id");`);
    this.addSql(`create index "tasks_assignee_id_index" on "tasks" ("assignee_id");`);
    this.addSql(`create index "tasks_parent_id_position_index" on "tasks" ("parent_id", "position");`);
    this.addSql(`create index "tasks_parent_id_project_id_index" on "tasks" ("parent_id", "project_id");`);
    this.addSql(`create index "tasks_status_priority_index" on "tasks" ("status", "priority");`);
    this.addSql(`create index "tasks_project_id_position_index" on "tasks" ("project_id", "position");`);

    this.addSql(`create table "todos" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "task_id" uuid not null, "text" varchar(500) not null, "done" boolean not null default false, "position" int not null default 0, "due_date" timestamptz null, constraint "todos_pkey" primary key ("id"), constraint todos_position_check check (position >= 0));`);
    this.addSql(`create index "todos_task_id_index" on "todos" ("task_id");`);
    this.addSql(`create index "todos_due_date_index" on "todos" ("due_date");`);
    this.addSql(`create index "todos_task_id_position_index" on "todos" ("task_id", "position");`);

    this.addSql(`create table "task_events" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "task_id" uuid not null, "actor_id" uuid null, "kind" text check ("kind" in ('CREATED', 'UPDATED', 'MOVED', 'DEPENDENCY_ADDED', 'DEPENDENCY_REMOVED', 'TODO_ADDED', 'TODO_UPDATED', 'TODO_REMOVED')) not null, "changes" jsonb not null, constraint "task_events_pkey" primary key ("id"));`);
    this.addSql(`create index "task_events_task_id_index" on "task_events" ("task_id");`);
    this.addSql(`create index "task_events_actor_id_index" on "task_events" ("actor_id");`);

    this.addSql(`create table "task_dependencies" ("task_id" uuid not null, "blocked_by_id" uuid not null, "created_at" timestamptz not null, constraint "task_dependencies_pkey" primary key ("task_id", "blocked_by_id"));`);
    this.addSql(`create index "task_dependencies_blocked_by_id_index" on "task_dependencies" ("blocked_by_id");`);

    this.addSql(`create table "project_watchers" ("project_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, constraint "project_watchers_pkey" primary key ("project_id", "user_id"));`);
    this.addSql(`create index "project_watchers_user_id_index" on "project_watchers" ("user_id");`);

    this.addSql(`create table "project_stakeholders" ("project_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, constraint "project_stakeholders_pkey" primary key ("project_id", "user_id"));`);
    this.addSql(`create index "project_stakeholders_user_id_index" on "project_stakeholders" ("user_id");`);

    this.addSql(`alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "projects" add constraint "projects_lead_id_foreign" foreign key ("lead_id") references "users" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "tasks" add constraint "tasks_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "tasks" add constraint "tasks_parent_id_foreign" foreign key ("parent_id") references "tasks" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "tasks" add constraint "tasks_assignee_id_foreign" foreign key ("assignee_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "todos" add constraint "todos_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "task_events" add constraint "task_events_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "task_events" add constraint "task_events_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "task_dependencies" add constraint "task_dependencies_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "task_dependencies" add constraint "task_dependencies_blocked_by_id_foreign" foreign key ("blocked_by_id") references "tasks" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "project_watchers" add constraint "project_watchers_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_watchers" add constraint "project_watchers_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "project_stakeholders" add constraint "project_stakeholders_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_stakeholders" add constraint "project_stakeholders_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);

    this.addSql(`alter table "projects" drop constraint "projects_lead_id_foreign";`);

    this.addSql(`alter table "tasks" drop constraint "tasks_assignee_id_foreign";`);

    this.addSql(`alter table "task_events" drop constraint "task_events_actor_id_foreign";`);

    this.addSql(`alter table "project_watchers" drop constraint "project_watchers_user_id_foreign";`);

    this.addSql(`alter table "project_stakeholders" drop constraint "project_stakeholders_user_id_foreign";`);

    this.addSql(`alter table "tasks" drop constraint "tasks_project_id_foreign";`);

    this.addSql(`alter table "project_watchers" drop constraint "project_watchers_project_id_foreign";`);

    this.addSql(`alter table "project_stakeholders" drop constraint "project_stakeholders_project_id_foreign";`);

    this.addSql(`alter table "tasks" drop constraint "tasks_parent_id_foreign";`);

    this.addSql(`alter table "todos" drop constraint "todos_task_id_foreign";`);

    this.addSql(`alter table "task_events" drop constraint "task_events_task_id_foreign";`);

    this.addSql(`alter table "task_dependencies" drop constraint "task_dependencies_task_id_foreign";`);

    this.addSql(`alter table "task_dependencies" drop constraint "task_dependencies_blocked_by_id_foreign";`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "sessions" cascade;`);

    this.addSql(`drop table if exists "projects" cascade;`);

    this.addSql(`drop table if exists "tasks" cascade;`);

    this.addSql(`drop table if exists "todos" cascade;`);

    this.addSql(`drop table if exists "task_events" cascade;`);

    this.addSql(`drop table if exists "task_dependencies" cascade;`);

    this.addSql(`drop table if exists "project_watchers" cascade;`);

    this.addSql(`drop table if exists "project_stakeholders" cascade;`);
  }

}

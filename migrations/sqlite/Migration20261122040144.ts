import { Migration } from '@mikro-orm/migrations';

export class Migration20261122040144 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`users\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`email\` text not null, \`username\` text not null, \`display_name\` text not null, \`role\` text check (\`role\` in ('ADMIN', 'MEMBER')) not null default 'MEMBER', \`is_active\` integer not null default true, \`last_login_at\` datetime null, \`password_hash\` text not null, primary key (\`id\`), constraint users_username_length check (length(username) >= 3 and length(username) <= 150));`);
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);
    this.addSql(`create unique index \`users_username_unique\` on \`users\` (\`username\`);`);

    this.addSql(`create table \`sessions\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`user_id\` text not null, \`token_hash\` text not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, \`user_agent\` text null, \`ip\` text null, constraint \`sessions_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`sessions_user_id_index\` on \`sessions\` (\`user_id\`);`);
    this.addSql(`create unique index \`sessions_token_hash_unique\` on \`sessions\` (\`token_hash\`);`);
    this.addSql(`create index \`sessions_expires_at_index\` on \`sessions\` (\`expires_at\`);`);

    this.addSql(`create table \`projects\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`key\` text not null, \`name\` text not null, \`description\` text null, \`status\` text check (\`status\` in ('ACTIVE', 'ON_HOLD', 'DONE', 'ARCHIVED')) not null default 'ACTIVE', \`priority\` text check (\`priority\` in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null default 'MEDIUM', \`lead_id\` text not null, \`archived_at\` datetime null, constraint \`projects_lead_id_foreign\` foreign key(\`lead_id\`) references \`users\`(\`id\`) on delete restrict on update cascade, primary key (\`id\`), constraint projects_key_format check (length(key) >= 2 and length(key) <= 10));`);
    this.addSql(`create unique index \`projects_key_unique\` on \`projects\` (\`key\`);`);
    this.addSql(`create index \`projects_lead_id_index\` on \`projects\` (\`lead_id\`);`);
    this.addSql(`create index \`projects_created_at_index\` on \`projects\` (\`created_at\`);`);
    this.addSql(`create index \`projects_status_priority_index\` on \`projects\` (\`status\`, \`priority\`);`);

    this.addSql(`create table \`tasks\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`project_id\` text not null, \`parent_id\` text null, \`depth\` integer not null default 0, \`position\` integer not null default 0, \`title\` text not null, \`description\` text null, \`status\` text check (\`status\` in ('TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE')) not null default 'TODO', \`priority\` text check (\`priority\` in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null default 'MEDIUM', \`assignee_id\` text null, \`due_date\` datetime null, constraint \`tasks_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, constraint \`tasks_parent_id_foreign\` foreign key(\`parent_id\`) references \`tasks\`(\`id\`) on delete cascade on update cascade, constraint \`tasks_assignee_id_foreign\` foreign key(\`assignee_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`), constraint tasks_position_check check (position >= 0), constraint tasks_depth_check check (depth >= 0));`);
    this.addSql(`create index \`tasks_project_id_index\` on \`tasks\` (\`project_id\`);`);
    this.addSql(`create index \`tasks_parent_id_index\` on \`tasks\` (\`parent_id\`);`);
    this.addSql(`create index \`tasks_assignee_id_index\` on \`tasks\` (\`assignee_id\`);`);
    this.addSql(`create index \`tasks_parent_id_position_index\` on \`tasks\` (\`parent_id\`, \`position\`);`);
    this.addSql(`create index \`tasks_parent_id_project_id_index\` on \`tasks\` (\`parent_id\`, \`project_id\`);`);
    this.addSql(`create index \`tasks_status_priority_index\` on \`tasks\` (\`status\`, \`priority\`);`);
    this.addSql(`create index \`tasks_project_id_position_index\` on \`tasks\` (\`project_id\`, \`position\`);`);

    this.addSql(`create table \`todos\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`task_id\` text not null, \`text\` text not null, \`done\` integer not null default false, \`position\` integer not null default 0, \`due_date\` datetime null, constraint \`todos_task_id_foreign\` foreign key(\`task_id\`) references \`tasks\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`), constraint todos_position_check check (position >= 0));`);
    this.addSql(`create index \`todos_task_id_index\` on \`todos\` (\`task_id\`);`);
    this.addSql(`create index \`todos_due_date_index\` on \`todos\` (\`due_date\`);`);
    this.addSql(`create index \`todos_task_id_position_index\` on \`todos\` (\`task_id\`, \`position\`);`);

    this.addSql(`create table \`task_events\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`task_id\` text not null, \`actor_id\` text null, \`kind\` text check (\`kind\` in ('CREATED', 'UPDATED', 'MOVED', 'DEPENDENCY_ADDED', 'DEPENDENCY_REMOVED', 'TODO_ADDED', 'TODO_UPDATED', 'TODO_REMOVED')) not null, \`changes\` json not null, constraint \`task_events_task_id_foreign\` foreign key(\`task_id\`) references \`tasks\`(\`id\`) on delete cascade on update cascade, constraint \`task_events_actor_id_foreign\` foreign key(\`actor_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`task_events_task_id_index\` on \`task_events\` (\`task_id\`);`);
    this.addSql(`create index \`task_events_actor_id_index\` on \`task_events\` (\`actor_id\`);`);

    this.addSql(`create table \`task_dependencies\` (\`task_id\` text not null, \`blocked_by_id\` text not null, \`created_at\` datetime not null, constraint \`task_dependencies_task_id_foreign\` foreign key(\`task_id\`) references \`tasks\`(\`id\`) on delete cascade on update cascade, constraint \`task_dependencies_blocked_by_id_foreign\` foreign key(\`blocked_by_id\`) references \`tasks\`(\`id\`) on delete cascade on update cascade, primary key (\`task_id\`, \`blocked_by_id\`));`);
    this.addSql(`create index \`task_dependencies_task_id_index\` on \`task_dependencies\` (\`task_id\`);`);
    this.addSql(`create index \`task_dependencies_blocked_by_id_index\` on \`task_dependencies\` (\`blocked_by_id\`);`);

    this.addSql(`create table \`project_watchers\` (\`project_id\` text not null, \`user_id\` text not null, \`created_at\` datetime not null, constraint \`project_watchers_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, constraint \`project_watchers_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`project_id\`, \`user_id\`));`);
    this.addSql(`create index \`project_watchers_project_id_index\` on \`project_watchers\` (\`project_id\`);`);
    this.addSql(`create index \`project_watchers_user_id_index\` on \`project_watchers\` (\`user_id\`);`);

    this.addSql(`create table \`project_stakeholders\` (\`project_id\` text not null, \`user_id\` text not null, \`created_at\` datetime not null, constraint \`project_stakeholders_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete cascade on update cascade, constraint \`project_stakeholders_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`project_id\`, \`user_id\`));`);
    this.addSql(`create index \`project_stakeholders_project_id_index\` on \`project_stakeholders\` (\`project_id\`);`);
    this.addSql(`create index \`project_stakeholders_user_id_index\` on \`project_stakeholders\` (\`user_id\`);`);
  }

  override async down(): Promise<void> {
    // Children first: with foreign keys on, dropping a referenced table deletes or refuses its rows.
    this.addSql(`drop table if exists \`project_stakeholders\`;`);
    this.addSql(`drop table if exists \`project_watchers\`;`);
    this.addSql(`drop table if exists \`task_dependencies\`;`);
    this.addSql(`drop table if exists \`task_events\`;`);
    this.addSql(`drop table if exists \`todos\`;`);
    this.addSql(`drop table if exists \`tasks\`;`);
    this.addSql(`drop table if exists \`projects\`;`);
    this.addSql(`drop table if exists \`sessions\`;`);
    this.addSql(`drop table if exists \`users\`;`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261122050142 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "categories" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(100) not null, "description" text null, constraint "categories_pkey" primary key ("id"));`);
    this.addSql(`alter table "categories" add constraint "categories_name_unique" unique ("name");`);

    this.addSql(`create table "tags" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(50) not null, constraint "tags_pkey" primary key ("id"));`);
    this.addSql(`alter table "tags" add constraint "tags_name_unique" unique ("name");`);

    this.addSql(`create table "documents" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "title" varchar(300) not null, "slug" varchar(200) not null, "project_id" uuid null, "category_id" uuid null, "author_id" uuid null, "version" int not null default 1, "content_length" int not null default 0, "stored_bytes" int not null default 0, "content_hash" varchar(64) not null, "deleted_at" timestamptz null, constraint "documents_pkey" primary key ("id"), constraint documents_version_check check (version >= 1));`);
    this.addSql(`alter table "documents" add constraint "documents_slug_unique" unique ("slug");`);
    this.addSql(`create index "documents_project_id_index" on "documents" ("project_id");`);
    this.addSql(`create index "documents_category_id_index" on "documents" ("category_id");`);
    this.addSql(`create index "documents_author_id_index" on "documents" ("author_id");`);
    this.addSql(`create index "documents_deleted_at_index" on "documents" ("deleted_at");`);
    this.addSql(`create index "documents_title_index" on "documents" ("title");`);
    this.addSql(`create index "documents_updated_at_index" on "documents" ("updated_at");`);

    this.addSql(`create table "document_tags" ("document_id" uuid not null, "tag_id" uuid not null, "created_at" timestamptz not null, constraint "document_tags_pkey" primary key ("document_id", "tag_id"));`);
    this.addSql(`create index "document_tags_tag_id_index" on "document_tags" ("tag_id");`);

    this.addSql(`create table "document_revisions" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "document_id" uuid not null, "number" int not null, "author_id" uuid null, "message" text null, "title" varchar(300) null, "kind" text check ("kind" in ('SNAPSHOT', 'DIFF')) not null, "encoding" text check ("encoding" in ('RAW', 'BROTLI', 'DEFLATE')) not null, "data" bytea not null, "stored_bytes" int not null, "content_length" int not null, "content_hash" varchar(64) not null, "added" int not null, "removed" int not null, constraint "document_revisions_pkey" primary key ("id"));`);
    this.addSql(`create index "document_revisions_author_id_index" on "document_revisions" ("author_id");`);
    this.addSql(`alter table "document_revisions" add constraint "document_revisions_document_id_number_unique" unique ("document_id", "number");`);

    this.addSql(`create table "document_contents" ("document_id" uuid not null, "encoding" text check ("encoding" in ('RAW', 'BROTLI', 'DEFLATE')) not null, "data" bytea not null, constraint "document_contents_pkey" primary key ("document_id"));`);

    this.addSql(`alter table "documents" add constraint "documents_project_id_foreign" foreign key ("project_id") references "projects" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "documents" add constraint "documents_category_id_foreign" foreign key ("category_id") references "categories" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "documents" add constraint "documents_author_id_foreign" foreign key ("author_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "document_tags" add constraint "document_tags_document_id_foreign" foreign key ("document_id") references "documents" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "document_tags" add constraint "document_tags_tag_id_foreign" foreign key ("tag_id") references "tags" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "document_revisions" add constraint "document_revisions_document_id_foreign" foreign key ("document_id") references "documents" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "document_revisions" add constraint "document_revisions_author_id_foreign" foreign key ("author_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "document_contents" add constraint "document_contents_document_id_foreign" foreign key ("document_id") references "documents" ("id") on update cascade on delete cascade;`);

    // Full-text search over titles and texts (content is stored compressed): a tsvector kept in
    // step by the document service, under a GIN index; left out of MikroORM's schema diff
    // (schemaGenerator.skipTables).
    this.addSql(`create table "document_search" ("document_id" uuid not null, "body" tsvector not null, constraint "document_search_pkey" primary key ("document_id"), constraint "document_search_document_id_foreign" foreign key ("document_id") references "documents" ("id") on update cascade on delete cascade);`);
    this.addSql(`create index "document_search_body_index" on "document_search" using gin ("body");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "document_search" cascade;`);

    this.addSql(`alter table "documents" drop constraint "documents_category_id_foreign";`);

    this.addSql(`alter table "document_tags" drop constraint "document_tags_tag_id_foreign";`);

    this.addSql(`alter table "document_tags" drop constraint "document_tags_document_id_foreign";`);

    this.addSql(`alter table "document_revisions" drop constraint "document_revisions_document_id_foreign";`);

    this.addSql(`alter table "document_contents" drop constraint "document_contents_document_id_foreign";`);

    this.addSql(`drop table if exists "categories" cascade;`);

    this.addSql(`drop table if exists "tags" cascade;`);

    this.addSql(`drop table if exists "documents" cascade;`);

    this.addSql(`drop table if exists "document_tags" cascade;`);

    this.addSql(`drop table if exists "document_revisions" cascade;`);

    this.addSql(`drop table if exists "document_contents" cascade;`);
  }

}

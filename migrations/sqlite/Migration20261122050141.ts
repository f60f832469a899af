import { Migration } from '@mikro-orm/migrations';

export class Migration20261122050141 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`categories\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, \`description\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`categories_name_unique\` on \`categories\` (\`name\`);`);

    this.addSql(`create table \`tags\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`name\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`tags_name_unique\` on \`tags\` (\`name\`);`);

    this.addSql(`create table \`documents\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`title\` text not null, \`slug\` text not null, \`project_id\` text null, \`category_id\` text null, \`author_id\` text null, \`version\` integer not null default 1, \`content_length\` integer not null default 0, \`stored_bytes\` integer not null default 0, \`content_hash\` text not null, \`deleted_at\` datetime null, constraint \`documents_project_id_foreign\` foreign key(\`project_id\`) references \`projects\`(\`id\`) on delete set null on update cascade, constraint \`documents_category_id_foreign\` foreign key(\`category_id\`) references \`categories\`(\`id\`) on delete set null on update cascade, constraint \`documents_author_id_foreign\` foreign key(\`author_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`), constraint documents_version_check check (version >= 1));`);
    this.addSql(`create unique index \`documents_slug_unique\` on \`documents\` (\`slug\`);`);
    this.addSql(`create index \`documents_project_id_index\` on \`documents\` (\`project_id\`);`);
    this.addSql(`create index \`documents_category_id_index\` on \`documents\` (\`category_id\`);`);
    this.addSql(`create index \`documents_author_id_index\` on \`documents\` (\`author_id\`);`);
    this.addSql(`create index \`documents_deleted_at_index\` on \`documents\` (\`deleted_at\`);`);
    this.addSql(`create index \`documents_title_index\` on \`documents\` (\`title\`);`);
    this.addSql(`create index \`documents_updated_at_index\` on \`documents\` (\`updated_at\`);`);

    this.addSql(`create table \`document_tags\` (\`document_id\` text not null, \`tag_id\` text not null, \`created_at\` datetime not null, constraint \`document_tags_document_id_foreign\` foreign key(\`document_id\`) references \`documents\`(\`id\`) on delete cascade on update cascade, constraint \`document_tags_tag_id_foreign\` foreign key(\`tag_id\`) references \`tags\`(\`id\`) on delete cascade on update cascade, primary key (\`document_id\`, \`tag_id\`));`);
    this.addSql(`create index \`document_tags_document_id_index\` on \`document_tags\` (\`document_id\`);`);
    this.addSql(`create index \`document_tags_tag_id_index\` on \`document_tags\` (\`tag_id\`);`);

    this.addSql(`create table \`document_revisions\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`document_id\` text not null, \`number\` integer not null, \`author_id\` text null, \`message\` text null, \`title\` text null, \`kind\` text check (\`kind\` in ('SNAPSHOT', 'DIFF')) not null, \`encoding\` text check (\`encoding\` in ('RAW', 'BROTLI', 'DEFLATE')) not null, \`data\` blob not null, \`stored_bytes\` integer not null, \`content_length\` integer not null, \`content_hash\` text not null, \`added\` integer not null, \`removed\` integer not null, constraint \`document_revisions_document_id_foreign\` foreign key(\`document_id\`) references \`documents\`(\`id\`) on delete cascade on update cascade, constraint \`document_revisions_author_id_foreign\` foreign key(\`author_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`document_revisions_document_id_index\` on \`document_revisions\` (\`document_id\`);`);
    this.addSql(`create index \`document_revisions_author_id_index\` on \`document_revisions\` (\`author_id\`);`);
    this.addSql(`create unique index \`document_revisions_document_id_number_unique\` on \`document_revisions\` (\`document_id\`, \`number\`);`);

    this.addSql(`create table \`document_contents\` (\`document_id\` text not null, \`encoding\` text check (\`encoding\` in ('RAW', 'BROTLI', 'DEFLATE')) not null, \`data\` blob not null, constraint \`document_contents_document_id_foreign\` foreign key(\`document_id\`) references \`documents\`(\`id\`) on delete cascade on update cascade, primary key (\`document_id\`));`);
    this.addSql(`create index \`document_contents_document_id_index\` on \`document_contents\` (\`document_id\`);`);

    // Full-text search over titles and texts (content is stored compressed); kept in step by
    // the document service and left out of MikroORM's schema diff (schemaGenerator.skipTables).
    this.addSql(`create virtual table \`document_search\` using fts5(document_id, body);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`document_search\`;`);
    this.addSql(`drop table if exists \`document_contents\`;`);
    this.addSql(`drop table if exists \`document_revisions\`;`);
    this.addSql(`drop table if exists \`document_tags\`;`);
    this.addSql(`drop table if exists \`documents\`;`);
    this.addSql(`drop table if exists \`tags\`;`);
    this.addSql(`drop table if exists \`categories\`;`);
  }

}

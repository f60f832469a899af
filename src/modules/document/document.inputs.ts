import { ArrayMaxSize, IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { SortDirection } from '../../common/sort-direction.enum';
import { MAX_TAGS_PER_DOCUMENT } from './document-tags';

/** Slugs: lower-case letters, digits and single dashes. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

@InputType()
export class CreateDocumentInput {
  @Field()
  @Length(1, 300)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Defaults to one made from the title.' })
  @IsOptional()
  @Length(1, 200)
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case words joined by dashes' })
  slug?: string | null;

  @Field({ description: 'The text (HTML, Markdown, plain); at most DOCUMENT_MAX_BYTES bytes.' })
  content!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  projectId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Tag names, at most 20; missing tags are created.',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_TAGS_PER_DOCUMENT)
  tags?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  message?: string | null;
}

@InputType()
export class DocumentFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  projectId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  @Field(() => String, { nullable: true, description: 'A tag name.' })
  tag?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  authorId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Words that must all appear in the title or the text.',
  })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;

  @Field({ defaultValue: false, description: 'List deleted documents instead of live ones.' })
  deleted!: boolean;
}

/** Values are entity property names (the keyset sort keys). */
export enum DocumentOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  TITLE = 'title',
}

registerEnumType(DocumentOrderField, { name: 'DocumentOrderField' });

@InputType()
export class DocumentOrder {
  @Field(() => DocumentOrderField)
  field!: DocumentOrderField;

  @Field(() => SortDirection)
  direction!: SortDirection;
}

@InputType()
export class CreateCategoryInput {
  @Field()
  @Length(1, 100)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  description?: string | null;
}

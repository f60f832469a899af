import { IsInt, IsOptional, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { PageArgs } from '../../common/page.args';
import { DocumentFilter, DocumentOrder } from './document.inputs';

@ArgsType()
export class DocumentsArgs extends PageArgs {
  @Field(() => DocumentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: DocumentFilter | null;

  @Field(() => DocumentOrder, { nullable: true, description: 'Defaults to newest first.' })
  orderBy?: DocumentOrder | null;
}

@ArgsType()
export class UpdateDocumentArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, {
    description: 'The version the edit was made on; a different current version is a CONFLICT.',
  })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'The new text; left out, it stays.' })
  content?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Why; kept on the revision.' })
  @IsOptional()
  @MaxLength(1000)
  message?: string | null;
}

@ArgsType()
export class RestoreRevisionArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The revision whose text becomes current again.' })
  @IsInt()
  @Min(1)
  number!: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}

@ArgsType()
export class DiffRevisionsArgs {
  @Field(() => ID)
  documentId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  from!: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  to!: number;
}

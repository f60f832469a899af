import { IsInt, IsOptional, IsUUID, Length, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class AddTodoInput {
  @Field(() => ID)
  @IsUUID()
  taskId!: string;

  @Field()
  @Length(1, 500)
  text!: string;

  @Field(() => Date, { nullable: true })
  dueDate?: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Place in the checklist from 0; defaults to last.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number | null;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateTodoInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 500)
  text?: string | null;

  @Field(() => Boolean, { nullable: true })
  done?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'null clears it.' })
  dueDate?: Date | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number | null;
}

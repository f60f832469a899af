import { IsInt, IsOptional, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';

@ArgsType()
export class MoveTaskArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The new parent; null makes it a root task; left out, the task stays under its parent and only moves among its siblings.',
  })
  parentId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Place among the new siblings from 0; defaults to last.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number | null;
}

@ArgsType()
export class TaskDependencyArgs {
  @Field(() => ID, { description: 'The task that waits.' })
  taskId!: string;

  @Field(() => ID, { description: 'The task it waits for.' })
  blockedById!: string;
}

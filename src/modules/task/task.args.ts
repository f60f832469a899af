import { IsInt, IsOptional, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { PageArgs } from '../../common/page.args';
import { TaskFilter, TaskOrder } from './task.inputs';

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

@ArgsType()
export class ProjectTasksArgs extends PageArgs {
  @Field(() => TaskFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: TaskFilter | null;

  @Field(() => TaskOrder, { nullable: true, description: 'Defaults to oldest first.' })
  orderBy?: TaskOrder | null;
}

import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true })
export class TaskDeletion {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Tasks removed: the task and, with cascade, its subtasks.' })
  deletedCount!: number;
}

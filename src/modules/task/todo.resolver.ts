import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { Row } from '../../common/row.type';
import { Task } from './task.entity';
import { taskLoaders } from './task.loaders';
import { Todo } from './todo.entity';
import { AddTodoInput, UpdateTodoInput } from './todo.inputs';
import { addTodo, removeTodo, updateTodo } from './todo.service';

@Resolver(() => Todo)
export class TodoResolver {
  @FieldResolver(() => Task)
  task(@Root() todo: Row<Todo>, @Ctx() ctx: Context) {
    return taskLoaders.byId(ctx).load(todo.task.id);
  }

  @Mutation(() => Todo)
  addTodo(@Arg('input') input: AddTodoInput, @Ctx() ctx: Context): Promise<Todo> {
    return addTodo(ctx, input);
  }

  @Mutation(() => Todo)
  updateTodo(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateTodoInput,
    @Ctx() ctx: Context,
  ): Promise<Todo> {
    return updateTodo(ctx, id, input);
  }

  @Mutation(() => Boolean)
  removeTodo(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return removeTodo(ctx, id);
  }
}

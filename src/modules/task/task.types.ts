import { ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection.type';
import { TaskEvent } from './task-event.entity';
import { Task } from './task.entity';

@ObjectType()
export class TaskConnection extends Connection(Task) {}

@ObjectType()
export class TaskEventConnection extends Connection(TaskEvent) {}

import { ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection.type';
import { TaskEvent } from './task-event.entity';
import { Task } from './task.entity';

@ObjectType({ simpleResolvers: true })
export class TaskConnection extends Connection(Task) {}

@ObjectType({ simpleResolvers: true })
export class TaskEventConnection extends Connection(TaskEvent) {}

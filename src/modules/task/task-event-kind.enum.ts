import { registerEnumType } from 'type-graphql';

export enum TaskEventKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  MOVED = 'MOVED',
  DEPENDENCY_ADDED = 'DEPENDENCY_ADDED',
  DEPENDENCY_REMOVED = 'DEPENDENCY_REMOVED',
  TODO_ADDED = 'TODO_ADDED',
  TODO_UPDATED = 'TODO_UPDATED',
  TODO_REMOVED = 'TODO_REMOVED',
}

registerEnumType(TaskEventKind, { name: 'TaskEventKind' });

import { registerEnumType } from 'type-graphql';

export enum TaskStatus {
  TODO = 'TODO',
  IN_PROGRESS = 'IN_PROGRESS',
  BLOCKED = 'BLOCKED',
  DONE = 'DONE',
}

registerEnumType(TaskStatus, { name: 'TaskStatus' });

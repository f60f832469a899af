import { registerEnumType } from 'type-graphql';

export enum Priority {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

registerEnumType(Priority, { name: 'Priority', description: 'How urgent a project or task is.' });

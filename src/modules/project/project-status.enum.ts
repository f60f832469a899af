import { registerEnumType } from 'type-graphql';

export enum ProjectStatus {
  ACTIVE = 'ACTIVE',
  ON_HOLD = 'ON_HOLD',
  DONE = 'DONE',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(ProjectStatus, { name: 'ProjectStatus' });

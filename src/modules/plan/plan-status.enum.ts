import { registerEnumType } from 'type-graphql';

export enum PlanStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(PlanStatus, {
  name: 'PlanStatus',
  description: 'DRAFT → PUBLISHED by publishing; either → ARCHIVED, after which it is read-only.',
});

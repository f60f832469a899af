import { registerEnumType } from 'type-graphql';

/** A member's standing in one project; each role may do what the ones before it may. */
export enum ProjectRole {
  VIEWER = 'VIEWER',
  EDITOR = 'EDITOR',
  LEAD = 'LEAD',
}

registerEnumType(ProjectRole, {
  name: 'ProjectRole',
  description:
    'VIEWER reads; EDITOR also changes tasks, todos, dependencies and documents; LEAD also changes settings and members.',
});

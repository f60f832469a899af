import { registerEnumType } from 'type-graphql';

export enum ProjectVisibility {
  INTERNAL = 'INTERNAL',
  PRIVATE = 'PRIVATE',
}

registerEnumType(ProjectVisibility, {
  name: 'ProjectVisibility',
  description: 'INTERNAL: every signed-in user reads it. PRIVATE: only its members and admins.',
});

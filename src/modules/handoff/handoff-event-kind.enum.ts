import { registerEnumType } from 'type-graphql';

export enum HandoffEventKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
  REASSIGNED = 'REASSIGNED',
}

registerEnumType(HandoffEventKind, { name: 'HandoffEventKind' });

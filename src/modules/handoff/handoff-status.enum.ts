import { registerEnumType } from 'type-graphql';

export enum HandoffStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  CLOSED = 'CLOSED',
}

registerEnumType(HandoffStatus, {
  name: 'HandoffStatus',
  description:
    'OPEN → ACKNOWLEDGED → CLOSED, OPEN → CLOSED, and CLOSED → OPEN by reopening; nothing else.',
});

import { registerEnumType } from 'type-graphql';

export enum BookingChangeKind {
  CREATED = 'CREATED',
  RESCHEDULED = 'RESCHEDULED',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
}

registerEnumType(BookingChangeKind, { name: 'BookingChangeKind' });

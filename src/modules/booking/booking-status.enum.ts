import { registerEnumType } from 'type-graphql';

export enum BookingStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
}

registerEnumType(BookingStatus, {
  name: 'BookingStatus',
  description:
    'PENDING → CONFIRMED → COMPLETED, and PENDING or CONFIRMED → CANCELLED; nothing else.',
});

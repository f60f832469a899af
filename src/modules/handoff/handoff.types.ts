import { ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection.type';
import { HandoffEvent } from './handoff-event.entity';
import { Handoff } from './handoff.entity';
import { Shift } from './shift.entity';

@ObjectType({ simpleResolvers: true })
export class HandoffConnection extends Connection(Handoff) {}

@ObjectType({ simpleResolvers: true })
export class HandoffEventConnection extends Connection(HandoffEvent) {}

@ObjectType({ simpleResolvers: true })
export class ShiftConnection extends Connection(Shift) {}

import { ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection.type';
import { Session } from './session.entity';

@ObjectType({ simpleResolvers: true })
export class SessionConnection extends Connection(Session) {}

import { ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection.type';
import { Venue } from './venue.entity';

@ObjectType({ simpleResolvers: true })
export class VenueConnection extends Connection(Venue) {}

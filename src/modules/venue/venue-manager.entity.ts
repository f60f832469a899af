import { Entity, Index, ManyToOne, PrimaryKeyProp, Property, type Opt } from '@mikro-orm/core';
import { User } from '../user/user.entity';
import { Venue } from './venue.entity';

/** Users who manage a venue: its details, hours and closures (besides admins). */
@Entity({ tableName: 'venue_managers' })
@Index({ name: 'venue_managers_user_id_index', properties: ['user'] })
export class VenueManager {
  [PrimaryKeyProp]?: ['venue', 'user'];

  @ManyToOne(() => Venue, { primary: true, deleteRule: 'cascade' })
  venue!: Venue;

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  user!: User;

  @Property({ type: 'datetime' })
  createdAt: Date & Opt = new Date();
}

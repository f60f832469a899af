import type { Where } from '../../common/batch';
import type { SortKey } from '../../common/keyset';
import type { VenueFilter } from './venue.inputs';

/** Venues by name, then id. */
export const VENUE_ORDER: readonly SortKey[] = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];

/** The filter; the city compared lower-cased, as the index holds it. */
export function venueWhere(filter: VenueFilter | null | undefined): Where | undefined {
  if (!filter) return undefined;
  return (qb) => {
    if (filter.city) qb.whereRaw('lower(venues.city) = ?', [filter.city.toLowerCase()]);
    if (filter.isActive != null) qb.where('venues.is_active', filter.isActive);
  };
}

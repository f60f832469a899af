import type { EntityClass, FilterQuery, FindOneOptions } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { notFoundError } from './errors';
import { isUuid } from './uuid';

/**
 * The entity with this id (and matching `where`), or a NOT_FOUND error. A malformed id names
 * nothing: it is answered here rather than sent to PostgreSQL, which would refuse it as a uuid.
 */
export async function findOrFail<T extends object, P extends string = never>(
  em: SqlEntityManager,
  entity: EntityClass<T>,
  id: string,
  where: FilterQuery<T> = {} as FilterQuery<T>,
  options?: FindOneOptions<T, P>,
): Promise<T> {
  const found = isUuid(id)
    ? await em.findOne(entity, { ...(where as object), id } as FilterQuery<T>, options)
    : null;
  if (!found) throw notFoundError(entity.name, id);
  return found as T;
}

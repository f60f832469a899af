import type DataLoader from 'dataloader';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { ConnectionSource } from './connection.type';
import { encodeCursor, type CursorValue } from './cursor';
import { afterKeyset, orderByOf, type SortKey } from './keyset';
import { sliceRows, type PageRequest, type PageSlice } from './page';

function cursorValue(value: unknown): CursorValue {
  if (value instanceof Date) return value.getTime();
  // A to-one key (a plain row's `{ id }`) travels as the id.
  if (value !== null && typeof value === 'object' && 'id' in value) return String(value.id);
  return typeof value === 'number' ? value : String(value);
}

/** Wraps a fetched page for a connection type; cursors hold the node's sort-key values. */
export function connectionOf<T>(
  slice: PageSlice<T>,
  page: PageRequest,
  keys: readonly string[],
  count: () => Promise<number>,
): ConnectionSource<T> {
  return {
    slice,
    hasPreviousPage: page.after !== null,
    cursorOf: (node) =>
      encodeCursor(keys.map((key) => cursorValue((node as Record<string, unknown>)[key]))),
    count,
  };
}

/**
 * A keyset page of a top-level list; `totalCount` costs one count statement, only when asked.
 * A condition with `raw()` fragments must come as a function: MikroORM lets a raw fragment
 * serve one statement only, and the page and the count are two.
 */
export async function findPage<T extends object>(
  em: SqlEntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T> | (() => FilterQuery<T>),
  keys: SortKey[],
  page: PageRequest,
): Promise<ConnectionSource<T>> {
  const condition = (): FilterQuery<T> =>
    typeof where === 'function' ? (where as () => FilterQuery<T>)() : where;
  const filter = page.after
    ? ({ $and: [condition(), afterKeyset<T>(keys, page.after)] } as FilterQuery<T>)
    : condition();
  const rows = await em.find(entity, filter, {
    orderBy: orderByOf(keys) as never,
    limit: page.first + 1,
  });
  return connectionOf(
    sliceRows(rows, page.first),
    page,
    keys.map((key) => key.property),
    () => em.count(entity, condition()),
  );
}

/**
 * A child connection of one parent from two per-request loaders: the page (keyed by the page
 * request, so different arguments never share a batch) and the count, run only if selected.
 */
export async function childConnection<T>(
  page: PageRequest,
  keys: readonly string[],
  pages: DataLoader<string, PageSlice<T>>,
  counts: DataLoader<string, number>,
  parentId: string,
): Promise<ConnectionSource<T>> {
  return connectionOf(await pages.load(parentId), page, keys, () => counts.load(parentId));
}

import type { EntityClass } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import type { Where } from './batch';
import type { ConnectionSource } from './connection.type';
import { encodeCursor } from './cursor';
import { loaderKey } from './loader-registry';
import { afterSql, keyColumns, orderSql, type KeyColumn, type SortKey } from './keyset';
import { pageRequest, sliceRows, type PageRequest, type PageSlice } from './page';
import type { PageArgs } from './page.args';
import { columnsOf, rowsAs, tableOf } from './row-mapper';
import {
  cacheForFieldNode,
  connectionNodeFields,
  fieldNodeCached,
  objectFields,
} from './selection';
import { selectRows } from './select-rows';

/**
 * The keyset list engine, one for top-level and child lists: plain rows (never managed
 * entities), any order of entity properties ending with the id, both directions, NULLs last,
 * cursors checked against the keys' types, and only the columns the client selected.
 */
export interface ListQuery<T> {
  entity: EntityClass<T>;
  order: readonly SortKey[];
  /** Conditions on the table (filters, access rules), by its own name. */
  where?: Where;
}

/** The columns to read: those behind the selected fields, the keys, and `keep`. */
export function selectedColumns<T>(
  ctx: Context,
  entity: EntityClass<T>,
  keys: readonly KeyColumn[],
  info: GraphQLResolveInfo | undefined,
  keep: readonly string[] = [],
): string[] {
  const fields = info && connectionNodeFields(info);
  const wanted = fields && { fields, keep: [...keep, ...keys.map((key) => key.column)] };
  return columnsOf(ctx.em, entity, undefined, wanted);
}

/**
 * The columns to read for the objects of a list field (a task's `todos`, its `blockedBy`): those
 * behind the fields selected on them and `keep`, worked out once per field node of the operation,
 * with the loader key they make. Every column without `info`.
 */
export function objectColumns<T>(
  ctx: Context,
  name: string,
  entity: EntityClass<T>,
  info: GraphQLResolveInfo | undefined,
  keep: readonly string[],
): { columns: string[]; key: string } {
  if (!info) return { columns: columnsOf(ctx.em, entity), key: loaderKey(name) };
  const cached = fieldNodeCached<{ columns: string[]; key: string }>(info, name);
  if (cached) return cached;
  const columns = columnsOf(ctx.em, entity, undefined, { fields: objectFields(info), keep });
  return cacheForFieldNode(info, name, { columns, key: loaderKey(name, columns) });
}

export function connectionOf<T>(
  slice: PageSlice<T>,
  keys: readonly KeyColumn[],
  count: () => Promise<number>,
): ConnectionSource<T> {
  return { slice, cursorOf: (node) => encodeCursor(keys, node as object), count };
}

/** One statement for the page (one row more than asked), one more for `totalCount` if selected. */
export async function listPage<T>(
  ctx: Context,
  query: ListQuery<T>,
  args: PageArgs,
  info?: GraphQLResolveInfo,
): Promise<ConnectionSource<T>> {
  const keys = keyColumns(ctx.em, query.entity, query.order);
  const page: PageRequest = pageRequest(args, ctx.config, keys);
  const table = tableOf(ctx.em, query.entity);
  const knex = ctx.em.getKnex();
  const order = orderSql(keys, page.backward, table);
  const qb = knex(table)
    .select(selectedColumns(ctx, query.entity, keys, info))
    .orderByRaw(order.sql, order.bindings)
    .limit(page.size + 1);
  query.where?.(qb);
  if (page.cursor) {
    const after = afterSql(keys, page.cursor, page.backward, table);
    qb.whereRaw(after.sql, after.bindings);
  }
  const rows = rowsAs(ctx.em, query.entity, await selectRows(ctx.em, qb));
  return connectionOf(sliceRows(rows, page), keys, async () => {
    const counted = knex(table).count({ n: '*' });
    query.where?.(counted);
    const [{ n }] = await selectRows<{ n: number | string }>(ctx.em, counted);
    return Number(n);
  });
}

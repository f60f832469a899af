import type { EntityClass, EntityMetadata } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import { countByParent, groupBy, type Where } from './batch';
import { whereKeyIn } from './dialect';
import type { ConnectionSource } from './connection.type';
import { afterSql, keyColumns, orderSql, type KeyColumn, type SortKey } from './keyset';
import { connectionOf, selectedColumns } from './list';
import { loaderKey } from './loader-registry';
import { pageRequest, sliceRows, type PageRequest, type PageSlice } from './page';
import type { PageArgs } from './page.args';
import { rowsAs } from './row-mapper';
import { cacheForFieldNode, fieldNodeCached } from './selection';
import { selectRows } from './select-rows';

/** How a client asked for a child list, beyond its page arguments. */
export interface ChildListOptions<F> {
  /** The field's resolve info: only the columns behind the selected fields are read. */
  info?: GraphQLResolveInfo;
  filter?: F | null;
  /** Another order than the list's own (ending with the id). */
  order?: readonly SortKey[];
}

/** A paginated relation (a parent's subtasks, a document's revisions…), batched per request. */
export interface ChildList<T, F> {
  /** The parent's page as a connection; `totalCount` is counted only when selected. */
  connection(
    ctx: Context,
    parentId: string,
    args: PageArgs,
    options?: ChildListOptions<F>,
  ): Promise<ConnectionSource<T>>;
  /** All the parent's children (matching `filter`): the count behind `totalCount`. */
  count(ctx: Context, parentId: string, filter?: F): Promise<number>;
}

export interface ChildListSpec<T, F> {
  /** Names its loaders; their keys derive from it, the page, the selection and the filter. */
  name: string;
  entity: EntityClass<T>;
  /** The to-one property that points at the parent. */
  partition: keyof T & string;
  order: readonly SortKey[];
  where?: (ctx: Context, filter: F | null) => Where | undefined;
}

/**
 * Defines a child list once: its page loader (one statement for the pages of every parent in
 * a batch: `row_number()` over a window per parent, keyset-filtered, one extra row each), its
 * count loader (one grouped count) and the resolver helper.
 */
export function defineChildList<T extends object, F = never>(
  spec: ChildListSpec<T, F>,
): ChildList<T, F> {
  const setup = (ctx: Context) => {
    const meta = ctx.em.getMetadata().get(spec.entity.name) as EntityMetadata;
    const partition = (meta.properties[spec.partition as never] as EntityMetadata['props'][number])
      .fieldNames[0];
    return { table: meta.tableName, partition };
  };

  const counts = (ctx: Context, filter: F | null) => {
    const { table, partition } = setup(ctx);
    return ctx.loaders.get<string, number>(loaderKey(spec.name, 'count', filter), (ids) =>
      countByParent(ctx.em, table, partition, ids, spec.where?.(ctx, filter)),
    );
  };

  /** What a page statement reads and orders by; `key` names its loaders. */
  interface Shape {
    keys: readonly KeyColumn[];
    columns: string[];
    key: string;
  }
  const shapeOf = (
    ctx: Context,
    order: readonly SortKey[],
    info: GraphQLResolveInfo | undefined,
  ): Shape => {
    const keys = keyColumns(ctx.em, spec.entity, order);
    const columns = selectedColumns(ctx, spec.entity, keys, info, [setup(ctx).partition]);
    return { keys, columns, key: loaderKey(spec.name, keys, columns) };
  };

  const pages = (ctx: Context, page: PageRequest, shape: Shape, filter: F | null) => {
    const { table, partition } = setup(ctx);
    const { keys, columns } = shape;
    return ctx.loaders.get<string, PageSlice<T>>(
      loaderKey(shape.key, page, filter),
      async (ids) => {
        const knex = ctx.em.getKnex();
        const order = orderSql(keys, page.backward, table);
        const inner = knex(table).select(
          ...columns,
          knex.raw(`row_number() over (partition by ??.?? order by ${order.sql}) as _rn`, [
            table,
            partition,
            ...order.bindings,
          ]),
        );
        whereKeyIn(ctx.em, inner, `${table}.${partition}`, ids);
        spec.where?.(ctx, filter)?.(inner);
        if (page.cursor) {
          const after = afterSql(keys, page.cursor, page.backward, table);
          inner.whereRaw(after.sql, after.bindings);
        }
        // The page's columns without `_rn`: a bigint the driver would parse for every row.
        const qb = knex
          .select(columns.map((column) => `w.${column.slice(column.indexOf('.') + 1)}`))
          .from(inner.as('w'))
          .where('_rn', '<=', page.size + 1)
          .orderBy([partition, '_rn']);
        const rows = await selectRows(ctx.em, qb);
        const items = rowsAs(ctx.em, spec.entity, rows);
        const groups = groupBy(ids, rows, partition, items);
        return groups.map((group) => sliceRows(group, page));
      },
    );
  };

  return {
    async connection(ctx, parentId, args, { info, filter = null, order = spec.order } = {}) {
      // In the list's own order, the shape depends on the field node alone: worked out once,
      // not once per parent.
      const own = info && order === spec.order;
      let shape = own ? fieldNodeCached<Shape>(info, spec.name) : undefined;
      if (!shape) {
        shape = shapeOf(ctx, order, info);
        if (own) cacheForFieldNode(info, spec.name, shape);
      }
      const page = pageRequest(args, ctx.config, shape.keys);
      const slice = await pages(ctx, page, shape, filter).load(parentId);
      return connectionOf(slice, shape.keys, () => counts(ctx, filter).load(parentId));
    },
    count(ctx, parentId, filter) {
      return counts(ctx, filter ?? null).load(parentId);
    },
  };
}

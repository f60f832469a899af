import { isPostgres } from '../../common/dialect';
import { tableOf } from '../../common/row-mapper';
import { isUuid } from '../../common/uuid';
import type { Context } from '../../context';
import { NODE_TYPES } from './node.registry';

/**
 * The object type each id names, for all the ids of a request in one statement: a `union all`
 * of one primary-key lookup per Node table. The ids travel as one JSON array parameter, so the
 * statement has one bind parameter however many ids and tables there are. It only says which
 * table holds the id; whether the caller may read the row is the type's own lookup's business.
 */
async function typesOf(ctx: Context, ids: readonly string[]): Promise<(string | null)[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return ids.map(() => null);
  const wanted = isPostgres(ctx)
    ? 'select (jsonb_array_elements_text(cast(? as jsonb)))::uuid as id'
    : 'select value as id from json_each(?)';
  const branches = NODE_TYPES.map((type) => {
    const table = tableOf(ctx.em, type.entity);
    return `select '${type.name}' as type, id from ${table} where id in (select id from wanted)`;
  });
  const sql = `with wanted as (${wanted}) ${branches.join(' union all ')}`;
  const rows = await ctx.em.execute<{ type: string; id: string }[]>(sql, [JSON.stringify(valid)]);
  const byId = new Map(rows.map((row) => [String(row.id), row.type]));
  return ids.map((id) => byId.get(id) ?? null);
}

export const nodeLoaders = {
  /** The type name of the object an id names, or null (missing or malformed). */
  typeOf: (ctx: Context) =>
    ctx.loaders.get<string, string | null>('node.typeOf', (ids) => typesOf(ctx, ids)),
};

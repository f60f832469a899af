import { raw, type FilterQuery } from '@mikro-orm/core';
import type { SortKey } from '../../common/keyset';
import type { Context } from '../../context';
import type { Project } from './project.entity';
import { ProjectSortField, type ProjectFilter, type ProjectOrder } from './project.inputs';
import { projectReadableFilter } from './project.policy';

/** The keyset of a projects list: the chosen field (newest first by default), then the id. */
export function projectSortKeys(order: ProjectOrder | null | undefined): SortKey[] {
  const field = order?.field ?? ProjectSortField.CREATED_AT;
  const direction = order ? order.direction : 'desc';
  return [
    { property: field, direction, isDate: field.endsWith('At') },
    { property: 'id', direction },
  ];
}

/** The filter as a MikroORM condition, limited to the projects the user may read. */
export function projectWhere(
  ctx: Context,
  filter: ProjectFilter | null | undefined,
): FilterQuery<Project> {
  const where: Record<string, unknown> = { ...projectReadableFilter(ctx, 'id') };
  if (filter?.status) where.status = filter.status;
  if (filter?.priority) where.priority = filter.priority;
  if (filter?.leadId) where.lead = filter.leadId;
  if (filter?.search) {
    const pattern = `%${filter.search}%`;
    // SQLite has no ILIKE; its LIKE is already case-insensitive (for ASCII).
    const op = ctx.config.dialect === 'postgresql' ? '$ilike' : '$like';
    where.$or = [{ name: { [op]: pattern } }, { key: { [op]: pattern } }];
  }
  return where as FilterQuery<Project>;
}

/** The projects the signed-in user is a member of. */
export function memberOfWhere(ctx: Context): FilterQuery<Project> {
  const condition = (alias: string) =>
    `exists (select 1 from project_members mm where mm.project_id = ${alias}.id and mm.user_id = ?)`;
  return { [raw(condition, [ctx.user?.id ?? null])]: [] } as FilterQuery<Project>;
}

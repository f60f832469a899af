import type { Where } from '../../common/batch';
import { whereContains } from '../../common/dialect';
import type { SortKey } from '../../common/keyset';
import type { Context } from '../../context';
import { ProjectSortField, type ProjectFilter, type ProjectOrder } from './project.inputs';
import { whereProjectReadable } from './project.policy';

/** The keyset of a projects list: the chosen field (newest first by default), then the id. */
export function projectSortKeys(order: ProjectOrder | null | undefined): SortKey[] {
  const field = order?.field ?? ProjectSortField.CREATED_AT;
  const direction = order ? order.direction : 'desc';
  return [
    { property: field, direction },
    { property: 'id', direction },
  ];
}

/** The filter, limited to the projects the user may read. */
export function projectWhere(ctx: Context, filter: ProjectFilter | null | undefined): Where {
  return (qb) => {
    whereProjectReadable(ctx, qb, 'projects.id');
    if (filter?.status) qb.where('projects.status', filter.status);
    if (filter?.priority) qb.where('projects.priority', filter.priority);
    if (filter?.leadId) qb.where('projects.lead_id', filter.leadId);
    if (filter?.search) whereContains(ctx, qb, ['projects.name', 'projects.key'], filter.search);
  };
}

/** The projects the signed-in user is a member of. */
export function memberOfWhere(ctx: Context): Where {
  return (qb) =>
    qb.whereExists((sub) =>
      sub
        .select(sub.client.raw('1'))
        .from('project_members')
        .whereRaw('project_members.project_id = projects.id')
        .where('project_members.user_id', ctx.user?.id ?? null),
    );
}

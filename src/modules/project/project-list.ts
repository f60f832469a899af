import type { Where } from '../../common/batch';
import { whereContains } from '../../common/dialect';
import { chosenOrder, type SortKey } from '../../common/keyset';
import type { Context } from '../../context';
import type { ProjectFilter, ProjectOrder } from './project.inputs';
import { whereProjectReadable } from './project.policy';

const NEWEST_FIRST: readonly SortKey[] = [
  { property: 'createdAt', direction: 'desc' },
  { property: 'id', direction: 'desc' },
];

/** The keyset of a projects list: the chosen field, newest first by default. */
export function projectSortKeys(order: ProjectOrder | null | undefined): readonly SortKey[] {
  return chosenOrder(order, NEWEST_FIRST);
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

import type { Context } from '../../context';
import { forbiddenError } from '../../common/errors';
import { Role } from '../user/role.enum';

/**
 * Who may do what with handoffs, in one place. Handoffs are the whole operations team's: every
 * signed-in member reads them all, creates them and acknowledges them. Changing one (editing,
 * closing, reopening, reassigning) is for its reporter, its assignee and admins. Shifts are
 * named by admins (`@Authorized`).
 */
export type HandoffAction = 'acknowledge' | 'change';

interface People {
  reporter: { id: string };
  assignee?: { id: string } | null;
}

export function mayOnHandoff(ctx: Context, action: HandoffAction, handoff: People): boolean {
  if (!ctx.user) return false;
  if (action === 'acknowledge' || ctx.user.role === Role.ADMIN) return true;
  return handoff.reporter.id === ctx.user.id || handoff.assignee?.id === ctx.user.id;
}

export function authorizeHandoff(ctx: Context, action: HandoffAction, handoff: People): void {
  if (!mayOnHandoff(ctx, action, handoff)) {
    throw forbiddenError("Only the handoff's reporter, its assignee or an admin may change it");
  }
}

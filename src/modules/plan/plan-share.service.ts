import { createHash, randomBytes } from 'node:crypto';
import type { Context } from '../../context';
import { notFoundError, userInputError } from '../../common/errors';
import { findOrFail } from '../../common/find-or-fail';
import { PlanShareLink } from './plan-share-link.entity';
import { Plan } from './plan.entity';
import { openPlanForChange } from './plan.policy';

/** Links live at most a year; a plan has at most this many live links. */
const MAX_LIFETIME_MS = 366 * 24 * 3_600_000;
export const MAX_LIVE_LINKS = 20;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A new link to read the plan until `expiresAt`. The token (192 random bits) is answered once;
 * only its SHA-256 is stored, so a database read cannot recover it.
 */
export async function createShareLink(
  ctx: Context,
  planId: string,
  expiresAt: Date,
): Promise<{ token: string; shareLink: PlanShareLink }> {
  const lifetime = expiresAt.getTime() - Date.now();
  if (!(lifetime > 0 && lifetime <= MAX_LIFETIME_MS)) {
    throw userInputError('expiresAt must be in the future, and within a year', {
      field: 'expiresAt',
    });
  }
  const plan = await openPlanForChange(ctx, planId);
  const live = await ctx.em.count(PlanShareLink, {
    plan,
    revokedAt: null,
    expiresAt: { $gt: new Date() },
  });
  if (live >= MAX_LIVE_LINKS) {
    throw userInputError(`A plan has at most ${MAX_LIVE_LINKS} live share links; revoke one`, {
      field: 'planId',
      limit: MAX_LIVE_LINKS,
    });
  }
  const token = randomBytes(24).toString('base64url');
  const shareLink = ctx.em.create(PlanShareLink, { plan, tokenHash: hashToken(token), expiresAt });
  await ctx.em.flush();
  return { token, shareLink };
}

/** Ends a link (of an archived plan too); revoking a revoked link changes nothing. */
export async function revokeShareLink(ctx: Context, id: string): Promise<PlanShareLink> {
  const link = await findOrFail(ctx.em, PlanShareLink, id);
  // A link of someone else's plan does not exist for the caller, even of a plan it may read.
  const missing = notFoundError('PlanShareLink', id);
  await openPlanForChange(ctx, link.plan.id, { archived: true, missing, notOwner: missing });
  link.revokedAt ??= new Date();
  await ctx.em.flush();
  return link;
}

/** The plan a live token opens, or null: unknown, expired and revoked tokens look alike. */
export async function planByShareToken(ctx: Context, token: string): Promise<Plan | null> {
  if (token.length > 200) return null;
  const link = await ctx.em.findOne(PlanShareLink, {
    tokenHash: hashToken(token),
    revokedAt: null,
    expiresAt: { $gt: new Date() },
  });
  return link ? ctx.em.findOne(Plan, link.plan.id) : null;
}

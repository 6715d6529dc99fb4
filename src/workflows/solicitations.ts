// Solicitation state we know locally: Amazon allows one review request per order, and its API only says "no
// actions" without a reason, so our own audit log is how we know an order was already asked.
import type { ToolContext } from '../core/tool.js';

export const REVIEW_TOOL = 'solicitations_request_review';
export const REVIEW_ACTION = 'productReviewAndSellerFeedback';
/** Audit status of a request Amazon accepted. */
export const REQUESTED = 'REQUESTED';

/** When this server already sent a review request for the order (audit entries carry the order id in `sku`). */
export async function previousRequest(ctx: ToolContext, amazonOrderId: string): Promise<{ at: string; marketplaceId?: string } | undefined> {
  const hit = (await ctx.audit.recent({ sku: amazonOrderId, event: 'result', limit: 50 })).find(
    (e) => e.tool === REVIEW_TOOL && e.status === REQUESTED && e.sellerId === ctx.sellerId,
  );
  return hit ? { at: hit.ts, ...(hit.marketplaceId ? { marketplaceId: hit.marketplaceId } : {}) } : undefined;
}

export async function allowedActions(ctx: ToolContext, amazonOrderId: string, marketplaceId: string): Promise<string[]> {
  const res = await ctx.client.getSolicitationActionsForOrder(
    { amazonOrderId, marketplaceIds: [marketplaceId] },
    { signal: ctx.signal, onWait: ctx.onWait },
  );
  return res._links.actions.map((a) => a.name ?? a.href.split('?')[0]!.split('/').pop() ?? '').filter(Boolean);
}

/** Why no action is offered, as far as we can tell (Amazon gives no reason). */
export function reasonsForNone(previous: { at: string } | undefined): string[] {
  if (previous) return [`A review request for this order was already sent through this server on ${previous.at}; Amazon allows one per order.`];
  return [
    'The order is outside the window: requests are possible from 5 days after the earliest delivery date until 30 days after the latest delivery date.',
    'The order has not shipped yet (or was cancelled).',
    'A review request (or a proactive buyer message) was already sent for this order, from Seller Central or another app.',
  ];
}

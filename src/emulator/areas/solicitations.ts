// Solicitations API v1: the productReviewAndSellerFeedback action and its eligibility window (facts §10).
import type { EmuReply, EmuRequest, EmulatorContext, HandlerTable, StoredOrder } from '../types.js';
import { errorReply } from '../http.js';
import { listParam } from './jobs.js';
import { findMarketplace } from '../../lib/marketplaces.js';

const DAY = 86_400_000;
const HAL = { 'Content-Type': 'application/hal+json' };
const ACTION = 'productReviewAndSellerFeedback';
const OUTSIDE_WINDOW = 'You can’t use this feature to request a review outside the 5-30 day range after the order delivery date.';
const NOT_AVAILABLE = 'The requested solicitation is not available for this amazonOrderId.';

const hal = (status: number, body: unknown): EmuReply => ({ status, body, headers: HAL });
const halError = (status: number, code: string, message: string): EmuReply => ({
  ...errorReply(status, code, message, ''),
  headers: HAL,
});

/** Window: five days after the earliest delivery date to 30 days after the latest delivery date. */
export function inSolicitationWindow(order: StoredOrder, now: number): boolean {
  if (!order.earliestDeliveryDate || !order.latestDeliveryDate) return false;
  const from = Date.parse(order.earliestDeliveryDate) + 5 * DAY;
  const to = Date.parse(order.latestDeliveryDate) + 30 * DAY;
  return now >= from && now <= to;
}

export function createSolicitationsHandlers(ctx: EmulatorContext): HandlerTable {
  const requested = new Set<string>(); // sellerId/amazonOrderId

  /** Resolves the order and its single marketplace, or the error reply. */
  function lookup(req: EmuRequest): { order: StoredOrder; marketplaceId: string } | EmuReply {
    const ids = listParam(req.query, 'marketplaceIds') ?? [];
    if (ids.length !== 1) return halError(400, 'InvalidInput', 'marketplaceIds is required and accepts exactly one marketplace identifier.');
    const marketplaceId = ids[0]!;
    if (findMarketplace(marketplaceId)?.id !== marketplaceId) return halError(400, 'InvalidInput', `Invalid marketplaceId: ${marketplaceId}.`);
    const id = req.params['amazonOrderId'] ?? '';
    const order = ctx.orders.find((o) => o.amazonOrderId === id && o.sellerId === req.sellerId && o.marketplaceId === marketplaceId);
    if (!order) return halError(404, 'NotFound', `Order ${id} was not found in marketplace ${marketplaceId}.`);
    return { order, marketplaceId };
  }

  const key = (o: StoredOrder): string => `${o.sellerId}/${o.amazonOrderId}`;
  const eligible = (o: StoredOrder): boolean => o.orderStatus === 'Shipped' && !requested.has(key(o)) && inSolicitationWindow(o, ctx.clock.now());

  return {
    getSolicitationActionsForOrder(req) {
      const found = lookup(req);
      if ('status' in found) return found;
      const { order, marketplaceId } = found;
      const base = `/solicitations/v1/orders/${encodeURIComponent(order.amazonOrderId)}`;
      const q = `?marketplaceIds=${marketplaceId}`;
      const actionHref = `${base}/solicitations/${ACTION}${q}`;
      const ok = eligible(order);
      return hal(200, {
        _links: {
          actions: ok ? [{ href: actionHref, name: ACTION }] : [],
          self: { href: `${base}${q}` },
        },
        _embedded: {
          actions: ok
            ? [{ _links: { self: { href: actionHref }, schema: { href: `${base}/solicitations/${ACTION}/schema${q}`, name: ACTION } } }]
            : [],
        },
      });
    },

    createProductReviewAndSellerFeedbackSolicitation(req) {
      const found = lookup(req);
      if ('status' in found) return found;
      const { order } = found;
      // A repeat or a not-yet-shipped order is "not available"; a shipped order outside the window gets the window message.
      if (requested.has(key(order)) || order.orderStatus !== 'Shipped') return halError(403, 'Unauthorized', NOT_AVAILABLE);
      if (!inSolicitationWindow(order, ctx.clock.now())) return halError(403, 'Unauthorized', OUTSIDE_WINDOW);
      requested.add(key(order));
      return hal(201, {});
    },
  };
}

// Review requests: eligibility inside/outside the window and for unshipped orders, the confirm flow, and a repeated
// request refused locally (from the audit log) before it reaches Amazon.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inSolicitationWindow } from '../../src/emulator/areas/solicitations.js';
import type { StoredOrder } from '../../src/emulator/types.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const US = 'ATVPDKIKX0DER';
let h: Harness;
let inside: StoredOrder;
let outside: StoredOrder;
let unshipped: StoredOrder;

beforeAll(async () => {
  h = await startHarness();
  const now = Date.now();
  const us = h.emulator.context.orders.filter((o) => o.marketplaceId === US);
  inside = us.find((o) => o.orderStatus === 'Shipped' && inSolicitationWindow(o, now))!;
  outside = us.find((o) => o.orderStatus === 'Shipped' && !inSolicitationWindow(o, now) && Date.parse(o.purchaseDate) < now - 45 * 86_400_000)!;
  unshipped = us.find((o) => o.orderStatus === 'Unshipped' || o.orderStatus === 'Pending')!;
  expect([inside, outside, unshipped].every(Boolean)).toBe(true);
});
afterAll(async () => h?.close());

const requests = () => h.emulator.stats().byOperation.createProductReviewAndSellerFeedbackSolicitation?.requests ?? 0;

describe('solicitations_check', () => {
  it('offers the review request for a shipped order inside the 5–30 day window', async () => {
    const r = await h.call('solicitations_check', { amazonOrderId: inside.amazonOrderId });
    expect(r.isError, r.text).toBe(false);
    expect(r.data).toMatchObject({ marketplaceId: US, actions: ['productReviewAndSellerFeedback'], canRequestReview: true });
    expect(r.data.reasons).toBeUndefined();
  });

  it('explains why not for an order outside the window and an unshipped one', async () => {
    for (const order of [outside, unshipped]) {
      const r = await h.call('solicitations_check', { amazonOrderId: order.amazonOrderId });
      expect(r.data.canRequestReview).toBe(false);
      expect(r.data.actions).toEqual([]);
      expect(r.data.reasons.join(' ')).toMatch(/5 days after the earliest delivery date/);
      expect(r.data.reasons.join(' ')).toMatch(/not shipped/);
    }
  });

  it('refuses a malformed order id before calling Amazon', async () => {
    const r = await h.call('solicitations_check', { amazonOrderId: '12345' });
    expect(r.data.error.code).toBe('INVALID_REQUEST');
  });
});

describe('solicitations_request_review', () => {
  it('is blocked (nothing sent) when Amazon does not offer the action', async () => {
    const r = await h.call('solicitations_request_review', { amazonOrderId: outside.amazonOrderId });
    expect(r.isError, r.text).toBe(false);
    expect(r.data.phase).toBe('blocked');
    expect(r.data.confirmationToken).toBeUndefined();
    expect(requests()).toBe(0);
  });

  it('sends after confirmation; a second request is refused locally and solicitations_check says why', async () => {
    const args = { amazonOrderId: inside.amazonOrderId };
    const preview = await h.call('solicitations_request_review', args);
    expect(preview.data.phase).toBe('preview');
    expect(preview.data.confirm.summary).toMatch(new RegExp(`order ${inside.amazonOrderId}`));
    expect(preview.data.confirm.diff_preview.offeredByAmazonNow).toBe(true);
    expect(requests()).toBe(0);

    const done = await h.call('solicitations_request_review', { ...args, confirmationToken: preview.data.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(done.data).toMatchObject({ phase: 'executed', result: { status: 'REQUESTED' } });
    expect(requests()).toBe(1);

    const again = await h.call('solicitations_request_review', args);
    expect(again.isError).toBe(true);
    expect(again.data.error.message).toMatch(/already sent through this server/);
    expect(requests()).toBe(1);

    const check = await h.call('solicitations_check', args);
    expect(check.data.canRequestReview).toBe(false);
    expect(check.data.alreadyRequestedAt).toBeTruthy();
    expect(check.data.reasons[0]).toMatch(/already sent through this server/);
  });

  it("reports Amazon's refusal (403 Unauthorized) as a refusal, not as bad credentials", async () => {
    // Another client already asked for this order: Amazon refuses, our audit log did not know.
    const other = h.emulator.context.orders.find(
      (o) => o.marketplaceId === US && o.orderStatus === 'Shipped' && inSolicitationWindow(o, Date.now()) && o !== inside,
    )!;
    const preview = await h.call('solicitations_request_review', { amazonOrderId: other.amazonOrderId });
    expect(preview.data.phase).toBe('preview');
    await h.spApi.createProductReviewAndSellerFeedbackSolicitation({ amazonOrderId: other.amazonOrderId, marketplaceIds: [US] });
    const r = await h.call('solicitations_request_review', { amazonOrderId: other.amazonOrderId, confirmationToken: preview.data.confirmationToken });
    expect(r.isError).toBe(true);
    expect(r.data.error.code).toBe('SP_API_ERROR');
    expect(r.data.error.message).toMatch(/NOT_AVAILABLE/);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoredOrder } from '../../src/emulator/types.js';
import { inSolicitationWindow } from '../../src/emulator/areas/solicitations.js';
import { DE, openSession, US, type Session } from './sp-http.js';

const DAY = 86_400_000;
const path = (id: string) => `/solicitations/v1/orders/${id}`;
const solicit = (id: string) => `${path(id)}/solicitations/productReviewAndSellerFeedback`;

describe('solicitations over HTTP', () => {
  let s: Session;
  const now = Date.now();

  /** An order delivered between `edd` and `ldd` days ago (negative = in the future). */
  function order(id: string, status: StoredOrder['orderStatus'], eddDaysAgo: number, lddDaysAgo: number, marketplaceId = US): StoredOrder {
    return {
      amazonOrderId: id,
      sellerId: s.sellerId,
      marketplaceId,
      purchaseDate: new Date(now - (eddDaysAgo + 3) * DAY).toISOString(),
      orderStatus: status,
      earliestDeliveryDate: new Date(now - eddDaysAgo * DAY).toISOString(),
      latestDeliveryDate: new Date(now - lddDaysAgo * DAY).toISOString(),
      items: [{ asin: 'B0DEMO0001', sku: 'NW-TEE-NAVY-M', title: 'Tee', quantity: 1, itemPrice: { currencyCode: 'USD', amount: '19.99' } }],
      buyerType: 'B2C',
    };
  }

  beforeAll(async () => {
    s = await openSession();
    s.emu.context.orders.push(
      order('113-0000001-0000001', 'Shipped', 10, 6), // inside the window
      order('113-0000002-0000002', 'Shipped', 3, -1), // delivered too recently
      order('113-0000003-0000003', 'Shipped', 45, 40), // more than 30 days after latest delivery
      order('113-0000004-0000004', 'Unshipped', 10, 6),
      order('113-0000005-0000005', 'Shipped', 12, 8), // for the repeat request
      order('302-0000006-0000006', 'Shipped', 10, 6, DE),
    );
  });
  afterAll(() => s.close());
  afterEach(() => {
    expect(s.modelIssues.splice(0)).toEqual([]);
  });

  it('offers the productReviewAndSellerFeedback action inside the window, as HAL', async () => {
    const r = await s.call('GET', path('113-0000001-0000001'), { query: { marketplaceIds: US } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/hal\+json/);
    expect(r.body._links).toEqual({
      actions: [
        {
          href: '/solicitations/v1/orders/113-0000001-0000001/solicitations/productReviewAndSellerFeedback?marketplaceIds=ATVPDKIKX0DER',
          name: 'productReviewAndSellerFeedback',
        },
      ],
      self: { href: '/solicitations/v1/orders/113-0000001-0000001?marketplaceIds=ATVPDKIKX0DER' },
    });
    expect(r.body._embedded.actions[0]._links.schema).toEqual({
      href: '/solicitations/v1/orders/113-0000001-0000001/solicitations/productReviewAndSellerFeedback/schema?marketplaceIds=ATVPDKIKX0DER',
      name: 'productReviewAndSellerFeedback',
    });
  });

  it.each([
    ['too recent', '113-0000002-0000002'],
    ['too old', '113-0000003-0000003'],
    ['not shipped', '113-0000004-0000004'],
  ])('lists no actions when the order is %s', async (_why, id) => {
    const r = await s.call('GET', path(id), { query: { marketplaceIds: US } });
    expect(r.status).toBe(200);
    expect(r.body._links.actions).toEqual([]);
    expect(r.body._links.self.href).toContain(id);
  });

  it('creates a solicitation once; a repeat gets 403 and the action disappears', async () => {
    const id = '113-0000005-0000005';
    const first = await s.call('POST', solicit(id), { query: { marketplaceIds: US } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({});
    expect(first.headers.get('content-type')).toMatch(/application\/hal\+json/);
    const again = await s.call('POST', solicit(id), { query: { marketplaceIds: US } });
    expect(again.status).toBe(403);
    expect(again.body.errors[0]).toEqual({
      code: 'Unauthorized',
      message: 'The requested solicitation is not available for this amazonOrderId.',
      details: '',
    });
    const actions = await s.call('GET', path(id), { query: { marketplaceIds: US } });
    expect(actions.body._links.actions).toEqual([]);
  });

  it('refuses a request outside the 5–30 day window with Amazon’s message', async () => {
    for (const id of ['113-0000002-0000002', '113-0000003-0000003']) {
      const r = await s.call('POST', solicit(id), { query: { marketplaceIds: US } });
      expect(r.status).toBe(403);
      expect(r.body.errors[0].code).toBe('Unauthorized');
      expect(r.body.errors[0].message).toBe(
        'You can’t use this feature to request a review outside the 5-30 day range after the order delivery date.',
      );
    }
    const unshipped = await s.call('POST', solicit('113-0000004-0000004'), { query: { marketplaceIds: US } });
    expect(unshipped.status).toBe(403);
  });

  it('answers 404 for unknown orders or the wrong marketplace and 400 for bad marketplaceIds', async () => {
    expect((await s.call('GET', path('113-9999999-9999999'), { query: { marketplaceIds: US } })).status).toBe(404);
    expect((await s.call('POST', solicit('113-9999999-9999999'), { query: { marketplaceIds: US } })).status).toBe(404);
    expect((await s.call('GET', path('302-0000006-0000006'), { query: { marketplaceIds: US } })).status).toBe(404);
    expect((await s.call('GET', path('302-0000006-0000006'), { query: { marketplaceIds: DE } })).body._links.actions).toHaveLength(1);
    expect((await s.call('GET', path('113-0000001-0000001'))).status).toBe(400);
    expect((await s.call('GET', path('113-0000001-0000001'), { query: { marketplaceIds: [US, DE] } })).status).toBe(400);
    expect((await s.call('POST', solicit('113-0000001-0000001'))).status).toBe(400);
  });

  it('seeds orders on both sides of the window', () => {
    const seeded = s.emu.context.orders.filter((o) => o.amazonOrderId.match(/^\d{3}-\d{7}-\d{7}$/) && !o.amazonOrderId.includes('000000'));
    expect(seeded.length).toBeGreaterThanOrEqual(55);
    const shipped = seeded.filter((o) => o.orderStatus === 'Shipped');
    expect(shipped.filter((o) => inSolicitationWindow(o, now)).length).toBeGreaterThanOrEqual(10);
    expect(shipped.filter((o) => !inSolicitationWindow(o, now) && Date.parse(o.latestDeliveryDate!) > now - 30 * DAY).length).toBeGreaterThan(0);
    expect(shipped.filter((o) => Date.parse(o.latestDeliveryDate!) < now - 30 * DAY).length).toBeGreaterThan(0);
    expect(seeded.some((o) => o.orderStatus === 'Canceled')).toBe(true);
    expect(seeded.some((o) => o.orderStatus === 'Unshipped' || o.orderStatus === 'Pending')).toBe(true);
    expect(new Set(seeded.map((o) => o.marketplaceId)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(seeded.map((o) => o.amazonOrderId)).size).toBe(seeded.length);
  });
});

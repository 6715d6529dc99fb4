// Orders v0 over HTTP: the documented query rules, paging, and no buyer data beyond a coarse location.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, US, type Session } from './sp-http.js';

const P = '/orders/v0/orders';
describe('getOrders and getOrderItems over HTTP', () => {
  let s: Session;
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    expect(s.modelIssues).toEqual([]);
    await s.close();
  });

  it('pages with NextToken alone and says up to when it looked', async () => {
    const first = await s.call('GET', P, { query: { MarketplaceIds: US, CreatedAfter: ago(90 * 86_400_000), MaxResultsPerPage: '10' } });
    expect(first.status).toBe(200);
    expect(first.body.payload.Orders).toHaveLength(10);
    expect(Date.parse(first.body.payload.CreatedBefore)).toBeLessThanOrEqual(Date.now() - 120_000);
    const second = await s.call('GET', P, { query: { MarketplaceIds: US, NextToken: first.body.payload.NextToken } });
    expect(second.body.payload.Orders[0].AmazonOrderId).not.toBe(first.body.payload.Orders[0].AmazonOrderId);
    const o = first.body.payload.Orders[0];
    expect(Object.keys(o)).not.toContain('BuyerInfo');
    expect(Object.keys(o.ShippingAddress).sort()).toEqual(['City', 'CountryCode', 'PostalCode', 'StateOrRegion']);
    const items = await s.call('GET', `${P}/${o.AmazonOrderId}/orderItems`);
    expect(items.status).toBe(200);
    expect(items.body.payload.OrderItems[0].ASIN).toMatch(/^B0/);
    expect((await s.call('GET', `${P}/999-0000000-0000000/orderItems`)).status).toBe(404);
  });

  it('refuses what Amazon refuses', async () => {
    const bad: Array<Record<string, string>> = [
      { CreatedAfter: ago(86_400_000) },
      { MarketplaceIds: US },
      { MarketplaceIds: US, CreatedAfter: ago(86_400_000), LastUpdatedAfter: ago(86_400_000) },
      { MarketplaceIds: US, LastUpdatedAfter: ago(86_400_000), CreatedBefore: ago(3_600_000) },
      { MarketplaceIds: US, CreatedAfter: ago(86_400_000), CreatedBefore: ago(30_000) },
      { MarketplaceIds: US, CreatedAfter: 'yesterday' },
      { MarketplaceIds: US, CreatedAfter: ago(86_400_000), MaxResultsPerPage: '101' },
      { MarketplaceIds: US, NextToken: '!!' },
    ];
    for (const query of bad) {
      const r = await s.call('GET', P, { query });
      expect(r.status, JSON.stringify(query)).toBe(400);
    }
  });
});

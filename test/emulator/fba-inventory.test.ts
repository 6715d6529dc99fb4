// FBA Inventory getInventorySummaries over HTTP: pages of 50, 30-second nextTokens, filters and 400s as documented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, openSession, US, type Session } from './sp-http.js';

const P = '/fba/inventory/v1/summaries';
const NOW = Date.parse('2026-06-15T12:00:00Z');

describe('getInventorySummaries over HTTP', () => {
  let s: Session;
  let clock: FakeClock;
  const base = { granularityType: 'Marketplace', granularityId: US, marketplaceIds: US };

  beforeAll(async () => {
    clock = new FakeClock(NOW);
    s = await openSession({ clock });
    const fba = s.emu.context.listings.get(s.sellerId, 'TB-MERINO-BLK-XL')!;
    for (let i = 0; i < 60; i++) {
      s.emu.context.listings.put(s.sellerId, `FBA-${String(i).padStart(3, '0')}`, {
        productType: fba.productType,
        attributes: fba.attributes,
        marketplaceIds: [US],
      });
    }
  });
  afterAll(async () => {
    expect(s.modelIssues).toEqual([]);
    await s.close();
  });

  it('pages FBA listings 50 at a time (merchant-fulfilled ones are not there), with details on request', async () => {
    const first = await s.call('GET', P, { query: { ...base, details: 'true' } });
    expect(first.status).toBe(200);
    const rows = first.body.payload.inventorySummaries;
    expect(rows).toHaveLength(50);
    expect(rows.some((r: { sellerSku: string }) => r.sellerSku === 'NW-TEE-NAVY-M')).toBe(false);
    const d = rows[0].inventoryDetails;
    expect(rows[0].totalQuantity).toBe(
      d.fulfillableQuantity +
        d.inboundWorkingQuantity +
        d.inboundShippedQuantity +
        d.inboundReceivingQuantity +
        d.reservedQuantity.totalReservedQuantity +
        d.researchingQuantity.totalResearchingQuantity +
        d.unfulfillableQuantity.totalUnfulfillableQuantity,
    );
    const second = await s.call('GET', P, { query: { ...base, nextToken: first.body.pagination.nextToken } });
    expect(second.body.payload.inventorySummaries.length).toBeGreaterThanOrEqual(10);
    expect(second.body.pagination).toBeUndefined();
    expect(second.body.payload.inventorySummaries[0].inventoryDetails).toBeUndefined();
  });

  it('a nextToken expires after 30 seconds', async () => {
    const first = await s.call('GET', P, { query: base });
    clock.advance(31_000);
    const late = await s.call('GET', P, { query: { ...base, nextToken: first.body.pagination.nextToken } });
    expect(late.status).toBe(400);
    expect(late.body.errors[0].message).toMatch(/expired/);
  });

  it('filters by sellerSkus, or by startDateTime (which wins)', async () => {
    const two = await s.call('GET', P, { query: { ...base, sellerSkus: ['FBA-001', 'FBA-002', 'NW-TEE-NAVY-M'] } });
    expect(two.body.payload.inventorySummaries.map((r: { sellerSku: string }) => r.sellerSku)).toEqual(['FBA-001', 'FBA-002']);
    const later = new Date(clock.now() + 1000).toISOString();
    const none = await s.call('GET', P, { query: { ...base, startDateTime: later, sellerSkus: 'FBA-001' } });
    expect(none.body.payload.inventorySummaries).toEqual([]);
  });

  it('refuses what Amazon refuses', async () => {
    const cases: Array<Record<string, string | string[]>> = [
      { ...base, granularityType: 'Country' },
      { ...base, granularityId: 'A1PA6795UKMFR9' },
      { ...base, marketplaceIds: [US, 'A1PA6795UKMFR9'] },
      { ...base, startDateTime: '2020-01-01T00:00:00Z' },
      { ...base, sellerSkus: Array.from({ length: 51 }, (_, i) => `S${i}`) },
      { ...base, nextToken: 'garbage' },
    ];
    for (const query of cases) {
      const r = await s.call('GET', P, { query });
      expect(r.status, JSON.stringify(query)).toBe(400);
      expect(r.body.errors[0].code).toBe('InvalidInput');
    }
  });
});

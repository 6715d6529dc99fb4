// fba_inventory through the MCP client: every page read, low-stock and changed-since filters, paging of rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
const q = (fulfillable: number, inbound = 0) => ({
  fulfillable,
  inboundWorking: inbound,
  inboundShipped: 0,
  inboundReceiving: 0,
  reserved: 1,
  researching: 0,
  unfulfillable: 2,
});

beforeAll(async () => {
  h = await startHarness({ emulator: { rateScale: 100 } });
  const fba = h.emulator.context.listings.get(h.sellerId, 'TB-MERINO-BLK-XL')!;
  for (let i = 0; i < 120; i++) {
    const sku = `FBA-${String(i).padStart(3, '0')}`;
    h.emulator.context.listings.put(h.sellerId, sku, { productType: fba.productType, attributes: fba.attributes, marketplaceIds: [h.marketplaceId] });
    // 0..119 units: 10 SKUs under 10, one out of stock with nothing inbound
    h.emulator.context.fbaQuantities.set(`${h.sellerId}\n${sku}`, q(i, i === 1 ? 5 : 0));
  }
  for (const sku of ['TB-MERINO-BLK-XL', 'WF-SPINNER-21-BLU']) h.emulator.context.fbaQuantities.set(`${h.sellerId}\n${sku}`, q(500));
});
afterAll(async () => h?.close());

describe('fba_inventory', () => {
  it('reads every page (122 FBA SKUs in 3 calls) and lists low stock first', async () => {
    const before = h.emulator.stats().byOperation.getInventorySummaries?.requests ?? 0;
    const r = await h.call('fba_inventory', { lowStockBelow: 10, limit: 4 });
    expect(r.isError, r.text).toBe(false);
    expect((h.emulator.stats().byOperation.getInventorySummaries?.requests ?? 0) - before).toBe(3);
    expect(r.data.counts).toMatchObject({ skus: 122, matching: 10, outOfStock: 1 });
    expect(r.data.rows.map((x: { sku: string; fulfillable: number }) => [x.sku, x.fulfillable])).toEqual([
      ['FBA-000', 0],
      ['FBA-001', 1],
      ['FBA-002', 2],
      ['FBA-003', 3],
    ]);
    expect(r.data.rows[1]).toMatchObject({ inbound: 5, reserved: 1, unfulfillable: 2, total: 9 });
    expect(r.data.nextOffset).toBe(4);
    expect(r.data.next).toMatch(/out of stock with nothing inbound/);
    const page2 = await h.call('fba_inventory', { lowStockBelow: 10, limit: 4, offset: 4 });
    expect(page2.data.rows[0].sku).toBe('FBA-004');
  });

  it('only the SKUs asked for, 50 per call, and says which have no FBA stock', async () => {
    const skus = [...Array.from({ length: 60 }, (_, i) => `FBA-${String(i).padStart(3, '0')}`), 'NW-TEE-NAVY-M'];
    const r = await h.call('fba_inventory', { skus, limit: 200 });
    expect(r.data.counts.skus).toBe(60);
    expect(r.data.next).toMatch(/1 of the SKUs asked for have no FBA inventory/);
  });

  it('changed since: only listings updated after the date', async () => {
    const since = new Date(Date.now() + 60_000).toISOString();
    const none = await h.call('fba_inventory', { changedSince: since });
    expect(none.data.counts.skus).toBe(0);
    const all = await h.call('fba_inventory', { changedSince: new Date(Date.now() - 3_600_000).toISOString() });
    expect(all.data.counts.skus).toBeGreaterThanOrEqual(120); // the ones put above
  });

  it("an 18-month-old date is refused with Amazon's reason", async () => {
    const r = await h.call('fba_inventory', { changedSince: '2020-01-01' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/18 months/);
  });
});

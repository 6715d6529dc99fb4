// orders_list: orders without personal data, by date range or since the last import (a cursor per seller).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ emulator: { rateScale: 100 } });
});
afterAll(async () => h?.close());

const DAY = 86_400_000;
const day = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);

describe('orders_list', () => {
  it('lists orders in a date range with totals and the SKUs/ASINs of their items, and nothing about the buyer', async () => {
    const r = await h.call('orders_list', { from: day(30 * DAY) });
    expect(r.isError, r.text).toBe(false);
    const expected = h.emulator.context.orders.filter(
      (o) =>
        o.marketplaceId === h.marketplaceId &&
        Date.parse(o.purchaseDate) >= Date.parse(`${day(30 * DAY)}T00:00:00Z`) &&
        Date.parse(o.purchaseDate) <= Date.now() - 150_000,
    );
    expect(r.data.orders.map((o: { amazonOrderId: string }) => o.amazonOrderId).sort()).toEqual(expected.map((o) => o.amazonOrderId).sort());
    const shipped = r.data.orders.find((o: { status: string }) => o.status === 'Shipped');
    const stored = expected.find((o) => o.amazonOrderId === shipped.amazonOrderId)!;
    expect(shipped.items).toEqual(stored.items.map((i) => ({ sku: i.sku, asin: i.asin, quantity: i.quantity })));
    expect(shipped.total.currency).toBe('USD');
    expect(shipped.itemCount).toBe(stored.items.reduce((n, i) => n + i.quantity, 0));
    // The emulator sends a coarse ShippingAddress, as Amazon does without a Restricted Data Token: none of it gets through.
    expect(r.text).not.toMatch(/ShippingAddress|SEATTLE|98109|PostalCode|City|Buyer/i);
    expect(JSON.stringify(r.data)).not.toMatch(/SEATTLE|98109/);
  });

  it('pages through Amazon with pageToken', async () => {
    const first = await h.call('orders_list', { from: day(90 * DAY), pageSize: 5, includeItems: false });
    expect(first.data.orders).toHaveLength(5);
    expect(first.data.nextPageToken).toBeTruthy();
    const second = await h.call('orders_list', { from: day(90 * DAY), pageSize: 5, includeItems: false, pageToken: first.data.nextPageToken });
    expect(second.data.orders).toHaveLength(5);
    const ids = new Set([...first.data.orders, ...second.data.orders].map((o: { amazonOrderId: string }) => o.amazonOrderId));
    expect(ids.size).toBe(10);
  });

  it('since the last import: the first import stores a cursor, the next one returns only what changed after it', async () => {
    const first = await h.call('orders_list', { sinceLastImport: true, importName: 'erp', from: day(90 * DAY), includeItems: false });
    expect(first.isError, first.text).toBe(false);
    expect(first.data.orders.length).toBeGreaterThan(5);
    expect(first.data.cursor.previous).toBeUndefined();
    const cursor = first.data.cursor.stored as string;
    expect(cursor).toBeTruthy();

    const o = h.emulator.context.orders.find((x) => x.marketplaceId === h.marketplaceId && x.orderStatus === 'Unshipped')!;
    o.orderStatus = 'Shipped';
    o.lastUpdateDate = new Date(Date.parse(cursor) + 1).toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const second = await h.call('orders_list', { sinceLastImport: true, importName: 'erp', includeItems: false });
    expect(second.data.cursor.previous).toBe(cursor);
    expect(second.data.orders.map((x: { amazonOrderId: string; status: string }) => [x.amazonOrderId, x.status])).toEqual([
      [o.amazonOrderId, 'Shipped'],
    ]);
    // another import name has its own cursor
    const other = await h.call('orders_list', { sinceLastImport: true, importName: 'print-shop', from: day(90 * DAY), includeItems: false });
    expect(other.data.orders.length).toBeGreaterThan(5);
  });

  it('an import spread over pages moves its cursor only after the last page', async () => {
    const args = { sinceLastImport: true, importName: 'paged', from: day(90 * DAY), pageSize: 20, includeItems: false };
    let r = await h.call('orders_list', args);
    expect(r.data.cursor.stored).toBeUndefined();
    while (r.data.nextPageToken) r = await h.call('orders_list', { ...args, pageToken: r.data.nextPageToken });
    expect(r.data.cursor.stored).toBeTruthy();
  });

  it('refuses what makes no sense', async () => {
    expect((await h.call('orders_list', {})).data.error.code).toBe('INVALID_REQUEST');
    expect((await h.call('orders_list', { sinceLastImport: true, to: day(0) })).data.error.code).toBe('INVALID_REQUEST');
  });
});

// orders_metrics: aggregates from the Sales API in the marketplace's time zone, paging, and argument checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

const DAY = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('orders_metrics', () => {
  it('daily metrics in the marketplace time zone; totals match the orders', async () => {
    const from = day(Date.now() - 20 * DAY);
    const to = day(Date.now() - 2 * DAY);
    const r = await h.call('orders_metrics', { from, to, granularity: 'Day' });
    expect(r.isError, r.text).toBe(false);
    expect(r.data.timeZone).toBe('America/Los_Angeles');
    expect(r.data.interval).toMatch(new RegExp(`^${from}T00:00:00-0[78]:00--\\d{4}-\\d{2}-\\d{2}T00:00:00-0[78]:00$`));
    expect(r.data.currency).toBe('USD');
    expect(r.data.totalPeriods).toBeGreaterThanOrEqual(19);
    const sum = r.data.periods.reduce((s: number, p: { units: number }) => s + p.units, 0);
    expect(sum).toBe(r.data.totals.units);
    // Same numbers from the emulator's orders: US, not cancelled, purchased inside the interval.
    const [start, end] = (r.data.interval as string).split('--').map((s) => Date.parse(s)) as [number, number];
    const mine = h.emulator.context.orders.filter(
      (o) =>
        o.marketplaceId === h.marketplaceId &&
        o.orderStatus !== 'Canceled' &&
        Date.parse(o.purchaseDate) >= start &&
        Date.parse(o.purchaseDate) < end,
    );
    expect(r.data.totals.orders).toBe(mine.length);
    expect(r.data.totals.units).toBe(mine.flatMap((o) => o.items).reduce((s, i) => s + i.quantity, 0));
    expect(r.data.totals.sales).toBeCloseTo(
      mine.flatMap((o) => o.items).reduce((s, i) => s + Number(i.itemPrice.amount), 0),
      2,
    );
    expect(JSON.stringify(r.data)).not.toMatch(/amazonOrderId|buyer/i);
  });

  it('pages periods; totals always cover the whole range', async () => {
    const args = { from: day(Date.now() - 60 * DAY), to: day(Date.now()), granularity: 'Day', limit: 10 };
    const p1 = await h.call('orders_metrics', args);
    expect(p1.data.periods).toHaveLength(10);
    expect(p1.data.nextOffset).toBe(10);
    const p2 = await h.call('orders_metrics', { ...args, offset: 10 });
    expect(p2.data.periods[0].start).not.toBe(p1.data.periods[0].start);
    expect(p2.data.totals).toEqual(p1.data.totals);
  });

  it('Week, Month and Total; another marketplace uses its own zone and currency', async () => {
    const args = { from: day(Date.now() - 80 * DAY), to: day(Date.now() - DAY) };
    const total = await h.call('orders_metrics', { ...args, granularity: 'Total' });
    expect(total.data.periods).toHaveLength(1);
    const month = await h.call('orders_metrics', { ...args, granularity: 'Month' });
    expect(month.data.totals).toEqual(total.data.totals);
    const week = await h.call('orders_metrics', { ...args, granularity: 'Week', firstDayOfWeek: 'Sunday' });
    expect(week.data.totals).toEqual(total.data.totals);
    const de = await h.call('orders_metrics', { ...args, granularity: 'Total', marketplace: 'DE' });
    expect(de.isError, de.text).toBe(false);
    expect(de.data).toMatchObject({ timeZone: 'Europe/Berlin', currency: 'EUR' });
    expect(de.data.totals.orders).toBeGreaterThan(0);
  });

  it('validates the interval before calling Amazon', async () => {
    const before = h.emulator.stats().byOperation.getOrderMetrics?.requests ?? 0;
    expect((await h.call('orders_metrics', { from: '2025-05-10', to: '2025-05-01' })).data.error.message).toMatch(/to must be after from/);
    expect((await h.call('orders_metrics', { from: day(Date.now() - 900 * DAY), to: day(Date.now()) })).data.error.message).toMatch(/two years/);
    expect(
      (await h.call('orders_metrics', { from: day(Date.now() - 40 * DAY), to: day(Date.now()), granularity: 'Hour' })).data.error.message,
    ).toMatch(/30 days/);
    expect((await h.call('orders_metrics', { from: day(Date.now() - 4 * DAY), to: day(Date.now()), timeZone: 'Mars/Olympus' })).data.error.code).toBe(
      'INVALID_REQUEST',
    );
    expect(
      (await h.call('orders_metrics', { from: day(Date.now() - 4 * DAY), to: day(Date.now()), asin: 'B0DEMO0001', sku: 'X' })).data.error.code,
    ).toBe('INVALID_REQUEST');
    expect(h.emulator.stats().byOperation.getOrderMetrics?.requests ?? 0).toBe(before);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoredOrder } from '../../src/emulator/types.js';
import { CA, FakeClock, openSession, US, type Session } from './sp-http.js';

const M = '/sales/v1/orderMetrics';
const NOW = Date.parse('2025-06-15T12:00:00Z');

describe('getOrderMetrics over HTTP', () => {
  let s: Session;
  const metrics = (query: Record<string, string | string[]>) => s.call('GET', M, { query: { marketplaceIds: CA, ...query } });

  function order(
    id: string,
    purchaseDate: string,
    lines: Array<[asin: string, sku: string, qty: number, total: string]>,
    extra: Partial<StoredOrder> = {},
  ): StoredOrder {
    return {
      amazonOrderId: id,
      sellerId: s.sellerId,
      marketplaceId: CA,
      purchaseDate: new Date(purchaseDate).toISOString(),
      orderStatus: 'Shipped',
      items: lines.map(([asin, sku, quantity, amount]) => ({ asin, sku, title: sku, quantity, itemPrice: { currencyCode: 'CAD', amount } })),
      buyerType: 'B2C',
      fulfillmentChannel: 'MFN',
      ...extra,
    };
  }

  beforeAll(async () => {
    s = await openSession({ clock: new FakeClock(NOW) });
    // The demo seed has no CA orders, so these are the only ones counted below.
    s.emu.context.orders.push(
      order('701-0000001-0000001', '2025-06-01T10:00:00-07:00', [['A1', 'S1', 2, '40.00']]),
      order('701-0000002-0000002', '2025-06-01T23:30:00-07:00', [['A2', 'S2', 1, '15.50']], { buyerType: 'B2B', fulfillmentChannel: 'AFN' }),
      order('701-0000003-0000003', '2025-06-02T12:00:00-07:00', [
        ['A1', 'S1', 1, '20.00'],
        ['A2', 'S2', 3, '46.50'],
      ]),
      order('701-0000004-0000004', '2025-06-03T08:00:00-07:00', [['A1', 'S1', 1, '99.00']], { orderStatus: 'Canceled' }),
      order('701-0000005-0000005', '2025-05-31T23:00:00-07:00', [['A1', 'S1', 1, '20.00']]),
      order('701-0000006-0000006', '2025-03-09T12:00:00-07:00', [['A1', 'S1', 1, '20.00']]),
    );
  });
  afterAll(() => s.close());
  afterEach(() => {
    expect(s.modelIssues.splice(0)).toEqual([]);
  });

  const interval = '2025-06-01T00:00:00-07:00--2025-06-04T00:00:00-07:00';

  it('breaks down by day in the requested time zone', async () => {
    const r = await metrics({ interval, granularity: 'Day', granularityTimeZone: 'US/Pacific' });
    expect(r.status).toBe(200);
    expect(r.body.payload).toEqual([
      {
        interval: '2025-06-01T00:00-07:00--2025-06-02T00:00-07:00',
        unitCount: 3,
        orderItemCount: 2,
        orderCount: 2,
        averageUnitPrice: { amount: '18.5', currencyCode: 'CAD' },
        totalSales: { amount: '55.5', currencyCode: 'CAD' },
      },
      {
        interval: '2025-06-02T00:00-07:00--2025-06-03T00:00-07:00',
        unitCount: 4,
        orderItemCount: 2,
        orderCount: 1,
        averageUnitPrice: { amount: '16.63', currencyCode: 'CAD' },
        totalSales: { amount: '66.5', currencyCode: 'CAD' },
      },
      {
        interval: '2025-06-03T00:00-07:00--2025-06-04T00:00-07:00',
        unitCount: 0,
        orderItemCount: 0,
        orderCount: 0,
        averageUnitPrice: { amount: '0', currencyCode: 'CAD' },
        totalSales: { amount: '0', currencyCode: 'CAD' },
      },
    ]);
  });

  it('uses UTC day boundaries for a Z interval', async () => {
    const r = await metrics({ interval: '2025-06-01T00:00:00Z--2025-06-04T00:00:00Z', granularity: 'Day', granularityTimeZone: 'UTC' });
    expect(r.status).toBe(200);
    expect(r.body.payload.map((p: any) => [p.interval, p.unitCount])).toEqual([
      ['2025-06-01T00:00Z--2025-06-02T00:00Z', 3], // includes the order of May 31, 23:00 Pacific
      ['2025-06-02T00:00Z--2025-06-03T00:00Z', 5],
      ['2025-06-03T00:00Z--2025-06-04T00:00Z', 0],
    ]);
  });

  it('totals the interval and applies the filters', async () => {
    const total = async (extra: Record<string, string> = {}) => (await metrics({ interval, granularity: 'Total', ...extra })).body.payload;
    expect(await total()).toEqual([
      {
        interval: '2025-06-01T00:00-07:00--2025-06-04T00:00-07:00',
        unitCount: 7,
        orderItemCount: 4,
        orderCount: 3,
        averageUnitPrice: { amount: '17.43', currencyCode: 'CAD' },
        totalSales: { amount: '122', currencyCode: 'CAD' },
      },
    ]);
    expect((await total({ buyerType: 'B2B' }))[0].unitCount).toBe(1);
    expect((await total({ buyerType: 'B2C' }))[0].unitCount).toBe(6);
    expect((await total({ fulfillmentNetwork: 'AFN' }))[0].totalSales.amount).toBe('15.5');
    expect((await total({ asin: 'A2' }))[0]).toMatchObject({ unitCount: 4, orderCount: 2, orderItemCount: 2 });
    expect((await total({ sku: 'S1' }))[0]).toMatchObject({ unitCount: 3, orderCount: 2 });
    expect((await total({ granularityTimeZone: 'US/Pacific' }))[0].unitCount).toBe(7);
  });

  it('groups weeks from Monday or Sunday, months and hours', async () => {
    const week = await metrics({ interval, granularity: 'Week', granularityTimeZone: 'US/Pacific' });
    expect(week.body.payload.map((p: any) => [p.interval, p.unitCount])).toEqual([
      ['2025-05-26T00:00-07:00--2025-06-02T00:00-07:00', 3],
      ['2025-06-02T00:00-07:00--2025-06-09T00:00-07:00', 4],
    ]);
    const sunday = await metrics({ interval, granularity: 'Week', granularityTimeZone: 'US/Pacific', firstDayOfWeek: 'Sunday' });
    expect(sunday.body.payload.map((p: any) => [p.interval, p.unitCount])).toEqual([['2025-06-01T00:00-07:00--2025-06-08T00:00-07:00', 7]]);
    const month = await metrics({ interval, granularity: 'Month', granularityTimeZone: 'US/Pacific' });
    expect(month.body.payload.map((p: any) => [p.interval, p.unitCount])).toEqual([['2025-06-01T00:00-07:00--2025-07-01T00:00-07:00', 7]]);
    const year = await metrics({ interval, granularity: 'Year', granularityTimeZone: 'US/Pacific' });
    expect(year.body.payload[0].interval).toBe('2025-01-01T00:00-08:00--2026-01-01T00:00-08:00');
    const hour = await metrics({ interval: '2025-06-01T23:00:00-07:00--2025-06-02T01:00:00-07:00', granularity: 'Hour' });
    expect(hour.body.payload.map((p: any) => [p.interval, p.unitCount])).toEqual([
      ['2025-06-01T23:00-07:00--2025-06-02T00:00-07:00', 1],
      ['2025-06-02T00:00-07:00--2025-06-02T01:00-07:00', 0],
    ]);
  });

  it('follows daylight saving time in the time zone', async () => {
    const r = await metrics({
      interval: '2025-03-08T00:00:00-08:00--2025-03-11T00:00:00-07:00',
      granularity: 'Day',
      granularityTimeZone: 'US/Pacific',
    });
    expect(r.status).toBe(200);
    expect(r.body.payload.map((p: any) => [p.interval, p.unitCount])).toEqual([
      ['2025-03-08T00:00-08:00--2025-03-09T00:00-08:00', 0],
      ['2025-03-09T00:00-08:00--2025-03-10T00:00-07:00', 1],
      ['2025-03-10T00:00-07:00--2025-03-11T00:00-07:00', 0],
    ]);
  });

  it.each([
    ['no interval', { granularity: 'Total' }],
    ['a date-only interval', { interval: '2025-06-01--2025-06-04', granularity: 'Total' }],
    ['an interval without offsets', { interval: '2025-06-01T00:00:00--2025-06-04T00:00:00', granularity: 'Total' }],
    ['an end before the start', { interval: '2025-06-04T00:00:00Z--2025-06-01T00:00:00Z', granularity: 'Total' }],
    ['no granularity', { interval }],
    ['an unknown granularity', { interval, granularity: 'Minute' }],
    ['Day without a time zone', { interval, granularity: 'Day' }],
    [
      'a zone that does not match the offset',
      { interval: '2025-06-01T00:00:00Z--2025-06-04T00:00:00Z', granularity: 'Day', granularityTimeZone: 'US/Pacific' },
    ],
    ['an unknown zone', { interval, granularity: 'Day', granularityTimeZone: 'Mars/Olympus' }],
    ['both asin and sku', { interval, granularity: 'Total', asin: 'A1', sku: 'S1' }],
    ['Hour older than 30 days', { interval: '2025-05-01T00:00:00Z--2025-05-02T00:00:00Z', granularity: 'Hour' }],
    ['an interval older than two years', { interval: '2022-06-01T00:00:00Z--2022-06-02T00:00:00Z', granularity: 'Total' }],
    ['a bad buyerType', { interval, granularity: 'Total', buyerType: 'B2X' }],
    ['two marketplaces', { interval, granularity: 'Total', marketplaceIds: [CA, US] }],
  ])('answers 400 for %s', async (_why, query) => {
    const r = await metrics(query as Record<string, string>);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].message).toBeTruthy();
  });

  it('totals the seeded US orders', async () => {
    const start = NOW - 90 * 86_400_000;
    const r = await s.call('GET', M, {
      query: { marketplaceIds: US, interval: `${new Date(start).toISOString()}--${new Date(NOW).toISOString()}`, granularity: 'Total' },
    });
    expect(r.status).toBe(200);
    const orders = s.emu.context.orders.filter(
      (o) => o.marketplaceId === US && o.orderStatus !== 'Canceled' && Date.parse(o.purchaseDate) >= start && Date.parse(o.purchaseDate) < NOW,
    );
    const units = orders.flatMap((o) => o.items).reduce((n, i) => n + i.quantity, 0);
    expect(orders.length).toBeGreaterThan(20);
    expect(r.body.payload[0]).toMatchObject({ orderCount: orders.length, unitCount: units });
    expect(r.body.payload[0].totalSales.currencyCode).toBe('USD');
  });
});

import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { marketplaceArg } from '../common.js';
import { defaultZone, formatInZone, localMidnight, zoneOffset } from '../../lib/time-zones.js';

const DAY = 86_400_000;
const dayOrTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?$/, 'YYYY-MM-DD or an ISO 8601 date-time with Z or an offset');

const cents = (amount: string): number => Math.round(Number(amount) * 100);

export const ordersMetrics = defineTool({
  name: 'orders_metrics',
  title: 'Order totals by day, week or month',
  summary: "orders, items, units and revenue per day/week/month (Sales API), in the marketplace's time zone; aggregates only",
  description:
    "Aggregated order metrics from Amazon's Sales API for one marketplace: per period the number of orders, order items, " +
    'units and revenue (ordered product sales, with average unit price), plus totals. Aggregates only: no buyer or ' +
    'order-level data. Give from/to as days (YYYY-MM-DD, to is inclusive) or ISO date-times; days are cut in timeZone ' +
    "(default: the marketplace's, e.g. America/Los_Angeles for US as in Seller Central). granularity Day, Week, Month, " +
    'Year or Total (one row), or Hour for ranges within the last 30 days; data goes back two years. Cancelled orders are ' +
    'not counted. Optionally filter by asin or sku, buyerType (B2B/B2C) or fulfillmentNetwork (AFN = FBA, MFN). ' +
    'Periods are paged (offset/limit); totals always cover the whole range. Faster than a sales report for totals; ' +
    'for traffic and per-ASIN numbers use reports_request with GET_SALES_AND_TRAFFIC_REPORT.',
  toolset: 'orders',
  capability: 'orders.read',
  sellerOnly: true,
  input: z
    .object({
      from: dayOrTime.describe('Start: YYYY-MM-DD (00:00 in timeZone) or an ISO date-time.'),
      to: dayOrTime.describe('End: YYYY-MM-DD (inclusive: up to the end of that day) or an ISO date-time (exclusive).'),
      granularity: z.enum(['Hour', 'Day', 'Week', 'Month', 'Year', 'Total']).default('Day'),
      timeZone: z.string().min(1).max(64).optional().describe("IANA time zone for day boundaries, e.g. Europe/Berlin. Default: the marketplace's."),
      marketplace: marketplaceArg,
      asin: z
        .string()
        .regex(/^[A-Z0-9]{10}$/)
        .optional(),
      sku: z.string().min(1).max(40).optional(),
      buyerType: z.enum(['All', 'B2B', 'B2C']).default('All'),
      fulfillmentNetwork: z.enum(['AFN', 'MFN']).optional(),
      firstDayOfWeek: z.enum(['Monday', 'Sunday']).default('Monday'),
      offset: z.number().int().min(0).default(0).describe('First period to return; use nextOffset.'),
      limit: z.number().int().min(1).max(400).default(100).describe('Periods per reply.'),
    })
    .strict(),
  output: z.object({
    marketplaceId: z.string(),
    interval: z.string(),
    granularity: z.string(),
    timeZone: z.string(),
    currency: z.string().optional(),
    totals: z.object({ orders: z.number(), orderItems: z.number(), units: z.number(), sales: z.number() }),
    periods: z.array(
      z.object({
        start: z.string(),
        end: z.string(),
        orders: z.number(),
        orderItems: z.number(),
        units: z.number(),
        sales: z.number(),
        averageUnitPrice: z.number(),
      }),
    ),
    totalPeriods: z.number(),
    nextOffset: z.number().optional(),
    next: z.string(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    if (args.asin && args.sku) throw new ToolError('INVALID_REQUEST', 'Give asin or sku, not both.');
    const marketplaceId = ctx.marketplace(args.marketplace);
    const zone = args.timeZone ?? defaultZone(marketplaceId);
    if (zoneOffset(zone, Date.now()) === undefined)
      throw new ToolError('INVALID_REQUEST', `Unknown time zone "${zone}". Use an IANA name such as America/New_York.`);
    const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s);
    const start = isDay(args.from) ? localMidnight(args.from, zone) : Date.parse(args.from);
    const end = isDay(args.to)
      ? localMidnight(new Date(Date.parse(`${args.to}T00:00:00Z`) + DAY).toISOString().slice(0, 10), zone)
      : Date.parse(args.to);
    if (Number.isNaN(start) || Number.isNaN(end)) throw new ToolError('INVALID_REQUEST', 'from/to is not a valid date.');
    if (end <= start) throw new ToolError('INVALID_REQUEST', 'to must be after from (a day given as "to" is included).');
    const oldest = Date.now() - (args.granularity === 'Hour' ? 30 : 730) * DAY;
    if (start < oldest) {
      throw new ToolError(
        'INVALID_REQUEST',
        args.granularity === 'Hour'
          ? 'Hourly metrics cover only the last 30 days: use Day, or a later from.'
          : 'Order metrics cover the last two years only: use a later from.',
      );
    }
    const interval = `${formatInZone(start, zone)}--${formatInZone(end, zone)}`;
    const res = await ctx.client.getOrderMetrics(
      {
        marketplaceIds: [marketplaceId],
        interval,
        granularity: args.granularity,
        granularityTimeZone: zone,
        buyerType: args.buyerType,
        firstDayOfWeek: args.firstDayOfWeek,
        ...(args.fulfillmentNetwork ? { fulfillmentNetwork: args.fulfillmentNetwork } : {}),
        ...(args.asin ? { asin: args.asin } : {}),
        ...(args.sku ? { sku: args.sku } : {}),
      },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    const all = res.payload.map((p) => {
      const [from, to] = p.interval.split('--');
      return {
        start: from ?? p.interval,
        end: to ?? '',
        orders: p.orderCount,
        orderItems: p.orderItemCount,
        units: p.unitCount,
        salesCents: cents(p.totalSales.amount),
        averageUnitPrice: Number(p.averageUnitPrice.amount),
      };
    });
    const totals = all.reduce(
      (t, p) => ({ orders: t.orders + p.orders, orderItems: t.orderItems + p.orderItems, units: t.units + p.units, cents: t.cents + p.salesCents }),
      { orders: 0, orderItems: 0, units: 0, cents: 0 },
    );
    const page = all.slice(args.offset, args.offset + args.limit).map(({ salesCents, ...p }) => ({ ...p, sales: salesCents / 100 }));
    const endIndex = args.offset + page.length;
    const currency = res.payload[0]?.totalSales.currencyCode;
    return {
      marketplaceId,
      interval,
      granularity: args.granularity,
      timeZone: zone,
      ...(currency ? { currency } : {}),
      totals: { orders: totals.orders, orderItems: totals.orderItems, units: totals.units, sales: totals.cents / 100 },
      periods: page,
      totalPeriods: all.length,
      ...(endIndex < all.length ? { nextOffset: endIndex } : {}),
      next:
        endIndex < all.length
          ? `Periods ${args.offset + 1}–${endIndex} of ${all.length} shown; call again with offset ${endIndex} for more (totals already cover the whole range).`
          : 'Totals count orders by purchase date; cancelled orders are excluded. Revenue is ordered product sales in the marketplace currency.',
    };
  },
});

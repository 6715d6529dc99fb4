// Sales API v1 getOrderMetrics: order metrics from the emulator's orders, bucketed in the caller's time zone.
import { zoneOffset } from '../../lib/time-zones.js';
import type { EmulatorContext, HandlerTable, StoredOrder } from '../types.js';
import { listParam, badRequest } from './jobs.js';
import { findMarketplace } from '../../lib/marketplaces.js';

const GRANULARITIES = ['Hour', 'Day', 'Week', 'Month', 'Year', 'Total'] as const;
type Granularity = (typeof GRANULARITIES)[number];
const DAY = 86_400_000;
const MAX_BUCKETS = 10_000;

/** One end of the interval: epoch ms plus the offset (minutes) or Z it was written with. */
interface Instant {
  ms: number;
  offset: number;
  zulu: boolean;
}

function parseInstant(s: string): Instant | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/.exec(s);
  if (!m) return undefined;
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return undefined;
  const offset = m[7] === 'Z' ? 0 : (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
  return { ms, offset, zulu: m[7] === 'Z' };
}

/** Calendar arithmetic in a zone (IANA or a fixed offset). */
class Calendar {
  constructor(private readonly offsetAt: (ms: number) => number) {}

  /** Local wall-clock fields of an instant (read with getUTC*). */
  local(ms: number): Date {
    return new Date(ms + this.offsetAt(ms) * 60_000);
  }

  /** The instant of a local wall-clock time (Date.UTC fields; overflow allowed). */
  instant(y: number, mo: number, d: number, h = 0): number {
    const wall = Date.UTC(y, mo, d, h);
    const guess = wall - this.offsetAt(wall) * 60_000;
    return wall - this.offsetAt(guess) * 60_000;
  }

  floor(ms: number, g: Granularity, weekStart: number): number {
    const l = this.local(ms);
    const [y, mo, d] = [l.getUTCFullYear(), l.getUTCMonth(), l.getUTCDate()];
    switch (g) {
      case 'Hour':
        return this.instant(y, mo, d, l.getUTCHours());
      case 'Day':
        return this.instant(y, mo, d);
      case 'Week':
        return this.instant(y, mo, d - ((l.getUTCDay() - weekStart + 7) % 7));
      case 'Month':
        return this.instant(y, mo, 1);
      default:
        return this.instant(y, 0, 1);
    }
  }

  next(boundary: number, g: Granularity): number {
    const l = this.local(boundary);
    const [y, mo, d, h] = [l.getUTCFullYear(), l.getUTCMonth(), l.getUTCDate(), l.getUTCHours()];
    switch (g) {
      case 'Hour':
        return boundary + 3_600_000;
      case 'Day':
        return this.instant(y, mo, d + 1, h);
      case 'Week':
        return this.instant(y, mo, d + 7, h);
      case 'Month':
        return this.instant(y, mo + 1, d, h);
      default:
        return this.instant(y + 1, mo, d, h);
    }
  }

  /** "2024-05-01T00:00-07:00", the format of Amazon's order metrics intervals. */
  format(ms: number, zulu: boolean): string {
    const off = this.offsetAt(ms);
    const wall = this.local(ms).toISOString().slice(0, 16);
    if (zulu && off === 0) return `${wall}Z`;
    const abs = Math.abs(off);
    return `${wall}${off < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }
}

interface Filters {
  marketplaceId: string;
  buyerType: string;
  fulfillmentNetwork?: string;
  asin?: string;
  sku?: string;
}

export function createSalesHandlers(ctx: EmulatorContext): HandlerTable {
  return {
    getOrderMetrics(req) {
      const q = req.query;
      const ids = listParam(q, 'marketplaceIds') ?? [];
      if (ids.length !== 1) return badRequest('marketplaceIds is required and accepts exactly one marketplace identifier.');
      const marketplace = findMarketplace(ids[0]!);
      if (!marketplace || marketplace.id !== ids[0]) return badRequest(`Invalid marketplaceId: ${ids[0]}.`);

      const granularity = q.get('granularity') as Granularity | null;
      if (!granularity || !GRANULARITIES.includes(granularity)) {
        return badRequest(`granularity is required and must be one of ${GRANULARITIES.join(', ')}.`);
      }
      const rawInterval = q.get('interval') ?? '';
      const parts = rawInterval.split('--');
      const start = parts.length === 2 ? parseInstant(parts[0]!) : undefined;
      const end = parts.length === 2 ? parseInstant(parts[1]!) : undefined;
      if (!start || !end) {
        return badRequest(
          'interval must be two ISO 8601 date-times with Z or an offset, separated by "--" (e.g. 2024-09-01T00:00:00-07:00--2024-09-04T00:00:00-07:00).',
        );
      }
      if (end.ms <= start.ms) return badRequest('The interval end must be after its start.');
      const now = ctx.clock.now();
      const oldest = granularity === 'Hour' ? now - 30 * DAY : now - 730 * DAY;
      if (start.ms < oldest) {
        return badRequest(
          granularity === 'Hour' ? 'granularity=Hour requires an interval within the last 30 days.' : 'The interval must be within the last 2 years.',
        );
      }

      const zone = q.get('granularityTimeZone');
      let offsetAt: (ms: number) => number;
      if (zone !== null) {
        if (zoneOffset(zone, start.ms) === undefined) return badRequest(`Invalid granularityTimeZone: ${zone}.`);
        if (zoneOffset(zone, start.ms) !== start.offset || zoneOffset(zone, end.ms) !== end.offset) {
          return badRequest(`granularityTimeZone ${zone} does not match the offset of the interval.`);
        }
        offsetAt = (ms) => zoneOffset(zone, ms) ?? 0;
      } else if (granularity === 'Hour' || granularity === 'Total') {
        offsetAt = () => start.offset;
      } else {
        return badRequest(`granularityTimeZone is required when granularity is ${granularity}.`);
      }

      const buyerType = q.get('buyerType') ?? 'All';
      if (!['B2B', 'B2C', 'All'].includes(buyerType)) return badRequest('buyerType must be B2B, B2C or All.');
      const fulfillmentNetwork = q.get('fulfillmentNetwork') ?? undefined;
      if (fulfillmentNetwork !== undefined && !['AFN', 'MFN'].includes(fulfillmentNetwork)) {
        return badRequest('fulfillmentNetwork must be AFN or MFN.');
      }
      const firstDayOfWeek = q.get('firstDayOfWeek') ?? 'Monday';
      if (!['Monday', 'Sunday'].includes(firstDayOfWeek)) return badRequest('firstDayOfWeek must be Monday or Sunday.');
      const asin = q.get('asin') ?? undefined;
      const sku = q.get('sku') ?? undefined;
      if (asin !== undefined && sku !== undefined) return badRequest('Specify either asin or sku, not both.');
      const amazonProgram = q.get('amazonProgram');
      if (amazonProgram !== null && amazonProgram !== 'AmazonHaul') return badRequest('amazonProgram must be AmazonHaul.');

      const filters: Filters = {
        marketplaceId: marketplace.id,
        buyerType,
        ...(fulfillmentNetwork ? { fulfillmentNetwork } : {}),
        ...(asin ? { asin } : {}),
        ...(sku ? { sku } : {}),
      };
      // The emulator holds no Amazon Haul orders: that program filter yields zeros.
      const orders = amazonProgram ? [] : ctx.orders.filter((o) => o.sellerId === req.sellerId && matchesOrder(o, filters));
      const cal = new Calendar(offsetAt);
      const buckets: Array<[number, number]> = [];
      if (granularity === 'Total') {
        buckets.push([start.ms, end.ms]);
      } else {
        const weekStart = firstDayOfWeek === 'Sunday' ? 0 : 1;
        for (let b = cal.floor(start.ms, granularity, weekStart); b < end.ms; b = cal.next(b, granularity)) {
          if (buckets.length >= MAX_BUCKETS) return badRequest('The interval holds too many periods for this granularity.');
          buckets.push([b, cal.next(b, granularity)]);
        }
      }
      const currency = marketplace.currency;
      const payload = buckets.map(([from, to]) => {
        // Head and tail buckets only count the part inside the requested interval.
        const lo = Math.max(from, start.ms);
        const hi = Math.min(to, end.ms);
        const m = metrics(orders, filters, lo, hi);
        return {
          interval: `${cal.format(from, start.zulu)}--${cal.format(to, end.zulu)}`,
          unitCount: m.units,
          orderItemCount: m.items,
          orderCount: m.orders,
          averageUnitPrice: { amount: decimal(m.units ? m.cents / m.units : 0), currencyCode: currency },
          totalSales: { amount: decimal(m.cents), currencyCode: currency },
        };
      });
      return { status: 200, body: { payload } };
    },
  };
}

function matchesOrder(o: StoredOrder, f: Filters): boolean {
  if (o.marketplaceId !== f.marketplaceId || o.orderStatus === 'Canceled') return false;
  if (f.buyerType !== 'All' && o.buyerType !== f.buyerType) return false;
  if (f.fulfillmentNetwork && (o.fulfillmentChannel ?? 'MFN') !== f.fulfillmentNetwork) return false;
  return true;
}

function metrics(orders: StoredOrder[], f: Filters, from: number, to: number): { units: number; items: number; orders: number; cents: number } {
  const out = { units: 0, items: 0, orders: 0, cents: 0 };
  for (const o of orders) {
    const t = Date.parse(o.purchaseDate);
    if (t < from || t >= to) continue;
    const items = o.items.filter((i) => (!f.asin || i.asin === f.asin) && (!f.sku || i.sku === f.sku));
    if (items.length === 0) continue;
    out.orders += 1;
    for (const i of items) {
      out.items += 1;
      out.units += i.quantity;
      // itemPrice is the line total (unit price × quantity), as in the Orders API.
      out.cents += Math.round(Number(i.itemPrice.amount) * 100);
    }
  }
  return out;
}

/** Minor units → Amazon's decimal string ("12.5", "25"). */
function decimal(cents: number): string {
  return String(Math.round(cents) / 100);
}

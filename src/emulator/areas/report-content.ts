// Report documents generated from emulator state. TSV reports use the marketplace's legacy charset as
// Amazon does (Cp1252 in western EU, Windows-31J/Shift_JIS in JP, UTF-8 elsewhere; pitfalls §3.5).
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import type { StoredListing, StoredOrder } from '../types.js';
import { findMarketplace } from '../../sp-api/marketplaces.js';

export interface ReportInput {
  sellerId: string;
  reportType: string;
  marketplaceIds: string[];
  dataStart: number;
  dataEnd: number;
  options: Record<string, string>;
  now: number;
  listings: StoredListing[];
  orders: StoredOrder[];
  /** emulatorRows: pad or cut the data rows to exactly this many. */
  rows?: number;
}

export interface ReportDocumentContent {
  /** Encoded bytes, not compressed. */
  bytes: Buffer;
  contentType: string;
  /** Amazon serves these types gzipped. */
  gzip: boolean;
}

export const REPORT_TYPES = [
  'GET_MERCHANT_LISTINGS_ALL_DATA',
  'GET_FLAT_FILE_OPEN_LISTINGS_DATA',
  'GET_SALES_AND_TRAFFIC_REPORT',
  'GET_V2_SELLER_PERFORMANCE_REPORT',
] as const;

export function generateReport(input: ReportInput): ReportDocumentContent {
  switch (input.reportType) {
    case 'GET_MERCHANT_LISTINGS_ALL_DATA':
      return tsv(input.marketplaceIds[0]!, MERCHANT_LISTINGS_COLUMNS, padRows(merchantListingRows(input), input.rows, fillerListingRow));
    case 'GET_FLAT_FILE_OPEN_LISTINGS_DATA':
      return tsv(input.marketplaceIds[0]!, ['sku', 'asin', 'price', 'quantity'], padRows(openListingRows(input), input.rows, fillerOpenRow));
    case 'GET_SALES_AND_TRAFFIC_REPORT':
      return json(salesAndTraffic(input));
    case 'GET_V2_SELLER_PERFORMANCE_REPORT':
      return json(sellerPerformance(input));
    default:
      throw new Error(`No generator for ${input.reportType}`);
  }
}

// ---------- charsets ----------

const CP1252_COUNTRIES = new Set(['UK', 'DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'BE', 'IE']);

export function reportCharset(marketplaceId: string): { label: string; iconv: string } {
  const cc = findMarketplace(marketplaceId)?.countryCode ?? '';
  if (cc === 'JP') return { label: 'Windows-31J', iconv: 'cp932' };
  if (CP1252_COUNTRIES.has(cc)) return { label: 'Cp1252', iconv: 'cp1252' };
  return { label: 'UTF-8', iconv: 'utf8' };
}

function tsv(marketplaceId: string, columns: readonly string[], rows: string[][]): ReportDocumentContent {
  const clean = (v: string): string => v.replace(/[\t\r\n]+/g, ' ');
  const text = [columns.join('\t'), ...rows.map((r) => r.map(clean).join('\t'))].join('\n') + '\n';
  const cs = reportCharset(marketplaceId);
  // Characters the charset lacks become '?', which is what Amazon's own reports show (pitfalls §3.5).
  return { bytes: iconv.encode(text, cs.iconv), contentType: `text/plain;charset=${cs.label}`, gzip: false };
}

function json(value: unknown): ReportDocumentContent {
  return { bytes: Buffer.from(JSON.stringify(value)), contentType: 'application/json', gzip: true };
}

function padRows(rows: string[][], wanted: number | undefined, filler: (i: number) => string[]): string[][] {
  if (wanted === undefined) return rows;
  const out = rows.slice(0, wanted);
  for (let i = out.length; i < wanted; i++) out.push(filler(i + 1));
  return out;
}

// ---------- listings reports ----------

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

type Attr = Array<Record<string, unknown>>;

/** First value of an attribute for a marketplace (entries without marketplace_id apply everywhere). */
function attrEntry(attributes: Record<string, unknown>, name: string, marketplaceId?: string): Record<string, unknown> | undefined {
  const list = attributes[name];
  if (!Array.isArray(list)) return undefined;
  const entries = list.filter(isObject) as Attr;
  return (
    entries.find((e) => marketplaceId !== undefined && e['marketplace_id'] === marketplaceId) ??
    entries.find((e) => e['marketplace_id'] === undefined) ??
    entries[0]
  );
}

function attrValue(attributes: Record<string, unknown>, name: string, marketplaceId?: string): string | undefined {
  const v = attrEntry(attributes, name, marketplaceId)?.['value'];
  return v === undefined || v === null ? undefined : String(v);
}

/** Offer price (our_price, first schedule) for a marketplace, as a decimal string. */
function offerPrice(attributes: Record<string, unknown>, marketplaceId?: string): { amount: string; currency?: string } | undefined {
  const offer = attrEntry(attributes, 'purchasable_offer', marketplaceId);
  const ourPrice = Array.isArray(offer?.['our_price']) ? (offer['our_price'] as Attr)[0] : undefined;
  const schedule = Array.isArray(ourPrice?.['schedule']) ? (ourPrice['schedule'] as Attr)[0] : undefined;
  const value = schedule?.['value_with_tax'];
  if (value === undefined || value === null) return undefined;
  const currency = typeof offer?.['currency'] === 'string' ? offer['currency'] : undefined;
  return { amount: String(value), ...(currency ? { currency } : {}) };
}


const MERCHANT_LISTINGS_COLUMNS = [
  'item-name', 'item-description', 'listing-id', 'seller-sku', 'price', 'quantity', 'open-date', 'image-url',
  'item-is-marketplace', 'product-id-type', 'zshop-shipping-fee', 'item-note', 'item-condition', 'zshop-category1',
  'zshop-browse-path', 'zshop-storefront-feature', 'asin1', 'asin2', 'asin3', 'will-ship-internationally',
  'expedited-shipping', 'zshop-boldface', 'product-id', 'bid-for-featured-placement', 'add-delete', 'pending-quantity',
  'fulfillment-channel', 'merchant-shipping-group', 'status',
] as const;

// Amazon's numeric item-condition codes in listing reports.
const CONDITION_CODES: Record<string, string> = {
  used_like_new: '1', used_very_good: '2', used_good: '3', used_acceptable: '4', collectible_like_new: '5',
  collectible_very_good: '6', collectible_good: '7', collectible_acceptable: '8', refurbished_refurbished: '10', new_new: '11',
};
const PRODUCT_ID_TYPES: Record<string, string> = { asin: '1', isbn: '2', upc: '3', ean: '4' };

function listingsFor(input: ReportInput): StoredListing[] {
  return input.listings.filter((l) => l.marketplaceIds.some((m) => input.marketplaceIds.includes(m)));
}

/** Stable listing-id like Amazon's 11-character ids (e.g. 0514ZXQ8Y2X). */
function listingId(l: StoredListing): string {
  const d = new Date(l.createdDate);
  const mmdd = Number.isNaN(d.getTime()) ? '0101' : `${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;
  return mmdd + createHash('sha1').update(`${l.sellerId}/${l.sku}`).digest('hex').slice(0, 7).toUpperCase();
}

function fulfillment(l: StoredListing): { channel: string; quantity: string } {
  const fa = attrEntry(l.attributes, 'fulfillment_availability');
  const channel = typeof fa?.['fulfillment_channel_code'] === 'string' ? fa['fulfillment_channel_code'] : 'DEFAULT';
  // FBA quantities are not reported in the merchant's quantity column.
  const quantity = channel === 'DEFAULT' && typeof fa?.['quantity'] === 'number' ? String(fa['quantity']) : '';
  return { channel, quantity };
}

function listingStatus(l: StoredListing): string {
  if (l.status.includes('BUYABLE')) return 'Active';
  return l.issues.some((i) => i.severity === 'ERROR') ? 'Incomplete' : 'Inactive';
}

function merchantListingRows(input: ReportInput): string[][] {
  const mp = input.marketplaceIds[0]!;
  return listingsFor(input).map((l) => {
    const a = l.attributes;
    const ext = attrEntry(a, 'externally_assigned_product_identifier', mp);
    const extType = typeof ext?.['type'] === 'string' ? ext['type'].toLowerCase() : '';
    const productId = typeof ext?.['value'] === 'string' ? ext['value'] : (l.asin ?? '');
    const image = attrEntry(a, 'main_product_image_locator', mp)?.['media_location'];
    const f = fulfillment(l);
    const row: Record<(typeof MERCHANT_LISTINGS_COLUMNS)[number], string> = {
      'item-name': attrValue(a, 'item_name', mp) ?? '',
      'item-description': attrValue(a, 'product_description', mp) ?? '',
      'listing-id': listingId(l),
      'seller-sku': l.sku,
      price: offerPrice(a, mp)?.amount ?? '',
      quantity: f.quantity,
      'open-date': openDate(l.createdDate),
      'image-url': typeof image === 'string' ? image : '',
      'item-is-marketplace': 'y',
      'product-id-type': PRODUCT_ID_TYPES[ext ? extType : 'asin'] ?? '',
      'zshop-shipping-fee': '',
      'item-note': attrValue(a, 'condition_note', mp) ?? '',
      'item-condition': CONDITION_CODES[attrValue(a, 'condition_type', mp) ?? 'new_new'] ?? '11',
      'zshop-category1': '',
      'zshop-browse-path': '',
      'zshop-storefront-feature': '',
      asin1: l.asin ?? '',
      asin2: '',
      asin3: '',
      'will-ship-internationally': '',
      'expedited-shipping': '',
      'zshop-boldface': '',
      'product-id': productId,
      'bid-for-featured-placement': '',
      'add-delete': '',
      'pending-quantity': f.channel === 'DEFAULT' ? '0' : '',
      'fulfillment-channel': f.channel,
      'merchant-shipping-group': f.channel === 'DEFAULT' ? 'Migrated Template' : '',
      status: listingStatus(l),
    };
    return MERCHANT_LISTINGS_COLUMNS.map((c) => row[c]);
  });
}

function fillerListingRow(i: number): string[] {
  const sku = `EMU-ROW-${String(i).padStart(6, '0')}`;
  const asin = `B0EMU${String(i).padStart(5, '0')}`;
  const row: Partial<Record<(typeof MERCHANT_LISTINGS_COLUMNS)[number], string>> = {
    'item-name': `Emulator filler item ${i}`,
    'listing-id': `0101EMU${String(i).padStart(4, '0')}`,
    'seller-sku': sku,
    price: (5 + (i % 50)).toFixed(2),
    quantity: String(i % 100),
    'open-date': '2024-01-01 00:00:00 UTC',
    'item-is-marketplace': 'y',
    'product-id-type': '1',
    'item-condition': '11',
    asin1: asin,
    'product-id': asin,
    'pending-quantity': '0',
    'fulfillment-channel': 'DEFAULT',
    'merchant-shipping-group': 'Migrated Template',
    status: 'Active',
  };
  return MERCHANT_LISTINGS_COLUMNS.map((c) => row[c] ?? '');
}

function openListingRows(input: ReportInput): string[][] {
  const mp = input.marketplaceIds[0]!;
  return listingsFor(input).map((l) => [l.sku, l.asin ?? '', offerPrice(l.attributes, mp)?.amount ?? '', fulfillment(l).quantity]);
}

function fillerOpenRow(i: number): string[] {
  return [`EMU-ROW-${String(i).padStart(6, '0')}`, `B0EMU${String(i).padStart(5, '0')}`, (5 + (i % 50)).toFixed(2), String(i % 100)];
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "2024-05-01 12:00:00 UTC" — Amazon prints the marketplace's local zone; the emulator always uses UTC. */
function openDate(isoDate: string): string {
  const d = new Date(isoDate);
  return Number.isNaN(d.getTime()) ? '' : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

// ---------- sales and traffic ----------

const DAY = 86_400_000;
const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Money as integer minor units (cents) to keep sums exact. */
const toCents = (amount: string): number => Math.round(Number(amount) * 100);
const money = (cents: number, currencyCode: string): { amount: number; currencyCode: string } => ({
  amount: Math.round(cents) / 100,
  currencyCode,
});

/** Orders of the seller in the report's marketplaces and time range; cancelled orders are not sales. */
function ordersFor(input: ReportInput): StoredOrder[] {
  return input.orders.filter((o) => {
    const t = Date.parse(o.purchaseDate);
    return (
      o.sellerId === input.sellerId &&
      input.marketplaceIds.includes(o.marketplaceId) &&
      o.orderStatus !== 'Canceled' &&
      t >= input.dataStart &&
      t <= input.dataEnd
    );
  });
}

interface Tally {
  units: number;
  unitsB2B: number;
  items: number;
  itemsB2B: number;
  cents: number;
  centsB2B: number;
  shippedUnits: number;
  shippedCents: number;
  shippedOrders: Set<string>;
}

const newTally = (): Tally => ({
  units: 0, unitsB2B: 0, items: 0, itemsB2B: 0, cents: 0, centsB2B: 0, shippedUnits: 0, shippedCents: 0, shippedOrders: new Set(),
});

function count(t: Tally, o: StoredOrder, item: StoredOrder['items'][number]): void {
  const cents = toCents(item.itemPrice.amount); // line total, as the Orders API ItemPrice
  const b2b = o.buyerType === 'B2B';
  t.units += item.quantity;
  t.items += 1;
  t.cents += cents;
  if (b2b) (t.unitsB2B += item.quantity), (t.itemsB2B += 1), (t.centsB2B += cents);
  if (o.orderStatus === 'Shipped') (t.shippedUnits += item.quantity), (t.shippedCents += cents), t.shippedOrders.add(o.amazonOrderId);
}

/** Deterministic traffic numbers: a stable pseudo-random spread around the units sold. */
function traffic(key: string, units: number): { sessions: number; pageViews: number; buyBox: number } {
  const h = createHash('sha1').update(key).digest();
  const sessions = units * 6 + 15 + (h[0]! % 40);
  return { sessions, pageViews: Math.round(sessions * (1.3 + (h[1]! % 50) / 100)), buyBox: 85 + (h[2]! % 15) };
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 10000) / 100);

function salesAndTraffic(input: ReportInput): unknown {
  const currency = findMarketplace(input.marketplaceIds[0]!)?.currency ?? 'USD';
  const dateGranularity = input.options['dateGranularity'] ?? 'DAY';
  const asinGranularity = input.options['asinGranularity'] ?? 'PARENT';
  const orders = ordersFor(input);

  const byDate = new Map<string, Tally>();
  for (let t = Date.parse(dayKey(input.dataStart)); t <= input.dataEnd; t += DAY) byDate.set(periodKey(t, dateGranularity), newTally());
  const byAsin = new Map<string, { parentAsin: string; childAsin?: string; sku?: string; tally: Tally }>();
  for (const o of orders) {
    const dateTally = byDate.get(periodKey(Date.parse(o.purchaseDate), dateGranularity));
    for (const item of o.items) {
      if (dateTally) count(dateTally, o, item);
      const key = asinGranularity === 'SKU' ? `${item.asin}|${item.sku}` : item.asin;
      let row = byAsin.get(key);
      if (!row) {
        row = {
          parentAsin: item.asin,
          ...(asinGranularity !== 'PARENT' ? { childAsin: item.asin } : {}),
          ...(asinGranularity === 'SKU' ? { sku: item.sku } : {}),
          tally: newTally(),
        };
        byAsin.set(key, row);
      }
      count(row.tally, o, item);
    }
  }

  const salesAndTrafficByDate = [...byDate.entries()].map(([date, t]) => {
    const tr = traffic(`${input.sellerId}/${date}`, t.units);
    return {
      date,
      salesByDate: {
        orderedProductSales: money(t.cents, currency),
        orderedProductSalesB2B: money(t.centsB2B, currency),
        unitsOrdered: t.units,
        unitsOrderedB2B: t.unitsB2B,
        totalOrderItems: t.items,
        totalOrderItemsB2B: t.itemsB2B,
        averageSalesPerOrderItem: money(t.items ? t.cents / t.items : 0, currency),
        averageSalesPerOrderItemB2B: money(t.itemsB2B ? t.centsB2B / t.itemsB2B : 0, currency),
        averageUnitsPerOrderItem: t.items ? Math.round((t.units / t.items) * 100) / 100 : 0,
        averageUnitsPerOrderItemB2B: t.itemsB2B ? Math.round((t.unitsB2B / t.itemsB2B) * 100) / 100 : 0,
        averageSellingPrice: money(t.units ? t.cents / t.units : 0, currency),
        averageSellingPriceB2B: money(t.unitsB2B ? t.centsB2B / t.unitsB2B : 0, currency),
        unitsRefunded: 0,
        refundRate: 0,
        claimsGranted: 0,
        claimsAmount: money(0, currency),
        shippedProductSales: money(t.shippedCents, currency),
        unitsShipped: t.shippedUnits,
        ordersShipped: t.shippedOrders.size,
      },
      trafficByDate: {
        browserPageViews: Math.round(tr.pageViews * 0.4),
        browserPageViewsB2B: 0,
        mobileAppPageViews: tr.pageViews - Math.round(tr.pageViews * 0.4),
        mobileAppPageViewsB2B: 0,
        pageViews: tr.pageViews,
        pageViewsB2B: 0,
        browserSessions: Math.round(tr.sessions * 0.4),
        browserSessionsB2B: 0,
        mobileAppSessions: tr.sessions - Math.round(tr.sessions * 0.4),
        mobileAppSessionsB2B: 0,
        sessions: tr.sessions,
        sessionsB2B: 0,
        buyBoxPercentage: tr.buyBox,
        buyBoxPercentageB2B: 0,
        orderItemSessionPercentage: ratio(t.items, tr.sessions),
        orderItemSessionPercentageB2B: 0,
        unitSessionPercentage: ratio(t.units, tr.sessions),
        unitSessionPercentageB2B: 0,
        averageOfferCount: 1,
        averageParentItems: byAsin.size,
        feedbackReceived: 0,
        negativeFeedbackReceived: 0,
        receivedNegativeFeedbackRate: 0,
      },
    };
  });

  const asinRows = [...byAsin.values()].map(({ tally: t, ...ids }) => asinRow(input.sellerId, ids, t, currency));
  if (input.rows !== undefined) {
    asinRows.splice(input.rows);
    for (let i = asinRows.length + 1; asinRows.length < input.rows; i++) {
      asinRows.push(asinRow(input.sellerId, { parentAsin: `B0EMU${String(i).padStart(5, '0')}` }, newTally(), currency));
    }
  }

  return {
    reportSpecification: {
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      reportOptions: { dateGranularity, asinGranularity },
      dataStartTime: dayKey(input.dataStart),
      dataEndTime: dayKey(input.dataEnd),
      marketplaceIds: input.marketplaceIds,
    },
    salesAndTrafficByDate,
    salesAndTrafficByAsin: asinRows,
  };
}

function asinRow(sellerId: string, ids: { parentAsin: string; childAsin?: string; sku?: string }, t: Tally, currency: string): unknown {
  const tr = traffic(`${sellerId}/${ids.parentAsin}/${ids.sku ?? ''}`, t.units);
  return {
    ...ids,
    salesByAsin: {
      unitsOrdered: t.units,
      unitsOrderedB2B: t.unitsB2B,
      orderedProductSales: money(t.cents, currency),
      orderedProductSalesB2B: money(t.centsB2B, currency),
      totalOrderItems: t.items,
      totalOrderItemsB2B: t.itemsB2B,
    },
    trafficByAsin: {
      browserSessions: Math.round(tr.sessions * 0.4),
      browserSessionsB2B: 0,
      mobileAppSessions: tr.sessions - Math.round(tr.sessions * 0.4),
      mobileAppSessionsB2B: 0,
      sessions: tr.sessions,
      sessionsB2B: 0,
      browserPageViews: Math.round(tr.pageViews * 0.4),
      browserPageViewsB2B: 0,
      mobileAppPageViews: tr.pageViews - Math.round(tr.pageViews * 0.4),
      mobileAppPageViewsB2B: 0,
      pageViews: tr.pageViews,
      pageViewsB2B: 0,
      buyBoxPercentage: tr.buyBox,
      buyBoxPercentageB2B: 0,
      unitSessionPercentage: ratio(t.units, tr.sessions),
      unitSessionPercentageB2B: 0,
    },
  };
}

/** DAY → the date; WEEK → the Sunday that starts the week; MONTH → the first of the month (UTC). */
function periodKey(ms: number, granularity: string): string {
  const d = new Date(ms);
  if (granularity === 'WEEK') return dayKey(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - d.getUTCDay()));
  if (granularity === 'MONTH') return dayKey(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  return dayKey(ms);
}

// ---------- account health ----------

function sellerPerformance(input: ReportInput): unknown {
  const range = (days: number): { reportingDateFrom: string; reportingDateTo: string } => ({
    reportingDateFrom: new Date(input.now - days * DAY).toISOString(),
    reportingDateTo: new Date(input.now).toISOString(),
  });
  return {
    accountStatuses: input.marketplaceIds.map((marketplaceId) => ({ marketplaceId, status: 'NORMAL' })),
    performanceMetrics: input.marketplaceIds.map((marketplaceId) => {
      const recent = input.orders.filter(
        (o) => o.sellerId === input.sellerId && o.marketplaceId === marketplaceId && Date.parse(o.purchaseDate) >= input.now - 60 * DAY,
      );
      const mfn = recent.filter((o) => (o.fulfillmentChannel ?? 'MFN') === 'MFN');
      const afn = recent.filter((o) => o.fulfillmentChannel === 'AFN');
      const shipped = mfn.filter((o) => o.orderStatus === 'Shipped').length;
      const cancelled = mfn.filter((o) => o.orderStatus === 'Canceled').length;
      // One late shipment in every 12 keeps the late shipment rate above Amazon's 4% target: a metric at risk.
      const late = shipped > 0 ? Math.max(1, Math.round(shipped / 12)) : 0;
      const tracked = shipped - (shipped > 20 ? 1 : 0);
      const rate = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 10000) / 10000);
      const status = (value: number, target: number, lessIsBetter: boolean, n: number): string =>
        n === 0 ? 'NONE' : (lessIsBetter ? value < target : value > target) ? 'GOOD' : 'POOR';
      const odr = (orders: StoredOrder[], type: 'AFN' | 'MFN'): unknown => ({
        reportingDateRange: range(60),
        status: orders.length ? 'GOOD' : 'NONE',
        targetValue: 0.01,
        targetCondition: 'LESS_THAN',
        orderCount: orders.length,
        rate: 0,
        orderWithDefects: { count: 0, rate: 0 },
        claims: { count: 0, rate: 0 },
        chargebacks: { count: 0, rate: 0 },
        negativeFeedback: { count: 0, rate: 0 },
        fulfillmentType: type,
      });
      const policy = (defectsCount: number): unknown => ({
        reportingDateRange: range(180),
        status: defectsCount > 0 ? 'POOR' : 'GOOD',
        targetValue: 0,
        targetCondition: 'LESS_THAN_OR_EQUAL_TO',
        defectsCount,
      });
      const lsr = rate(late, shipped);
      const cancelRate = rate(cancelled, mfn.length);
      const vtr = rate(tracked, shipped);
      return {
        marketplaceId,
        accountHealthRating: { ahrStatus: 'GOOD', ahrScore: 228, reportingDateRange: range(180) },
        orderDefectRate: { afn: odr(afn, 'AFN'), mfn: odr(mfn, 'MFN') },
        lateShipmentRate: {
          reportingDateRange: range(30),
          status: status(lsr, 0.04, true, shipped),
          targetValue: 0.04,
          targetCondition: 'LESS_THAN',
          orderCount: shipped,
          rate: lsr,
          lateShipmentCount: late,
        },
        preFulfillmentCancellationRate: {
          reportingDateRange: range(7),
          status: status(cancelRate, 0.025, true, mfn.length),
          targetValue: 0.025,
          targetCondition: 'LESS_THAN',
          orderCount: mfn.length,
          rate: cancelRate,
          cancellationCount: cancelled,
        },
        validTrackingRate: {
          reportingDateRange: range(30),
          status: status(vtr, 0.95, false, shipped),
          targetValue: 0.95,
          targetCondition: 'GREATER_THAN',
          shipmentCount: shipped,
          rate: vtr,
          validTrackingCount: tracked,
        },
        listingPolicyViolations: policy(1),
        productAuthenticityCustomerComplaints: policy(0),
        productConditionCustomerComplaints: policy(0),
        productSafetyCustomerComplaints: policy(0),
        receivedIntellectualPropertyComplaints: policy(0),
        restrictedProductPolicyViolations: policy(0),
        suspectedIntellectualPropertyViolations: policy(0),
        foodAndProductSafetyIssues: policy(0),
        customerProductReviewsPolicyViolations: policy(0),
        otherPolicyViolations: policy(0),
        documentRequests: policy(0),
      };
    }),
  };
}

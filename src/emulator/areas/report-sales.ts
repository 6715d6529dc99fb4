// JSON reports from the orders: GET_SALES_AND_TRAFFIC_REPORT and GET_V2_SELLER_PERFORMANCE_REPORT (account health),
// in Amazon's documented shapes as far as we know them. Traffic numbers are synthetic but deterministic.
import { createHash } from 'node:crypto';
import type { StoredOrder } from '../types.js';
import { findMarketplace } from '../../lib/marketplaces.js';
import type { ReportInput } from './report-content.js';

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
  units: 0,
  unitsB2B: 0,
  items: 0,
  itemsB2B: 0,
  cents: 0,
  centsB2B: 0,
  shippedUnits: 0,
  shippedCents: 0,
  shippedOrders: new Set(),
});

function count(t: Tally, o: StoredOrder, item: StoredOrder['items'][number]): void {
  const cents = toCents(item.itemPrice.amount); // line total, as the Orders API ItemPrice
  const b2b = o.buyerType === 'B2B';
  t.units += item.quantity;
  t.items += 1;
  t.cents += cents;
  if (b2b) {
    t.unitsB2B += item.quantity;
    t.itemsB2B += 1;
    t.centsB2B += cents;
  }
  if (o.orderStatus === 'Shipped') {
    t.shippedUnits += item.quantity;
    t.shippedCents += cents;
    t.shippedOrders.add(o.amazonOrderId);
  }
}

/** Deterministic traffic numbers: a stable pseudo-random spread around the units sold. */
function traffic(key: string, units: number): { sessions: number; pageViews: number; buyBox: number } {
  const h = createHash('sha1').update(key).digest();
  const sessions = units * 6 + 15 + (h[0]! % 40);
  return { sessions, pageViews: Math.round(sessions * (1.3 + (h[1]! % 50) / 100)), buyBox: 85 + (h[2]! % 15) };
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 10000) / 100);

export function salesAndTrafficReport(input: ReportInput): unknown {
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

export function sellerPerformanceReport(input: ReportInput): unknown {
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

// GET_V2_SELLER_PERFORMANCE_REPORT (account health) → per marketplace: account status, health rating, and every
// metric with status, target and value, flagged when at risk. Unknown metric names are kept, not dropped.
import { cleanName, tableFromRecords, type Cell, type Table } from './report-tables.js';

export interface PerformanceMetric {
  metric: string;
  status: string;
  atRisk: boolean;
  value: number | null;
  targetCondition: string | null;
  targetValue: number | null;
  /** Orders or shipments the rate is computed over, when Amazon gives it. */
  basis: number | null;
  from: string | null;
  to: string | null;
}

export interface MarketplacePerformance {
  marketplaceId: string;
  accountStatus?: string;
  accountHealthRating?: { status: string | null; score: number | null };
  metrics: PerformanceMetric[];
}

// Statuses that need nothing from the seller; anything else (POOR, FAIR, AT_RISK, BAD, CRITICAL, …) is at risk.
const FINE = new Set(['GOOD', 'NONE', 'GREAT', 'HEALTHY', '']);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | null =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : null;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function metricOf(name: string, m: Record<string, unknown>): PerformanceMetric {
  const status = String(m.status ?? '').toUpperCase();
  const range = isObject(m.reportingDateRange) ? m.reportingDateRange : {};
  return {
    metric: name,
    status: status || 'UNKNOWN',
    atRisk: !FINE.has(status),
    value: num(m.rate) ?? num(m.defectsCount) ?? num(m.count) ?? null,
    targetCondition: str(m.targetCondition),
    targetValue: num(m.targetValue),
    basis: num(m.orderCount) ?? num(m.shipmentCount) ?? null,
    from: str(range.reportingDateFrom),
    to: str(range.reportingDateTo),
  };
}

/** Metrics are objects with a status; containers (orderDefectRate: {afn, mfn}) are opened one level. */
function metricsOf(perf: Record<string, unknown>): PerformanceMetric[] {
  const out: PerformanceMetric[] = [];
  for (const [key, value] of Object.entries(perf)) {
    if (key === 'marketplaceId' || key === 'accountHealthRating' || !isObject(value)) continue;
    const name = cleanName(key);
    if ('status' in value || 'targetValue' in value) {
      out.push(metricOf(name, value));
      continue;
    }
    for (const [sub, inner] of Object.entries(value)) {
      if (isObject(inner) && ('status' in inner || 'targetValue' in inner)) out.push(metricOf(`${name}.${cleanName(sub)}`, inner));
    }
  }
  // At-risk first, keeping Amazon's order otherwise.
  return [...out.filter((m) => m.atRisk), ...out.filter((m) => !m.atRisk)];
}

export function sellerPerformance(json: Record<string, unknown>): MarketplacePerformance[] {
  const statuses = new Map<string, string>();
  for (const s of Array.isArray(json.accountStatuses) ? json.accountStatuses : []) {
    if (isObject(s) && typeof s.marketplaceId === 'string') statuses.set(s.marketplaceId, String(s.status ?? ''));
  }
  return (json.performanceMetrics as unknown[]).filter(isObject).map((perf) => {
    const marketplaceId = String(perf.marketplaceId ?? '');
    const ahr = isObject(perf.accountHealthRating) ? perf.accountHealthRating : undefined;
    const status = statuses.get(marketplaceId);
    return {
      marketplaceId,
      ...(status !== undefined ? { accountStatus: status } : {}),
      ...(ahr ? { accountHealthRating: { status: str(ahr.ahrStatus), score: num(ahr.ahrScore) } } : {}),
      metrics: metricsOf(perf),
    };
  });
}

export function sellerPerformanceTables(perf: MarketplacePerformance[]): Record<string, Table> {
  const metrics = perf.flatMap((p) => p.metrics.map((m) => ({ marketplaceId: p.marketplaceId, ...m }) as Record<string, Cell>));
  const accounts = perf.map((p) => ({
    marketplaceId: p.marketplaceId,
    accountStatus: p.accountStatus ?? null,
    ahrStatus: p.accountHealthRating?.status ?? null,
    ahrScore: p.accountHealthRating?.score ?? null,
  }));
  return { metrics: tableFromRecords(metrics), accounts: tableFromRecords(accounts) };
}

// Stock, price and handling time only: rows of SKU → quantity / price / handling time become PATCH messages that
// merge into fulfillment_availability and purchasable_offer (other fields of those attributes stay), sent through
// the Listings API when small and as one JSON_LISTINGS_FEED otherwise (the export's rate math), and followed to a
// result per SKU.
import type { ToolContext } from '../core/tool.js';
import { ToolError } from '../core/tool-error.js';
import { OPERATIONS } from '../sp-api/operations.js';
import { submitFeedDocument } from '../sp-api/feeds.js';
import { sleep } from '../lib/sleep.js';
import { trimIssues } from '../core/issues.js';
import type { SourceTable } from './export/table.js';
import { choosePath, FEED_THRESHOLD, type SubmitPath } from './export/submit.js';
import type { Patch } from './listing-diff.js';
import { loadFeedResult } from './feeds.js';

export { FEED_THRESHOLD };

export interface StockValues {
  quantity?: number;
  price?: number;
  handlingTime?: number;
}

export interface InventoryRow extends StockValues {
  row: number;
  sku: string;
}

export interface RejectedRow {
  row: number;
  sku?: string;
  problem: string;
}

export interface ColumnNames {
  sku?: string | undefined;
  quantity?: string | undefined;
  price?: string | undefined;
  handlingTime?: string | undefined;
}

/** Header names sellers' sheets use (Seller Central's inventory loader, X-Cart and shop exports), compared loosely. */
const ALIASES: Record<keyof ColumnNames, string[]> = {
  sku: ['sku', 'seller sku', 'seller-sku', 'sellersku', 'item sku', 'merchant sku'],
  quantity: ['quantity', 'qty', 'stock', 'available', 'inventory', 'quantity available'],
  price: ['price', 'our price', 'standard price', 'your price', 'list price'],
  handlingTime: ['handling time', 'handling-time', 'fulfillment latency', 'fulfillment-latency', 'lead time to ship max days', 'lead time'],
};
const loose = (s: string) =>
  s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

/** Which column holds what: the names given, else the first header matching a known alias. */
export function resolveColumns(columns: string[], given: ColumnNames): Required<Pick<ColumnNames, 'sku'>> & ColumnNames {
  const out: ColumnNames = {};
  for (const key of Object.keys(ALIASES) as Array<keyof ColumnNames>) {
    const name = given[key];
    if (name !== undefined) {
      if (!columns.includes(name)) {
        throw new ToolError(
          'INVALID_REQUEST',
          `Column "${name}" (for ${key}) is not in the source. Its columns: ${columns.join(', ').slice(0, 500)}.`,
        );
      }
      out[key] = name;
      continue;
    }
    const hit = columns.find((c) => ALIASES[key].includes(loose(c)));
    if (hit) out[key] = hit;
  }
  if (!out.sku) throw new ToolError('INVALID_REQUEST', `No SKU column found (looked for ${ALIASES.sku.join(', ')}). Name it with columns.sku.`);
  if (!out.quantity && !out.price && !out.handlingTime) {
    throw new ToolError(
      'INVALID_REQUEST',
      'No quantity, price or handling time column found. Name at least one with columns.quantity, columns.price or columns.handlingTime.',
    );
  }
  return out as Required<Pick<ColumnNames, 'sku'>> & ColumnNames;
}

function number(text: string): number | undefined {
  // Accept "1,234.50" and "24,99" (decimal comma) but not "1.234,5,6".
  const t = text.trim().replace(/^[$€£¥]\s*|\s*[$€£¥]$/g, '');
  const normal = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : /^\d+,\d{1,2}$/.test(t) ? t.replace(',', '.') : t;
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return undefined;
  return Number(normal);
}

/** Rows → checked values; every problem names the row the seller sees. Blank cells mean "leave as is". */
export function readRows(table: SourceTable, cols: ReturnType<typeof resolveColumns>): { rows: InventoryRow[]; rejected: RejectedRow[] } {
  const rows: InventoryRow[] = [];
  const rejected: RejectedRow[] = table.unreadable.map((u) => ({ row: u.row, problem: u.problem }));
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const sku = r.values[cols.sku]?.trim();
    if (!sku) {
      rejected.push({ row: r.row, problem: 'no SKU' });
      continue;
    }
    if (sku.length > 40) {
      rejected.push({ row: r.row, sku, problem: 'SKU longer than 40 characters' });
      continue;
    }
    const problems: string[] = [];
    const v: StockValues = {};
    const cell = (name: string | undefined) => (name ? r.values[name] : undefined);
    const q = cell(cols.quantity);
    if (q !== undefined) {
      const n = number(q);
      if (n === undefined || !Number.isInteger(n) || n < 0) problems.push(`quantity "${q}" is not a whole number ≥ 0`);
      else v.quantity = n;
    }
    const p = cell(cols.price);
    if (p !== undefined) {
      const n = number(p);
      if (n === undefined || n <= 0) problems.push(`price "${p}" is not a positive number`);
      else v.price = Math.round(n * 100) / 100;
    }
    const d = cell(cols.handlingTime);
    if (d !== undefined) {
      const n = number(d);
      if (n === undefined || !Number.isInteger(n) || n < 0 || n > 30) problems.push(`handling time "${d}" is not whole days 0–30`);
      else v.handlingTime = n;
    }
    if (problems.length === 0 && Object.keys(v).length === 0) problems.push('no quantity, price or handling time');
    const first = seen.get(sku);
    if (first !== undefined) problems.push(`SKU also on row ${first}`);
    else seen.set(sku, r.row);
    if (problems.length) rejected.push({ row: r.row, sku, problem: problems.join('; ') });
    else rows.push({ row: r.row, sku, ...v });
  }
  return { rows, rejected };
}

export interface LiveStock extends StockValues {
  productType: string;
  currency?: string;
}

type Entry = Record<string, unknown>;
const entries = (v: unknown): Entry[] => (Array.isArray(v) ? (v as Entry[]) : []);

/** Current quantity, price and handling time as the listing's attributes hold them. */
export function stockOf(attrs: Record<string, unknown>, marketplaceId: string, channel: string): StockValues & { currency?: string } {
  const out: StockValues & { currency?: string } = {};
  const fa = entries(attrs.fulfillment_availability).find((e) => e.fulfillment_channel_code === channel);
  if (typeof fa?.quantity === 'number') out.quantity = fa.quantity;
  if (typeof fa?.lead_time_to_ship_max_days === 'number') out.handlingTime = fa.lead_time_to_ship_max_days;
  const offer = entries(attrs.purchasable_offer).find((e) => (e.marketplace_id ?? marketplaceId) === marketplaceId && e.audience !== 'B2B');
  if (typeof offer?.currency === 'string') out.currency = offer.currency;
  const schedule = entries((entries(offer?.our_price)[0] as Entry | undefined)?.schedule)[0];
  if (typeof schedule?.value_with_tax === 'number') out.price = schedule.value_with_tax;
  return out;
}

/** The live listings of these SKUs, 20 per searchListingsItems call (5 req/s): 1,000 SKUs in 50 calls. */
export async function lookupListings(ctx: ToolContext, skus: string[], marketplaceId: string, channel: string): Promise<Map<string, LiveStock>> {
  const out = new Map<string, LiveStock>();
  for (let i = 0; i < skus.length; i += 20) {
    const chunk = skus.slice(i, i + 20);
    const res = await ctx.client.searchListingsItems(
      {
        sellerId: ctx.sellerId,
        marketplaceIds: [marketplaceId],
        identifiers: chunk,
        identifiersType: 'SKU',
        includedData: ['summaries', 'attributes'],
        pageSize: 20,
      },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    for (const item of res.items as Entry[]) {
      const sku = String(item.sku);
      const summary = entries(item.summaries).find((s) => s.marketplaceId === marketplaceId) ?? entries(item.summaries)[0];
      if (typeof summary?.productType !== 'string') continue;
      out.set(sku, { productType: summary.productType, ...stockOf((item.attributes ?? {}) as Record<string, unknown>, marketplaceId, channel) });
    }
    if (skus.length > 100)
      await ctx.progress({ progress: Math.min(i + 20, skus.length), total: skus.length, message: 'reading current stock and prices' });
  }
  return out;
}

export interface StockChange {
  sku: string;
  row: number;
  productType: string;
  before: StockValues;
  after: StockValues;
  patches: Patch[];
}

/** What changes per SKU; SKUs whose values already match are left out, unknown SKUs are refused. */
export function planChanges(
  rows: InventoryRow[],
  live: Map<string, LiveStock>,
  opts: { marketplaceId: string; currency: string; channel: string },
): { changes: StockChange[]; unchanged: string[]; notFound: RejectedRow[] } {
  const changes: StockChange[] = [];
  const unchanged: string[] = [];
  const notFound: RejectedRow[] = [];
  for (const r of rows) {
    const cur = live.get(r.sku);
    if (!cur) {
      notFound.push({ row: r.row, sku: r.sku, problem: `no listing in ${opts.marketplaceId}` });
      continue;
    }
    const before: StockValues = {};
    const after: StockValues = {};
    const fa: Entry = { fulfillment_channel_code: opts.channel };
    if (r.quantity !== undefined && r.quantity !== cur.quantity) fa.quantity = r.quantity;
    if (r.handlingTime !== undefined && r.handlingTime !== cur.handlingTime) fa.lead_time_to_ship_max_days = r.handlingTime;
    const priceChanges = r.price !== undefined && r.price !== cur.price;
    for (const k of ['quantity', 'handlingTime', 'price'] as const) {
      const changed = k === 'price' ? priceChanges : fa[k === 'quantity' ? 'quantity' : 'lead_time_to_ship_max_days'] !== undefined;
      if (!changed) continue;
      if (cur[k] !== undefined) before[k] = cur[k];
      after[k] = r[k]!;
    }
    const patches: Patch[] = [];
    // merge keeps the entry's other fields (restock date, minimum price, sale price) as they are.
    if (Object.keys(fa).length > 1) patches.push({ op: 'merge', path: '/attributes/fulfillment_availability', value: [fa] });
    if (priceChanges) {
      patches.push({
        op: 'merge',
        path: '/attributes/purchasable_offer',
        value: [
          { marketplace_id: opts.marketplaceId, currency: cur.currency ?? opts.currency, our_price: [{ schedule: [{ value_with_tax: r.price }] }] },
        ],
      });
    }
    if (patches.length === 0) unchanged.push(r.sku);
    else changes.push({ sku: r.sku, row: r.row, productType: cur.productType, before, after, patches });
  }
  return { changes, unchanged, notFound };
}

/** Seconds the usage plans allow at best for N patches: patchListingsItem 5 req/s, burst 5; a feed submits in seconds. */
export function minimumPatchSeconds(n: number, path: SubmitPath): number {
  if (path === 'feed') return 0;
  const p = OPERATIONS.patchListingsItem.plan;
  return Math.max(0, n - p.burst) / p.rate;
}

export { choosePath };

export interface SkuResult {
  sku: string;
  status: 'ACCEPTED' | 'INVALID' | 'ERROR' | 'PENDING';
  issues?: Array<{ code: string; severity: string; message: string }>;
}

const WORKERS = 5;

export async function submitByApi(ctx: ToolContext, changes: StockChange[], marketplaceId: string): Promise<SkuResult[]> {
  const results: SkuResult[] = [];
  const queue = [...changes];
  let done = 0;
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      if (ctx.signal.aborted) return;
      try {
        const res = await ctx.client.patchListingsItem(
          {
            sellerId: ctx.sellerId,
            sku: c.sku,
            marketplaceIds: [marketplaceId],
            includedData: ['issues'],
            body: { productType: c.productType, patches: c.patches },
          },
          { signal: ctx.signal, onWait: ctx.onWait },
        );
        const issues = trimIssues(res.issues).map(({ code, severity, message }) => ({ code, severity, message }));
        results.push({ sku: c.sku, status: res.status === 'ACCEPTED' ? 'ACCEPTED' : 'INVALID', ...(issues.length ? { issues } : {}) });
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        results.push({ sku: c.sku, status: 'ERROR', issues: [{ code: 'ERROR', severity: 'ERROR', message: (err as Error).message.slice(0, 300) }] });
      }
      done++;
      if (changes.length > 20 && done % 20 === 0) await ctx.progress({ progress: done, total: changes.length, message: 'patching listings' });
    }
  };
  await Promise.all(Array.from({ length: Math.min(WORKERS, changes.length) }, worker));
  return results;
}

export function feedContent(ctx: ToolContext, changes: StockChange[]): string {
  return JSON.stringify({
    header: { sellerId: ctx.sellerId, version: '2.0', issueLocale: 'en_US', report: { includedData: ['issues'], apiVersion: '2021-08-01' } },
    messages: changes.map((c, i) => ({ messageId: i + 1, sku: c.sku, operationType: 'PATCH', productType: c.productType, patches: c.patches })),
  });
}

export async function submitByFeed(ctx: ToolContext, changes: StockChange[], marketplaceId: string): Promise<string> {
  const { feedId } = await submitFeedDocument(
    ctx.client,
    {
      feedType: 'JSON_LISTINGS_FEED',
      marketplaceIds: [marketplaceId],
      content: feedContent(ctx, changes),
      contentType: 'application/json; charset=UTF-8',
    },
    { signal: ctx.signal, onWait: ctx.onWait },
  );
  return feedId;
}

/** Polls the feed until it ends or waitMs passes; DONE → a result per SKU from the processing report. */
export async function followFeed(
  ctx: ToolContext,
  feedId: string,
  skus: string[],
  waitMs: number,
  pollMs = 1000,
): Promise<{ status: string; results?: SkuResult[]; reportUri?: string }> {
  const until = Date.now() + waitMs;
  let feed = await ctx.client.getFeed({ feedId }, { signal: ctx.signal, onWait: ctx.onWait });
  for (
    let delay = pollMs;
    !['DONE', 'FATAL', 'CANCELLED'].includes(feed.processingStatus) && Date.now() + delay <= until;
    delay = Math.min(delay * 1.5, 15_000)
  ) {
    await ctx.progress({ progress: 0, message: `feed ${feedId} is ${feed.processingStatus}` });
    await sleep(delay, ctx.signal);
    feed = await ctx.client.getFeed({ feedId }, { signal: ctx.signal, onWait: ctx.onWait });
  }
  if (feed.processingStatus !== 'DONE' || !feed.resultFeedDocumentId) return { status: feed.processingStatus };
  const report = await loadFeedResult(ctx, feed);
  const bySku = new Map((report.issues?.bySku ?? []).map((g) => [g.sku, g]));
  const results = skus.map((sku): SkuResult => {
    const g = bySku.get(sku);
    const issues = (g?.issues ?? []).map((i) => ({ code: i.code ?? '', severity: i.severity, message: i.message }));
    return { sku, status: g && g.errors > 0 ? 'INVALID' : 'ACCEPTED', ...(issues.length ? { issues } : {}) };
  });
  return { status: 'DONE', results, reportUri: report.resource.uri };
}

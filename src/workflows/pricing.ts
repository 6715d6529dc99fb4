// Pricing insight: our price beside Amazon's featured offer expected price (FOEP, per SKU) and the competitive
// summary (per ASIN). Both batch operations allow 0.033 req/s, burst 1 (one call every ~30 s), so entries are packed
// into full batches (40 SKUs, 20 ASINs) and the two operations run side by side on their own buckets.
import type { ToolContext } from '../core/tool.js';
import { OPERATIONS } from '../sp-api/operations.js';
import { FOEP_BATCH, SUMMARY_BATCH, type CompetitiveSummaryResult, type FoepBatchResult } from '../sp-api/areas/pricing.js';
import { stockOf } from './inventory-update.js';

export interface PriceRow {
  sku?: string;
  asin?: string;
  currency?: string;
  ourPrice?: number;
  featuredOfferExpectedPrice?: number;
  foepStatus?: string;
  /** ourPrice − FOEP: above 0 means our price is above the price at which we may be featured. */
  gap?: number;
  gapPercent?: number;
  featuredOfferPrice?: number;
  weAreFeatured?: boolean;
  lowestPrice?: number;
  offers?: number;
  competitivePriceThreshold?: number;
  problem?: string;
}

type Entry = Record<string, unknown>;
const round = (n: number) => Math.round(n * 100) / 100;

/** Seconds the usage plans need at best for this many SKUs and ASINs (the two operations overlap). */
export function minimumPricingSeconds(skus: number, asins: number): number {
  const wait = (calls: number, op: 'getFeaturedOfferExpectedPriceBatch' | 'getCompetitiveSummary') => {
    const p = OPERATIONS[op].plan;
    return Math.max(0, calls - p.burst) / p.rate;
  };
  return Math.max(
    wait(Math.ceil(skus / FOEP_BATCH), 'getFeaturedOfferExpectedPriceBatch'),
    wait(Math.ceil(asins / SUMMARY_BATCH), 'getCompetitiveSummary'),
  );
}

/** Our listings for these SKUs or ASINs: ASIN and price, 20 identifiers per searchListingsItems call. */
async function ourListings(
  ctx: ToolContext,
  ids: string[],
  type: 'SKU' | 'ASIN',
  marketplaceId: string,
): Promise<Array<{ sku: string; asin?: string; price?: number; currency?: string }>> {
  const out: Array<{ sku: string; asin?: string; price?: number; currency?: string }> = [];
  for (let i = 0; i < ids.length; i += 20) {
    const res = await ctx.client.searchListingsItems(
      {
        sellerId: ctx.sellerId,
        marketplaceIds: [marketplaceId],
        identifiers: ids.slice(i, i + 20),
        identifiersType: type,
        includedData: ['summaries', 'attributes'],
        pageSize: 20,
      },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    for (const item of res.items as Entry[]) {
      const summaries = (item.summaries ?? []) as Entry[];
      const s = summaries.find((x) => x.marketplaceId === marketplaceId) ?? summaries[0];
      const stock = stockOf((item.attributes ?? {}) as Record<string, unknown>, marketplaceId, 'DEFAULT');
      out.push({
        sku: String(item.sku),
        ...(typeof s?.asin === 'string' ? { asin: s.asin } : {}),
        ...(stock.price !== undefined ? { price: stock.price } : {}),
        ...(stock.currency ? { currency: stock.currency } : {}),
      });
    }
  }
  return out;
}

export async function pricingInsight(
  ctx: ToolContext,
  input: { skus: string[]; asins: string[]; marketplaceId: string; competitiveSummary: boolean },
): Promise<{ rows: PriceRow[]; calls: { foep: number; summary: number } }> {
  const { marketplaceId } = input;
  const bySku = new Map<string, PriceRow>();
  for (const l of await ourListings(ctx, input.skus, 'SKU', marketplaceId)) {
    bySku.set(l.sku, {
      sku: l.sku,
      ...(l.asin ? { asin: l.asin } : {}),
      ...(l.price !== undefined ? { ourPrice: l.price } : {}),
      ...(l.currency ? { currency: l.currency } : {}),
    });
  }
  const rows: PriceRow[] = input.skus.map((sku) => bySku.get(sku) ?? { sku, problem: `no listing in ${marketplaceId}` });
  if (input.asins.length) {
    const mine = await ourListings(ctx, input.asins, 'ASIN', marketplaceId);
    for (const asin of input.asins) {
      const ours = mine.filter((l) => l.asin === asin && !bySku.has(l.sku));
      if (ours.length === 0 && !rows.some((r) => r.asin === asin)) rows.push({ asin });
      for (const l of ours) {
        const row: PriceRow = {
          sku: l.sku,
          asin,
          ...(l.price !== undefined ? { ourPrice: l.price } : {}),
          ...(l.currency ? { currency: l.currency } : {}),
        };
        bySku.set(l.sku, row);
        rows.push(row);
      }
    }
  }
  const foepSkus = rows.filter((r) => r.sku && !r.problem).map((r) => r.sku!);
  const asins = [...new Set(rows.map((r) => r.asin).filter((a): a is string => !!a))];
  const calls = { foep: Math.ceil(foepSkus.length / FOEP_BATCH), summary: input.competitiveSummary ? Math.ceil(asins.length / SUMMARY_BATCH) : 0 };
  let done = 0;
  const tick = async () => {
    done++;
    await ctx.progress({
      progress: done,
      total: calls.foep + calls.summary,
      message: `pricing batch ${done} of ${calls.foep + calls.summary} (one call per ~30 s allowed)`,
    });
  };

  const foep = async () => {
    for (let i = 0; i < foepSkus.length; i += FOEP_BATCH) {
      const res: FoepBatchResult = await ctx.client.getFeaturedOfferExpectedPriceBatch(
        { requests: foepSkus.slice(i, i + FOEP_BATCH).map((sku) => ({ sku, marketplaceId })) },
        { signal: ctx.signal, onWait: ctx.onWait },
      );
      for (const r of res.responses) {
        const row = bySku.get(r.request.sku);
        if (!row) continue;
        if ((r.status.statusCode ?? 200) >= 300) {
          row.foepStatus = 'ERROR';
          row.problem =
            r.body?.errors
              ?.map((e) => e.message)
              .join('; ')
              .slice(0, 300) ?? `status ${r.status.statusCode}`;
          continue;
        }
        const result = r.body?.featuredOfferExpectedPriceResults?.[0];
        if (!result) continue;
        row.foepStatus = result.resultStatus;
        const price = result.featuredOfferExpectedPrice?.listingPrice;
        if (typeof price?.amount === 'number') {
          row.featuredOfferExpectedPrice = price.amount;
          row.currency ??= price.currencyCode;
        }
        const current = result.currentFeaturedOffer;
        if (current) {
          row.weAreFeatured = current.offerIdentifier.sellerId === ctx.sellerId;
          if (typeof current.price?.listingPrice.amount === 'number') row.featuredOfferPrice = current.price.listingPrice.amount;
        }
      }
      await tick();
    }
  };

  const summary = async () => {
    if (!input.competitiveSummary) return;
    for (let i = 0; i < asins.length; i += SUMMARY_BATCH) {
      const res: CompetitiveSummaryResult = await ctx.client.getCompetitiveSummary(
        {
          requests: asins
            .slice(i, i + SUMMARY_BATCH)
            .map((asin) => ({ asin, marketplaceId, includedData: ['featuredBuyingOptions', 'lowestPricedOffers', 'referencePrices'] as const }))
            .map((r) => ({ ...r, includedData: [...r.includedData] })),
        },
        { signal: ctx.signal, onWait: ctx.onWait },
      );
      for (const r of res.responses) {
        const asin = r.body.asin;
        const targets = rows.filter((x) => x.asin === asin);
        for (const row of targets) {
          if ((r.status.statusCode ?? 200) >= 300) {
            row.problem ??=
              r.body.errors
                ?.map((e) => e.message)
                .join('; ')
                .slice(0, 300) ?? `status ${r.status.statusCode}`;
            continue;
          }
          const offers = r.body.lowestPricedOffers?.[0]?.offers ?? [];
          row.offers = offers.length;
          const lowest = offers[0]?.listingPrice.amount;
          if (typeof lowest === 'number') row.lowestPrice = lowest;
          const featured = r.body.featuredBuyingOptions?.[0]?.segmentedFeaturedOffers?.[0];
          if (featured && row.featuredOfferPrice === undefined && typeof featured.listingPrice.amount === 'number') {
            row.featuredOfferPrice = featured.listingPrice.amount;
            row.weAreFeatured ??= featured.sellerId === ctx.sellerId;
          }
          const threshold = r.body.referencePrices?.find((p) => p.name === 'CompetitivePriceThreshold')?.price.amount;
          if (typeof threshold === 'number') row.competitivePriceThreshold = threshold;
          row.currency ??= offers[0]?.listingPrice.currencyCode;
        }
      }
      await tick();
    }
  };

  // Both run to the end or the first failure is raised once the other has stopped.
  const settled = await Promise.allSettled([foep(), summary()]);
  const failed = settled.find((x): x is PromiseRejectedResult => x.status === 'rejected');
  if (failed) throw failed.reason;
  for (const row of rows) {
    if (row.ourPrice !== undefined && row.featuredOfferExpectedPrice !== undefined) {
      row.gap = round(row.ourPrice - row.featuredOfferExpectedPrice);
      row.gapPercent = round((row.gap / row.featuredOfferExpectedPrice) * 100);
    }
  }
  return { rows, calls };
}

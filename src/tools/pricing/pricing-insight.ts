import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { ResourceStore } from '../../core/resources.js';
import { marketplaceArg } from '../common.js';
import { minimumPricingSeconds, pricingInsight, type PriceRow } from '../../workflows/pricing.js';
import { toCsv } from '../../workflows/export/csv-write.js';

const MAX_IDS = 1000;
const COLUMNS: Array<keyof PriceRow> = [
  'sku',
  'asin',
  'currency',
  'ourPrice',
  'featuredOfferExpectedPrice',
  'gap',
  'gapPercent',
  'foepStatus',
  'featuredOfferPrice',
  'weAreFeatured',
  'lowestPrice',
  'offers',
  'competitivePriceThreshold',
  'problem',
];

const row = z.object({
  sku: z.string().optional(),
  asin: z.string().optional(),
  currency: z.string().optional(),
  ourPrice: z.number().optional(),
  featuredOfferExpectedPrice: z.number().optional(),
  foepStatus: z.string().optional(),
  gap: z.number().optional(),
  gapPercent: z.number().optional(),
  featuredOfferPrice: z.number().optional(),
  weAreFeatured: z.boolean().optional(),
  lowestPrice: z.number().optional(),
  offers: z.number().optional(),
  competitivePriceThreshold: z.number().optional(),
  problem: z.string().optional(),
});

export const pricingInsightTool = defineTool({
  name: 'pricing_insight',
  title: 'What should I charge? Featured offer price and competition',
  summary:
    'our price beside the featured offer expected price and the competitive summary (Product Pricing 2022-05-01 batches), with the gap; read only',
  description:
    "For SKUs (and/or ASINs) in one marketplace: our current price, Amazon's featured offer expected price (FOEP: the " +
    'price at or below which our offer may become the featured offer, before promotions), the gap (ourPrice − FOEP; ' +
    'above 0 means we are priced above it) and the competitive summary: current featured offer price and whether it is ' +
    'ours, lowest New offer price, offer count and the competitive price threshold. FOEP statuses other than VALID_FOEP ' +
    '(NO_COMPETING_OFFER, OFFER_NOT_ELIGIBLE, ...) come without a price. Amazon allows one batch call per ~30 s per ' +
    'operation (40 SKUs or 20 ASINs a call), so 40 SKUs answer in seconds, 200 in about 2–5 minutes (progress is ' +
    'reported; minimumSeconds says what the usage plan needs). Rows are sorted by gap (largest first) and paged ' +
    '(offset/limit); all rows are also saved as a CSV resource. Read only: change a price with listings_patch or ' +
    'inventory_update after the user decides.',
  toolset: 'pricing',
  capability: 'pricing.read',
  sellerOnly: true,
  input: z
    .object({
      skus: z.array(z.string().min(1).max(40)).max(MAX_IDS).default([]).describe('Our SKUs.'),
      asins: z
        .array(z.string().regex(/^[A-Z0-9]{10}$/))
        .max(MAX_IDS)
        .default([])
        .describe('ASINs; our listings of them are found, and ASINs we do not sell still get the competitive summary.'),
      competitiveSummary: z.boolean().default(true).describe('false: FOEP only (half the calls).'),
      marketplace: marketplaceArg,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    })
    .strict(),
  output: z.object({
    marketplaceId: z.string(),
    counts: z.object({ rows: z.number(), aboveFoep: z.number(), atOrBelowFoep: z.number(), noFoep: z.number(), problems: z.number() }),
    calls: z.object({ foep: z.number(), summary: z.number() }),
    minimumSeconds: z.number(),
    seconds: z.number(),
    rows: z.array(row),
    nextOffset: z.number().optional(),
    resourceUri: z.string(),
    next: z.string(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const skus = [...new Set(args.skus)];
    const asins = [...new Set(args.asins)];
    if (skus.length === 0 && asins.length === 0) throw new ToolError('INVALID_REQUEST', 'Give skus and/or asins.');
    const started = Date.now();
    const { rows, calls } = await pricingInsight(ctx, { skus, asins, marketplaceId, competitiveSummary: args.competitiveSummary });
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    rows.sort((a, b) => (b.gap ?? -Infinity) - (a.gap ?? -Infinity));
    const csv = toCsv(
      COLUMNS,
      rows.map((r) => COLUMNS.map((c) => r[c])),
    );
    const resource = ctx.resources.put('pricing', ResourceStore.fileKey([ctx.sellerId, marketplaceId, new Date(started).toISOString()]), {
      ext: 'csv',
      mimeType: 'text/csv',
      title: `Pricing insight for ${rows.length} row(s) in ${marketplaceId}`,
      content: csv,
    });
    const page = rows.slice(args.offset, args.offset + args.limit);
    const end = args.offset + page.length;
    const counts = {
      rows: rows.length,
      aboveFoep: rows.filter((r) => (r.gap ?? 0) > 0).length,
      atOrBelowFoep: rows.filter((r) => r.gap !== undefined && r.gap <= 0).length,
      noFoep: rows.filter((r) => r.featuredOfferExpectedPrice === undefined && !r.problem).length,
      problems: rows.filter((r) => r.problem).length,
    };
    return {
      marketplaceId,
      counts,
      calls,
      minimumSeconds: Math.round(minimumPricingSeconds(calls.foep * 40, calls.summary * 20)),
      seconds,
      rows: page,
      ...(end < rows.length ? { nextOffset: end } : {}),
      resourceUri: resource.uri,
      next:
        end < rows.length
          ? `More rows: read ${resource.uri} (all rows, CSV) rather than calling again, which would repeat the slow pricing calls.`
          : counts.aboveFoep
            ? `${counts.aboveFoep} SKU(s) are priced above their featured offer expected price. If the user wants to change prices, use inventory_update (many) or listings_patch (one), both with confirmation.`
            : 'No SKU is priced above its featured offer expected price.',
    };
  },
});

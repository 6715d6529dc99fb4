import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { marketplaceArg } from '../common.js';
import { runWrite } from '../../workflows/write-flow.js';
import { confirmationTokenArg, writeOutputSchema, type WriteOutcome } from '../../core/writes.js';
import { resolveMarketplace } from '../../lib/marketplaces.js';
import {
  choosePath,
  FEED_THRESHOLD,
  followFeed,
  lookupListings,
  minimumPatchSeconds,
  planChanges,
  readRows,
  resolveColumns,
  submitByApi,
  submitByFeed,
  type SkuResult,
  type StockValues,
} from '../../workflows/inventory-update.js';

const MAX_LISTED = 20;
const MAX_RESULTS = 100;

const show = (before: StockValues, after: StockValues, k: keyof StockValues) =>
  after[k] === undefined ? undefined : `${before[k] ?? '(none)'} → ${after[k]}`;

export const inventoryUpdate = defineTool({
  name: 'inventory_update',
  title: 'Update stock, price and handling time only',
  summary:
    'stock/price/handling time for many SKUs from a sheet or inline rows; Listings API when small, one JSON_LISTINGS_FEED of PATCH messages otherwise; counts + paged before/after, confirmed, per-SKU results',
  description:
    'Change only quantity, price and/or handling time for existing listings, e.g. "update stock for these 300 SKUs". Input: ' +
    'a .csv/.xlsx/.json file inside the allowed folders (`path`, optional `sheet`) or inline `rows` of ' +
    '{sku, quantity?, price?, handlingTime?}. Columns are found by common names (sku/seller-sku, quantity/qty/stock, ' +
    'price, handling-time/fulfillment-latency) or named in `columns`. A blank cell leaves that value as it is. Each SKU ' +
    'becomes a PATCH that merges into fulfillment_availability (channel DEFAULT = merchant-fulfilled) and purchasable_offer, ' +
    'so other fields stay. SKUs whose values already match are skipped; rows with bad values or unknown SKUs are listed ' +
    `and left out. Up to ${FEED_THRESHOLD} changes go through the Listings API (5 patches/s), more as one JSON_LISTINGS_FEED ` +
    '(`via` overrides). Two steps with human approval: the first call writes nothing and returns counts and a page of ' +
    'before → after per SKU (diffOffset/diffLimit for more pages); then the user approves in a form, or you call again ' +
    'with the same arguments plus confirmationToken. The reply gives a result per SKU; a feed is followed for up to ' +
    'waitSeconds to its processing report, else feeds_status with the feedId gives it later. Prices in the ' +
    "marketplace's currency, tax included as the listing's our_price. FBA stock is Amazon's: read it with fba_inventory.",
  toolset: 'listings',
  capability: 'listings.write',
  input: z
    .object({
      path: z.string().min(1).max(1024).optional().describe('A .csv, .xlsx or .json file inside the allowed folders.'),
      sheet: z.string().max(100).optional().describe('Worksheet name (xlsx only); the first sheet by default.'),
      rows: z
        .array(z.record(z.string(), z.union([z.string(), z.number(), z.null()])))
        .min(1)
        .max(25_000)
        .optional()
        .describe('Inline rows instead of a file, e.g. [{"sku":"A-1","quantity":12,"price":19.99,"handlingTime":2}].'),
      columns: z
        .object({
          sku: z.string().optional(),
          quantity: z.string().optional(),
          price: z.string().optional(),
          handlingTime: z.string().optional(),
        })
        .strict()
        .optional()
        .describe('Source column names, when the automatic match is wrong or missing.'),
      fulfillmentChannel: z
        .string()
        .regex(/^[A-Z0-9_]+$/)
        .default('DEFAULT')
        .describe('fulfillment_channel_code whose quantity changes: DEFAULT is merchant-fulfilled stock.'),
      via: z.enum(['auto', 'api', 'feed']).default('auto').describe(`auto: Listings API up to ${FEED_THRESHOLD} changes, a feed beyond.`),
      diffOffset: z.number().int().min(0).default(0).describe('Preview only: first change shown in the before/after table.'),
      diffLimit: z.number().int().min(1).max(200).default(50).describe('Preview only: rows of the before/after table.'),
      waitSeconds: z.number().int().min(0).max(600).default(120).describe('How long to follow a feed to its processing report.'),
      marketplace: marketplaceArg,
      confirmationToken: confirmationTokenArg,
    })
    .strict(),
  output: writeOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    // Loaded on first use: the file readers (exceljs, csv-parse) stay out of start-up.
    const { readSource } = await import('../../workflows/export/read-source.js');
    const source = await readSource({
      path: args.path,
      rows: args.rows?.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]))),
      sheet: args.sheet,
    });
    const cols = resolveColumns(source.columns, args.columns ?? {});
    const { rows, rejected } = readRows(source, cols);
    const channel = args.fulfillmentChannel;
    // Read on both calls: the confirmation is bound to the changes computed from the live values.
    const live = await lookupListings(
      ctx,
      rows.map((r) => r.sku),
      marketplaceId,
      channel,
    );
    const currency = resolveMarketplace(marketplaceId).currency;
    const { changes, unchanged, notFound } = planChanges(rows, live, { marketplaceId, currency, channel });
    const left = [...rejected, ...notFound].sort((a, b) => a.row - b.row);
    const via = choosePath(changes.length, args.via);
    const count = (k: keyof StockValues) => changes.filter((c) => c.after[k] !== undefined).length;
    const summaryCounts = {
      rows: source.rows.length + source.unreadable.length,
      changes: changes.length,
      quantity: count('quantity'),
      price: count('price'),
      handlingTime: count('handlingTime'),
      unchanged: unchanged.length,
      leftOut: left.length,
    };
    return runWrite(
      ctx,
      {
        request: {
          tool: 'inventory_update',
          sellerId: ctx.sellerId,
          marketplaceId,
          sku: `${changes.length} SKU(s)`,
          payload: { via, channel, changes: changes.map((c) => ({ sku: c.sku, productType: c.productType, patches: c.patches })) },
        },
        items: Math.max(1, changes.length),
        async preview() {
          const page = changes.slice(args.diffOffset, args.diffOffset + args.diffLimit);
          const end = args.diffOffset + page.length;
          return {
            summary:
              `inventory_update will change ${changes.length} listing(s) in ${marketplaceId} via ${via === 'api' ? 'the Listings API' : 'one JSON_LISTINGS_FEED of PATCH messages'}: ` +
              `quantity ${summaryCounts.quantity}, price ${summaryCounts.price}, handling time ${summaryCounts.handlingTime}` +
              `${unchanged.length ? `; ${unchanged.length} already match` : ''}${left.length ? `; ${left.length} row(s) left out` : ''}.`,
            diffPreview: {
              counts: summaryCounts,
              via,
              minimumSeconds: Math.round(minimumPatchSeconds(changes.length, via)),
              shown: page.length ? `${args.diffOffset + 1}–${end} of ${changes.length}` : `none (diffOffset ${args.diffOffset} is past the end)`,
              ...(end < changes.length ? { nextDiffOffset: end } : {}),
              table: page.map((c) => ({
                sku: c.sku,
                ...(show(c.before, c.after, 'quantity') ? { quantity: show(c.before, c.after, 'quantity') } : {}),
                ...(show(c.before, c.after, 'price') ? { price: show(c.before, c.after, 'price') } : {}),
                ...(show(c.before, c.after, 'handlingTime') ? { handlingTime: show(c.before, c.after, 'handlingTime') } : {}),
              })),
              ...(left.length
                ? {
                    leftOut: left.slice(0, MAX_LISTED).map((r) => ({ ...r })),
                    ...(left.length > MAX_LISTED ? { moreLeftOut: left.length - MAX_LISTED } : {}),
                  }
                : {}),
              ...(source.warnings.length ? { warnings: source.warnings.slice(0, 10) } : {}),
            },
            ...(changes.length === 0
              ? { blocked: 'There is nothing to change: every valid row already matches the listing, or no row was usable.' }
              : {}),
          };
        },
        async execute(): Promise<WriteOutcome> {
          const skus = changes.map((c) => c.sku);
          if (via === 'api') {
            const results = await submitByApi(ctx, changes, marketplaceId);
            return outcome(results, { via });
          }
          const feedId = await submitByFeed(ctx, changes, marketplaceId);
          const followed = await followFeed(ctx, feedId, skus, args.waitSeconds * 1000);
          if (!followed.results) {
            return {
              ok: true,
              status: 'SUBMITTED',
              result: { via, feedId, processingStatus: followed.status, messages: changes.length },
              next: `Feed ${feedId} is ${followed.status} at Amazon after ${args.waitSeconds} s. Call feeds_status with this feedId for the processing report and the result per SKU; do not resubmit meanwhile.`,
            };
          }
          return outcome(followed.results, { via, feedId, ...(followed.reportUri ? { processingReport: followed.reportUri } : {}) });
        },
      },
      args.confirmationToken,
    );
  },
});

function outcome(results: SkuResult[], extra: Record<string, string>): WriteOutcome {
  const failed = results.filter((r) => r.status !== 'ACCEPTED');
  const accepted = results.length - failed.length;
  const listed = [...failed, ...results.filter((r) => r.status === 'ACCEPTED')].slice(0, MAX_RESULTS);
  return {
    ok: accepted > 0 || results.length === 0,
    status: failed.length === 0 ? 'ACCEPTED' : accepted > 0 ? 'PARTIAL' : 'FAILED',
    result: {
      ...extra,
      accepted,
      failed: failed.length,
      results: listed,
      ...(results.length > listed.length ? { moreResults: results.length - listed.length } : {}),
    },
    next: failed.length
      ? `${failed.length} SKU(s) were not accepted (listed first with Amazon's issues). Fix them and send only those rows again.`
      : `Amazon accepted all ${accepted} change(s); they show in listings_get within minutes.`,
  };
}

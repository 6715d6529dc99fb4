import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { marketplaceArg } from '../common.js';
import { FBA_SKUS_PER_CALL, type InventorySummary } from '../../sp-api/areas/fba-inventory.js';

const row = z.object({
  sku: z.string(),
  asin: z.string().optional(),
  fnSku: z.string().optional(),
  productName: z.string().optional(),
  fulfillable: z.number(),
  inbound: z.number(),
  reserved: z.number(),
  unfulfillable: z.number(),
  researching: z.number(),
  total: z.number(),
  lastUpdatedTime: z.string().optional(),
});
type Row = z.infer<typeof row>;

function toRow(s: InventorySummary): Row {
  const d = s.inventoryDetails ?? {};
  const inbound = (d.inboundWorkingQuantity ?? 0) + (d.inboundShippedQuantity ?? 0) + (d.inboundReceivingQuantity ?? 0);
  return {
    sku: s.sellerSku ?? '',
    ...(s.asin ? { asin: s.asin } : {}),
    ...(s.fnSku ? { fnSku: s.fnSku } : {}),
    ...(s.productName ? { productName: s.productName.slice(0, 200) } : {}),
    fulfillable: d.fulfillableQuantity ?? 0,
    inbound,
    reserved: d.reservedQuantity?.totalReservedQuantity ?? 0,
    unfulfillable: d.unfulfillableQuantity?.totalUnfulfillableQuantity ?? 0,
    researching: d.researchingQuantity?.totalResearchingQuantity ?? 0,
    total: s.totalQuantity ?? 0,
    ...(s.lastUpdatedTime ? { lastUpdatedTime: s.lastUpdatedTime } : {}),
  };
}

export const fbaInventory = defineTool({
  name: 'fba_inventory',
  title: 'FBA inventory: what is low on stock at Amazon',
  summary: 'FBA stock per SKU (fulfillable, inbound, reserved, unfulfillable), filtered by low stock under N or changed since, paged',
  description:
    "Stock in Amazon's fulfillment centers (FBA) per SKU for one marketplace, from the FBA Inventory API: fulfillable " +
    '(sellable now), inbound (working + shipped + receiving), reserved (being picked or moved), unfulfillable (damaged, ' +
    'expired), researching and total. Filters: skus (only these), lowStockBelow (fulfillable under N, e.g. "what is low ' +
    'on stock?"), changedSince (ISO date-time, at most 18 months back; Amazon then ignores skus). Rows are sorted by ' +
    'fulfillable, lowest first, and paged with offset/limit; counts cover all matches. Merchant-fulfilled stock is not ' +
    'here: read it with listings_get, change it with inventory_update. Amazon allows 2 calls/s, 50 SKUs a page.',
  toolset: 'inventory',
  capability: 'inventory.read',
  sellerOnly: true,
  input: z
    .object({
      skus: z.array(z.string().min(1).max(40)).max(1000).optional().describe('Only these SKUs.'),
      lowStockBelow: z.number().int().min(1).max(100_000).optional().describe('Only SKUs with fulfillable quantity under this.'),
      changedSince: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, 'YYYY-MM-DD or an ISO 8601 date-time')
        .optional()
        .describe('Only SKUs whose quantities changed after this.'),
      marketplace: marketplaceArg,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    })
    .strict(),
  output: z.object({
    marketplaceId: z.string(),
    counts: z.object({ skus: z.number(), matching: z.number(), outOfStock: z.number(), fulfillable: z.number(), inbound: z.number() }),
    rows: z.array(row),
    nextOffset: z.number().optional(),
    next: z.string(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const opts = { signal: ctx.signal, onWait: ctx.onWait };
    const summaries: InventorySummary[] = [];
    const startDateTime = args.changedSince
      ? new Date(args.changedSince.length === 10 ? `${args.changedSince}T00:00:00Z` : args.changedSince).toISOString()
      : undefined;
    // Each query pages on its own; nextToken expires in 30 s, so pages are read at once.
    const readAll = async (base: { sellerSkus?: string[]; startDateTime?: string }) => {
      let nextToken: string | undefined;
      do {
        const res = await ctx.client.getInventorySummaries({ marketplaceId, details: true, ...base, ...(nextToken ? { nextToken } : {}) }, opts);
        summaries.push(...(res.payload?.inventorySummaries ?? []));
        nextToken = res.pagination?.nextToken;
      } while (nextToken);
    };
    if (startDateTime) await readAll({ startDateTime });
    else if (args.skus?.length) {
      const skus = [...new Set(args.skus)];
      for (let i = 0; i < skus.length; i += FBA_SKUS_PER_CALL) await readAll({ sellerSkus: skus.slice(i, i + FBA_SKUS_PER_CALL) });
    } else await readAll({});
    let rows = summaries.map(toRow);
    // With changedSince Amazon ignores sellerSkus; apply both.
    if (startDateTime && args.skus?.length) {
      const wanted = new Set(args.skus);
      rows = rows.filter((r) => wanted.has(r.sku));
    }
    const all = rows.length;
    if (args.lowStockBelow !== undefined) rows = rows.filter((r) => r.fulfillable < args.lowStockBelow!);
    rows.sort((a, b) => a.fulfillable - b.fulfillable || (a.sku < b.sku ? -1 : 1));
    const page = rows.slice(args.offset, args.offset + args.limit);
    const end = args.offset + page.length;
    const missing = args.skus?.length && !startDateTime ? args.skus.filter((s) => !summaries.some((x) => x.sellerSku === s)).length : 0;
    return {
      marketplaceId,
      counts: {
        skus: all,
        matching: rows.length,
        outOfStock: rows.filter((r) => r.fulfillable === 0).length,
        fulfillable: rows.reduce((n, r) => n + r.fulfillable, 0),
        inbound: rows.reduce((n, r) => n + r.inbound, 0),
      },
      rows: page,
      ...(end < rows.length ? { nextOffset: end } : {}),
      next:
        (end < rows.length ? `More rows: call again with offset ${end}. ` : '') +
        (missing ? `${missing} of the SKUs asked for have no FBA inventory in ${marketplaceId} (not FBA, or never sent in). ` : '') +
        (rows.some((r) => r.fulfillable === 0 && r.inbound === 0)
          ? 'Some SKUs are out of stock with nothing inbound: they need a shipment to Amazon.'
          : ''),
    };
  },
});

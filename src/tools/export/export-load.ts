import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { marketplaceArg } from '../common.js';
import { DEFAULT_MIN_ATTRIBUTES } from '../../workflows/export/check-products.js';
import { MAX_ROWS, type SourceTable } from '../../workflows/export/table.js';
import { FORMAT_NAMES, recognize } from '../../workflows/export/formats.js';
import { groupWarnings } from '../../workflows/export/data-warnings.js';
import { decimalSeparatorFor } from '../../workflows/export/clean-values.js';
import { resolveMarketplace } from '../../lib/marketplaces.js';

const SHOWN_REJECTS = 50;
const SHOWN_COLUMNS = 150;
const SHOWN_SUGGESTIONS = 100;
const SAMPLE_CHARS = 60;

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function columnSummaries(
  table: SourceTable,
  columns: string[],
  derived: Array<Record<string, string>>,
): Array<{ name: string; filled: number; samples: string[] }> {
  return columns.slice(0, SHOWN_COLUMNS).map((name) => {
    let filled = 0;
    const samples = new Set<string>();
    const rows = table.columns.includes(name) ? table.rows.map((r) => r.values) : derived;
    for (const values of rows) {
      const v = values[name];
      if (v === undefined) continue;
      filled++;
      if (samples.size < 3) samples.add(clip(v, SAMPLE_CHARS));
    }
    return { name, filled, samples: [...samples] };
  });
}

export const exportLoad = defineTool({
  name: 'export_load',
  title: 'Load products to list on Amazon from a spreadsheet',
  summary:
    'load products from a CSV, XLSX or JSON file (or inline rows) into a durable batch; recognises Shopify, WooCommerce and Amazon files (variants → variation families), warns about damaged data per kind, proposes skips and column mappings',
  description:
    'Step 1 of an export ("list these products from my spreadsheet"). Reads products from a local CSV, XLSX or JSON file ' +
    "(path; only under the server's allowed folders, 50 MB and 25,000 rows at most) or from inline rows into a batch in the " +
    "server's local store. It does not contact Amazon and changes nothing there. Recognises the exports sellers have: a " +
    'Shopify product CSV (rows grouped by Handle, variant rows inheriting Title/Body/Vendor/Type, Option1..3 becoming ' +
    "variation families with a parent SKU), a WooCommerce product CSV (simple/variable/variation with Parent), Amazon's " +
    'inventory file and listings report; anything else is read as one product per row (SKU and name columns detected ' +
    'from common headers; pass skuColumn/nameColumn when detection fails — never needed for Shopify). Checks each ' +
    "product's minimum data (unique SKU ≤ 40 characters, a name, at least minAttributes filled columns). All values are " +
    'kept as text exactly as written. Returns batchId, the recognised format and grouping (groupBy column with its values ' +
    'to sort products into product types), counts, rejected rows with reasons, dataWarnings grouped by kind (barcodes ' +
    'destroyed by a spreadsheet or with a wrong check digit — never guessed, never sent; prices with a decimal comma, ' +
    'currency symbol, ambiguous, zero or missing; missing quantities; HTML descriptions sent as clean text), proposedSkips ' +
    '(gift cards, drafts, archived, virtual/external products) to confirm with the seller, proposedMapping (columns and ' +
    'values to pass to export_map as they are), the columns with samples, and mappings remembered from earlier exports. ' +
    'Next: product_types_search and product_type_requirements to choose product types, then export_map with the batchId.',
  toolset: 'listings',
  capability: 'listings.read',
  input: z
    .object({
      path: z
        .string()
        .min(1)
        .max(4096)
        .optional()
        .describe("File to read: .csv (comma, semicolon or tab separated), .xlsx or .json. Relative paths start at the server's working directory."),
      rows: z
        .array(z.record(z.string(), cell))
        .min(1)
        .max(MAX_ROWS)
        .optional()
        .describe('Inline products instead of a file: one object per product, column name → value. Give path or rows, not both.'),
      sheet: z.string().min(1).max(200).optional().describe('XLSX only: the worksheet to read (default: the first).'),
      skuColumn: z.string().min(1).max(200).optional().describe('Column holding the seller SKU, when it is not detected.'),
      nameColumn: z.string().min(1).max(200).optional().describe('Column holding the product name/title, when it is not detected.'),
      minAttributes: z
        .number()
        .int()
        .min(0)
        .max(500)
        .default(DEFAULT_MIN_ATTRIBUTES)
        .describe('Filled columns besides SKU and name a product needs to be loaded (default 10).'),
      marketplace: marketplaceArg,
    })
    .strict(),
  output: z.object({
    batchId: z.string(),
    marketplaceId: z.string(),
    source: z.string(),
    format: z.enum(['csv', 'xlsx', 'json', 'inline']),
    recognized: z.object({
      format: z.enum(['shopify', 'woocommerce', 'amazon_inventory_file', 'amazon_listings_report', 'generic']),
      name: z.string(),
      grouping: z.string(),
      families: z.number(),
      groupBy: z.string().optional(),
      groups: z.array(z.object({ value: z.string(), count: z.number() })).optional(),
    }),
    skuColumn: z.string(),
    nameColumn: z.string(),
    counts: z.object({ rows: z.number(), loaded: z.number(), rejected: z.number(), families: z.number(), proposedSkips: z.number() }),
    rejected: z.array(z.object({ row: z.number(), sku: z.string().optional(), problems: z.array(z.string()) })),
    moreRejected: z.number().optional(),
    dataWarnings: z.array(
      z.object({ kind: z.string(), title: z.string(), count: z.number(), skus: z.array(z.string()), examples: z.array(z.string()) }),
    ),
    proposedSkips: z.array(z.object({ reason: z.string(), skus: z.array(z.string()) })),
    proposedMapping: z.object({
      columns: z.array(
        z.object({
          attribute: z.string(),
          column: z.union([z.string(), z.array(z.string())]),
          template: z.json().optional(),
          join: z.string().optional(),
          split: z.string().optional(),
          note: z.string().optional(),
        }),
      ),
      values: z.record(z.string(), z.array(z.json())),
      note: z.string(),
    }),
    columns: z.array(z.object({ name: z.string(), filled: z.number(), samples: z.array(z.string()) })),
    moreColumns: z.number().optional(),
    warnings: z.array(z.string()),
    earlierBatches: z
      .array(z.object({ batchId: z.string(), createdAt: z.string(), products: z.number() }))
      .optional()
      .describe('Batches loaded earlier from the same file: discard them with export_discard unless still wanted.'),
    suggestions: z.array(
      z.object({
        column: z.string(),
        productType: z.string(),
        attribute: z.string(),
        accepted: z.number(),
        translations: z.record(z.string(), z.string()),
      }),
    ),
    next: z.string(),
  }),
  // readOnlyHint: true because nothing changes at Amazon (the world this server acts on); the only write is the
  // batch record in our own local store, and read-only mode must keep this step available.
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const marketplace = resolveMarketplace(marketplaceId);
    // The file readers (csv-parse, iconv-lite, exceljs) load with the first file, not at server start.
    const { readSource } = await import('../../workflows/export/read-source.js');
    const table = await readSource({ path: args.path, rows: args.rows, sheet: args.sheet });
    const checked = recognize(table, {
      skuColumn: args.skuColumn,
      nameColumn: args.nameColumn,
      minAttributes: args.minAttributes,
      currency: marketplace.currency,
      decimal: decimalSeparatorFor(marketplace.language),
    });
    const batch = await ctx.exports.createBatch({
      sellerId: ctx.sellerId,
      marketplaceId,
      source: table.source,
      columns: checked.columns,
      products: checked.products,
      rejects: checked.rejects,
      format: checked.format,
    });
    const suggestions = (await ctx.exports.suggestions(ctx.sellerId, checked.columns)).slice(0, SHOWN_SUGGESTIONS).map((s) => ({
      column: s.sourceColumn,
      productType: s.productType,
      attribute: s.attribute,
      accepted: s.accepted,
      translations: Object.fromEntries(Object.entries(s.translations).slice(0, 5)),
    }));
    const loaded = checked.products.length;
    const rejected = checked.rejects.length;
    const skips = new Map<string, string[]>();
    for (const p of checked.products) {
      const w = p.warnings.find((x) => x.kind === 'not_sellable');
      if (w) skips.set(w.message, [...(skips.get(w.message) ?? []), p.sku]);
    }
    const proposedSkips = [...skips.entries()].map(([reason, skus]) => ({ reason, skus }));
    const skipCount = proposedSkips.reduce((n, s) => n + s.skus.length, 0);
    const groupCounts = new Map<string, number>();
    if (checked.groupBy)
      for (const p of checked.products) {
        const v = p.source[checked.groupBy]?.trim();
        if (v) groupCounts.set(v, (groupCounts.get(v) ?? 0) + 1);
      }
    const derivedRows = checked.products.map((p) => p.source);
    const earlier =
      table.source === 'inline rows'
        ? []
        : await Promise.all(
            (await ctx.exports.batches(ctx.sellerId))
              .filter((b) => b.source === table.source && b.id !== batch.id)
              .slice(0, 10)
              .map(async (b) => ({ batchId: b.id, createdAt: b.createdAt, products: (await ctx.exports.counts(b.id)).total })),
          );
    const rowCount = table.rows.length + table.unreadable.length;
    return {
      batchId: batch.id,
      marketplaceId,
      source: table.source,
      format: table.format,
      recognized: {
        format: checked.format,
        name: FORMAT_NAMES[checked.format],
        grouping: checked.grouping,
        families: checked.families,
        ...(checked.groupBy
          ? { groupBy: checked.groupBy, groups: [...groupCounts.entries()].slice(0, 50).map(([value, count]) => ({ value, count })) }
          : {}),
      },
      skuColumn: checked.skuColumn,
      nameColumn: checked.nameColumn,
      counts: { rows: rowCount, loaded, rejected, families: checked.families, proposedSkips: skipCount },
      rejected: checked.rejects
        .slice(0, SHOWN_REJECTS)
        .map((r) => ({ row: r.rowIndex, ...(r.sku !== undefined ? { sku: clip(r.sku, 60) } : {}), problems: r.problems })),
      ...(rejected > SHOWN_REJECTS ? { moreRejected: rejected - SHOWN_REJECTS } : {}),
      dataWarnings: groupWarnings(checked.products),
      proposedSkips,
      proposedMapping: {
        columns: checked.proposedColumns.map((m) => ({ ...m, template: m.template as never })),
        values: checked.proposedValues as Record<string, never[]>,
        note: "Pass these as the columns and values of each export_map group (add the group's productType); a mapping whose attribute the product type lacks is ignored. condition_type new_new assumes new goods — confirm with the seller.",
      },
      columns: columnSummaries(table, checked.columns, derivedRows),
      ...(checked.columns.length > SHOWN_COLUMNS ? { moreColumns: checked.columns.length - SHOWN_COLUMNS } : {}),
      warnings: table.warnings.slice(0, 20),
      ...(earlier.length ? { earlierBatches: earlier } : {}),
      suggestions,
      next:
        loaded === 0
          ? 'No product passed the minimum data check: fix the rejected rows in the source and call export_load again.'
          : (skipCount > 0
              ? `Ask the seller whether to skip the ${skipCount} product(s) in proposedSkips; if they agree, pass them as skip in export_map. `
              : '') +
            `Tell the seller about dataWarnings. Group the ${loaded - skipCount} product(s) by kind${checked.groupBy ? ` (column ${checked.groupBy})` : ''}, find each group's product type with product_types_search, read its required attributes with product_type_requirements, ` +
            `then call export_map with batchId ${batch.id} using proposedMapping${suggestions.length > 0 ? ' (reuse the suggested column → attribute mappings where they fit)' : ''}.` +
            (rejected > 0 ? ` ${rejected} row(s) were rejected: tell the seller why; they can fix them and load again.` : '') +
            (earlier.length ? ` This file was loaded before (earlierBatches): discard those batches with export_discard unless still wanted.` : ''),
    };
  },
});

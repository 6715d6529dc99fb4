import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { marketplaceArg } from '../common.js';
import { checkProducts, DEFAULT_MIN_ATTRIBUTES } from '../../workflows/export/check-products.js';
import { MAX_ROWS, type SourceTable } from '../../workflows/export/table.js';

const SHOWN_REJECTS = 50;
const SHOWN_COLUMNS = 150;
const SHOWN_SUGGESTIONS = 100;
const SAMPLE_CHARS = 60;

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function columnSummaries(table: SourceTable): Array<{ name: string; filled: number; samples: string[] }> {
  return table.columns.slice(0, SHOWN_COLUMNS).map((name) => {
    let filled = 0;
    const samples = new Set<string>();
    for (const r of table.rows) {
      const v = r.values[name];
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
    'load products from a CSV, XLSX or JSON file (or inline rows) into a durable batch; checks SKU, name and ≥ N attributes per product; suggests mappings remembered from earlier exports',
  description:
    'Step 1 of an export ("list these products from my spreadsheet"). Reads products from a local CSV, XLSX or JSON file ' +
    "(path; only under the server's allowed folders, 50 MB and 25,000 rows at most) or from inline rows, checks each product's " +
    'minimum data — a unique SKU (≤ 40 characters, no surrounding spaces), a name, and at least minAttributes other filled ' +
    "columns — and records a batch in the server's local store. It does not contact Amazon and changes nothing there. " +
    'All values are kept as text exactly as written (leading zeros of EANs survive). SKU and name columns are detected from ' +
    'common headers (SKU, Seller SKU, item_sku; Title, Product Name, item_name); pass skuColumn/nameColumn when detection fails. ' +
    'Returns batchId, counts, the rows rejected with reasons (first 50; fix them in the source and load again), each source ' +
    'column with up to 3 sample values, warnings (encoding, delimiter, renamed duplicate columns) and mapping suggestions ' +
    "remembered from this seller's earlier accepted exports. " +
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
    skuColumn: z.string(),
    nameColumn: z.string(),
    counts: z.object({ rows: z.number(), loaded: z.number(), rejected: z.number() }),
    rejected: z.array(z.object({ row: z.number(), sku: z.string().optional(), problems: z.array(z.string()) })),
    moreRejected: z.number().optional(),
    columns: z.array(z.object({ name: z.string(), filled: z.number(), samples: z.array(z.string()) })),
    moreColumns: z.number().optional(),
    warnings: z.array(z.string()),
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
    // The file readers (csv-parse, iconv-lite, exceljs) load with the first file, not at server start.
    const { readSource } = await import('../../workflows/export/read-source.js');
    const table = await readSource({ path: args.path, rows: args.rows, sheet: args.sheet });
    const checked = checkProducts(table, { skuColumn: args.skuColumn, nameColumn: args.nameColumn, minAttributes: args.minAttributes });
    const batch = await ctx.exports.createBatch({
      sellerId: ctx.sellerId,
      marketplaceId,
      source: table.source,
      columns: table.columns,
      products: checked.products,
      rejects: checked.rejects,
    });
    const suggestions = (await ctx.exports.suggestions(ctx.sellerId, table.columns)).slice(0, SHOWN_SUGGESTIONS).map((s) => ({
      column: s.sourceColumn,
      productType: s.productType,
      attribute: s.attribute,
      accepted: s.accepted,
      translations: Object.fromEntries(Object.entries(s.translations).slice(0, 5)),
    }));
    const loaded = checked.products.length;
    const rejected = checked.rejects.length;
    return {
      batchId: batch.id,
      marketplaceId,
      source: table.source,
      format: table.format,
      skuColumn: checked.skuColumn,
      nameColumn: checked.nameColumn,
      counts: { rows: loaded + rejected, loaded, rejected },
      rejected: checked.rejects
        .slice(0, SHOWN_REJECTS)
        .map((r) => ({ row: r.rowIndex, ...(r.sku !== undefined ? { sku: clip(r.sku, 60) } : {}), problems: r.problems })),
      ...(rejected > SHOWN_REJECTS ? { moreRejected: rejected - SHOWN_REJECTS } : {}),
      columns: columnSummaries(table),
      ...(table.columns.length > SHOWN_COLUMNS ? { moreColumns: table.columns.length - SHOWN_COLUMNS } : {}),
      warnings: table.warnings.slice(0, 20),
      suggestions,
      next:
        loaded === 0
          ? 'No product passed the minimum data check: fix the rejected rows in the source and call export_load again.'
          : `Group the ${loaded} loaded product(s) by kind, find each group's product type with product_types_search, read its required attributes with product_type_requirements, ` +
            `then call export_map with batchId ${batch.id}${suggestions.length > 0 ? ' (reuse the suggested column → attribute mappings where they fit)' : ''}.` +
            (rejected > 0 ? ` ${rejected} row(s) were rejected: tell the seller why; they can fix them and load again.` : ''),
    };
  },
});

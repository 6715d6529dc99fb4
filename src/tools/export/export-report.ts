import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { loadBatch } from './batch.js';
import { buildExportReports, issueText } from '../../workflows/export/report.js';

const KIND = 'export-reports';
const PREVIEW_ROWS = 5;
const short = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n)}…` : s);

const reportFile = z.object({
  report: z.enum(['submission', 'mapping']),
  format: z.enum(['csv', 'json']),
  path: z.string(),
  uri: z.string(),
  rows: z.number(),
  bytes: z.number(),
});

export const exportReport = defineTool({
  name: 'export_report',
  title: 'Write the reports of an export batch',
  summary: 'Submission Report and Attribute Mapping Report as CSV and JSON files, exposed as MCP resources',
  description:
    'Writes two reports for an export batch as files and MCP resources: the Submission Report (one row per product and ' +
    'per rejected spreadsheet row: state, every value sent, which values were generated rather than mapped from a ' +
    "column, Amazon's result and issues) and the Attribute Mapping Report (per product type, source column → Amazon " +
    'attribute with how many products, mapped vs generated, and attributes that were only generated — the data the ' +
    'seller should add to the spreadsheet). CSV (opens in Excel) and/or JSON. Returns file paths, resource URIs, counts ' +
    'and a few preview rows, never the whole report: give the seller the paths, read a resource for details. Safe to ' +
    'call at any stage; calling again rewrites the files with the current state.',
  toolset: 'listings',
  capability: 'listings.read',
  input: z
    .object({
      batchId: z.string().min(3).max(40),
      format: z.enum(['csv', 'json', 'both']).default('both').describe('Which files to write (default both).'),
    })
    .strict(),
  output: z.object({
    batchId: z.string(),
    marketplaceId: z.string(),
    counts: z.object({
      products: z.number(),
      rejected: z.number(),
      byState: z.record(z.string(), z.number()),
      values: z.number(),
      mappedValues: z.number(),
      generatedValues: z.number(),
      mappings: z.number(),
    }),
    reports: z.array(reportFile),
    preview: z.object({
      submission: z.array(
        z.object({
          sku: z.string().optional(),
          row: z.number(),
          state: z.string(),
          productType: z.string().optional(),
          generated: z.number(),
          issues: z.array(z.string()),
        }),
      ),
      mapping: z.array(
        z.object({
          productType: z.string(),
          sourceColumn: z.string(),
          attribute: z.string(),
          products: z.number(),
          mapped: z.number(),
          generated: z.number(),
        }),
      ),
    }),
    unusedColumns: z.array(z.string()),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    const batch = await loadBatch(ctx, args.batchId);
    const products = await ctx.exports.products(batch.id);
    const rejects = await ctx.exports.rejects(batch.id);
    const built = buildExportReports({ batch, products, rejects, generatedAt: new Date().toISOString() });

    const formats = args.format === 'both' ? (['csv', 'json'] as const) : ([args.format] as const);
    const titles = { submission: 'Submission Report', mapping: 'Attribute Mapping Report' } as const;
    const reports: Array<z.infer<typeof reportFile>> = [];
    for (const report of ['submission', 'mapping'] as const) {
      for (const format of formats) {
        // The resource URI has no extension, so each format needs its own key.
        const entry = ctx.resources.put(KIND, `${batch.id}-${report}-${format}`, {
          ext: format,
          mimeType: format === 'csv' ? 'text/csv' : 'application/json',
          title: `${titles[report]} for export batch ${batch.id} (${format.toUpperCase()})`,
          content: built[report][format],
        });
        reports.push({ report, format, path: entry.path, uri: entry.uri, rows: built[report].rows, bytes: entry.size });
      }
    }

    const byState: Record<string, number> = {};
    for (const p of products) byState[p.state] = (byState[p.state] ?? 0) + 1;
    const submission = [
      ...products.map((p) => ({
        sku: p.sku,
        row: p.rowIndex,
        state: p.state,
        ...(p.productType ? { productType: p.productType } : {}),
        generated: Object.keys(p.attributes ?? {}).filter((a) => p.origins?.[a]?.origin !== 'mapped').length,
        issues: p.issues.slice(0, 2).map((i) => short(issueText(i))),
      })),
      ...rejects.map((r) => ({
        ...(r.sku !== undefined ? { sku: r.sku } : {}),
        row: r.rowIndex,
        state: 'rejected',
        generated: 0,
        issues: r.problems.slice(0, 2).map((x) => short(x)),
      })),
    ]
      .sort((a, b) => a.row - b.row)
      .slice(0, PREVIEW_ROWS);
    return {
      batchId: batch.id,
      marketplaceId: batch.marketplaceId,
      counts: {
        products: products.length,
        rejected: rejects.length,
        byState,
        values: built.values.total,
        mappedValues: built.values.mapped,
        generatedValues: built.values.generated,
        mappings: built.mappingRows.length,
      },
      reports,
      preview: {
        submission,
        mapping: built.mappingRows.slice(0, PREVIEW_ROWS).map((r) => ({
          productType: r.productType,
          sourceColumn: r.sourceColumn,
          attribute: r.attribute,
          products: r.products,
          mapped: r.mapped,
          generated: r.generated,
        })),
      },
      unusedColumns: built.unusedColumns.slice(0, 50),
    };
  },
});

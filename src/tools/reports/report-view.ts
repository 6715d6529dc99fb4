// The reply shape shared by reports_request and reports_get: report status, the saved document, a summary,
// the tables it holds and one page of rows. Bounded by a token budget whatever the report size.
import { z } from 'zod';
import type { ToolContext } from '../../core/tool.js';
import type { Report } from '../../sp-api/schemas.js';
import { explainUnfinished, loadReport } from '../../workflows/reports.js';
import { pageTable, pickTable } from '../../workflows/report-tables.js';

/** Rows of one page stay under this many (estimated) tokens; the rest of a reply adds a few thousand at most. */
const PAGE_TOKENS = 12_000;
const MAX_LISTED_COLUMNS = 100;

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const pageArgs = {
  table: z.string().min(1).max(100).optional().describe('Which table to page through (see "tables" in a previous reply). Default: the first.'),
  offset: z.number().int().min(0).default(0).describe('First row to return (0-based); use nextOffset from the previous page.'),
  columns: z.array(z.string().min(1).max(120)).min(1).max(60).optional().describe('Only these columns, in this order (names from "tables").'),
};

export const reportOutputSchema = z.object({
  reportId: z.string(),
  reportType: z.string(),
  status: z.string(),
  marketplaceIds: z.array(z.string()).optional(),
  dataStartTime: z.string().optional(),
  dataEndTime: z.string().optional(),
  createdTime: z.string().optional(),
  document: z
    .object({
      resourceUri: z.string(),
      bytes: z.number(),
      charset: z.string(),
      compressed: z.boolean(),
      format: z.enum(['tsv', 'json', 'text']),
      parser: z.string(),
    })
    .optional(),
  summary: z.record(z.string(), z.json()).optional(),
  tables: z
    .array(
      z.object({
        name: z.string(),
        rows: z.number(),
        columns: z.array(z.object({ name: z.string(), type: z.enum(['number', 'boolean', 'string']) })),
        moreColumns: z.number().optional(),
      }),
    )
    .optional(),
  page: z
    .object({
      table: z.string(),
      offset: z.number(),
      total: z.number(),
      columns: z.array(z.string()),
      rows: z.array(z.array(cell)),
      nextOffset: z.number().optional(),
      truncatedCells: z.number().optional(),
    })
    .optional(),
  explanation: z.string().optional(),
  errorDetails: z.string().optional(),
  next: z.string(),
});
export type ReportOutput = z.infer<typeof reportOutputSchema>;

export interface PageRequest {
  table?: string | undefined;
  offset: number;
  limit: number;
  columns?: string[] | undefined;
}

export async function reportReply(ctx: ToolContext, report: Report, page: PageRequest, waitedTooLong = false): Promise<ReportOutput> {
  const status = String(report.processingStatus);
  const base = {
    reportId: report.reportId,
    reportType: report.reportType,
    status,
    ...(report.marketplaceIds ? { marketplaceIds: report.marketplaceIds } : {}),
    ...(report.dataStartTime ? { dataStartTime: report.dataStartTime } : {}),
    ...(report.dataEndTime ? { dataEndTime: report.dataEndTime } : {}),
    createdTime: report.createdTime,
  };
  if (status === 'DONE' && report.reportDocumentId) {
    const loaded = await loadReport(ctx, report);
    const [name, table] = pickTable(loaded.parsed, page.table);
    const rows = pageTable(name, table, { offset: page.offset, limit: page.limit, columns: page.columns, maxTokens: PAGE_TOKENS });
    const end = rows.offset + rows.rows.length;
    const uri = loaded.resource.uri;
    return {
      ...base,
      document: {
        resourceUri: uri,
        bytes: loaded.meta.bytes,
        charset: loaded.meta.charset,
        compressed: loaded.meta.compressed,
        format: loaded.parsed.format,
        parser: loaded.parsed.parser,
      },
      summary: loaded.parsed.summary as ReportOutput['summary'],
      tables: Object.entries(loaded.parsed.tables).map(([n, t]) => ({
        name: n,
        rows: t.rows.length,
        columns: t.columns.slice(0, MAX_LISTED_COLUMNS),
        ...(t.columns.length > MAX_LISTED_COLUMNS ? { moreColumns: t.columns.length - MAX_LISTED_COLUMNS } : {}),
      })),
      page: rows,
      next:
        rows.nextOffset !== undefined
          ? `Rows ${rows.offset + 1}–${end} of ${rows.total} in table "${name}" shown. For more, call reports_get with reportId ` +
            `"${report.reportId}", table "${name}" and offset ${rows.nextOffset} (pick fewer columns to get more rows per page). ` +
            `The whole report (decoded to UTF-8) is the MCP resource ${uri}; read that instead of paging when the client can.`
          : `All ${rows.total} rows of table "${name}" are shown${rows.total === 0 ? ' (the report has no data rows)' : ''}. ` +
            `The whole report is also the MCP resource ${uri}.`,
    };
  }
  if (status === 'DONE') {
    return {
      ...base,
      explanation: 'Amazon finished the report without a document: there was no data to report.',
      next: 'Try a wider date range or another marketplace.',
    };
  }
  if (status === 'CANCELLED' || status === 'FATAL') {
    const why = await explainUnfinished(ctx, report);
    return { ...base, ...why, next: 'No data to show. Change the request as the explanation suggests and call reports_request again.' };
  }
  return {
    ...base,
    next: waitedTooLong
      ? `The report is still ${status} at Amazon after the wait limit (large reports can take 15–45 minutes). Call reports_get ` +
        `with reportId "${report.reportId}" and wait: true later; do not request it again.`
      : `The report is ${status}. Call reports_get with reportId "${report.reportId}" and wait: true to wait for it and get its rows.`,
  };
}

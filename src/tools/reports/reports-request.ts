import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { waitForReport } from '../../workflows/reports.js';
import { KNOWN_REPORT_TYPES } from '../../workflows/report-parse.js';
import { pageArgs, reportOutputSchema, reportReply } from './report-view.js';
import { parseTimeArg, timeArg } from './time-args.js';

// Report options Amazon documents for the known types; other types pass their options through unchecked.
const OPTION_VALUES: Record<string, Record<string, string[]>> = {
  GET_SALES_AND_TRAFFIC_REPORT: { dateGranularity: ['DAY', 'WEEK', 'MONTH'], asinGranularity: ['PARENT', 'CHILD', 'SKU'] },
};

export const reportsRequest = defineTool({
  name: 'reports_request',
  longRunning: true,
  title: 'Request a report and wait for its rows',
  summary:
    'request a report, wait (progress, cancellable), download, decode (gzip, Cp1252, Shift_JIS) and parse: first page of rows; the whole report saved as an MCP resource',
  description:
    'Request an Amazon report (Reports API) and, by default, wait for it and return its content parsed: TSV reports as a ' +
    'table with typed columns (numbers, booleans; dates stay text), JSON reports as tables and a summary. Parsers that ' +
    `understand the content: ${KNOWN_REPORT_TYPES.join(', ')}; any other report type comes back as generic tables or text lines. ` +
    'Charsets (Cp1252 in Europe, Shift_JIS in Japan) and gzip are handled. Reports take from seconds to 45 minutes: ' +
    'progress is reported while waiting, and the call can be cancelled (the report keeps running; fetch it later with ' +
    'reports_get). Only one page of rows is returned (limit, default 20); the whole report is saved and offered as an MCP ' +
    'resource (document.resourceUri), and reports_get pages through it. wait:false only creates the report and returns ' +
    'its id. A CANCELLED report (often: no data in the range) or FATAL one is explained. Amazon allows about one report ' +
    'request a minute: reuse a recent report (reports_list) rather than requesting the same one again. For account health ' +
    'use account_health; for order totals orders_metrics is faster.',
  toolset: 'reports',
  capability: 'reports.read',
  input: z
    .object({
      reportType: z
        .string()
        .regex(/^[A-Z][A-Z0-9_]{2,99}$/, 'an Amazon report type such as GET_MERCHANT_LISTINGS_ALL_DATA')
        .describe(`Amazon report type, e.g. ${KNOWN_REPORT_TYPES.join(', ')}.`),
      marketplaces: z
        .array(z.string().min(2).max(20))
        .min(1)
        .max(25)
        .optional()
        .describe("Marketplace ids or country codes. Default: the server's default marketplace. Listing reports use the first only."),
      dataStartTime: timeArg.describe('Start of the data range: YYYY-MM-DD (00:00 UTC) or an ISO 8601 date-time. Ignored by listing reports.'),
      dataEndTime: timeArg.describe('End of the data range: YYYY-MM-DD (end of that day UTC, at most now) or an ISO 8601 date-time.'),
      reportOptions: z
        .record(z.string().min(1).max(100), z.string().max(1000))
        .optional()
        .describe('Report-type specific options, e.g. {"dateGranularity":"WEEK","asinGranularity":"SKU"} for GET_SALES_AND_TRAFFIC_REPORT.'),
      wait: z.boolean().default(true).describe('Wait for the report and return its first rows (default). false: return the reportId at once.'),
      maxWaitSeconds: z.number().int().min(5).max(1800).default(300).describe('Stop waiting after this long (the report keeps running).'),
      limit: z.number().int().min(1).max(500).default(20).describe('Rows in the returned page (fewer when rows are large).'),
      ...pageArgs,
    })
    .strict(),
  output: reportOutputSchema,
  annotations: { ...READ_HINTS, idempotentHint: false },
  async run(args, ctx) {
    const marketplaceIds = [...new Set((args.marketplaces ?? [undefined]).map((m) => ctx.marketplace(m)))];
    const now = Date.now();
    const start = args.dataStartTime !== undefined ? parseTimeArg(args.dataStartTime, 'start', now) : undefined;
    const end = args.dataEndTime !== undefined ? parseTimeArg(args.dataEndTime, 'end', now) : undefined;
    if (start !== undefined && start > now) throw new ToolError('INVALID_REQUEST', 'dataStartTime is in the future. Give a start in the past.');
    if (start !== undefined && end !== undefined && start > end) {
      throw new ToolError('INVALID_REQUEST', 'dataStartTime is after dataEndTime. Swap them or correct the range.');
    }
    const options = args.reportOptions ?? {};
    if (Object.keys(options).length > 20) throw new ToolError('INVALID_REQUEST', 'At most 20 reportOptions.');
    for (const [key, allowed] of Object.entries(OPTION_VALUES[args.reportType] ?? {})) {
      const v = options[key];
      if (v !== undefined && !allowed.includes(v)) {
        throw new ToolError('INVALID_REQUEST', `reportOptions.${key} must be one of ${allowed.join(', ')} for ${args.reportType}.`);
      }
    }
    const created = await ctx.client.createReport(
      {
        reportType: args.reportType,
        marketplaceIds,
        ...(start !== undefined ? { dataStartTime: new Date(start).toISOString() } : {}),
        ...(end !== undefined ? { dataEndTime: new Date(end).toISOString() } : {}),
        ...(Object.keys(options).length > 0 ? { reportOptions: options } : {}),
      },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    if (!args.wait) {
      const report = await ctx.client.getReport({ reportId: created.reportId }, { signal: ctx.signal, onWait: ctx.onWait });
      return reportReply(ctx, report, { table: args.table, offset: args.offset, limit: args.limit, columns: args.columns });
    }
    await ctx.progress({ progress: 0, message: `Requested ${args.reportType} (report ${created.reportId}); waiting for Amazon` });
    const { report, timedOut } = await waitForReport(ctx, created.reportId, args.maxWaitSeconds * 1000);
    return reportReply(ctx, report, { table: args.table, offset: args.offset, limit: args.limit, columns: args.columns }, timedOut);
  },
});

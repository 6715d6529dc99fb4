import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { TERMINAL_STATUSES, waitForReport } from '../../workflows/reports.js';
import { pageArgs, reportOutputSchema, reportReply } from './report-view.js';

export const reportIdArg = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'a reportId from reports_request or reports_list')
  .describe('The reportId.');

export const reportsGet = defineTool({
  name: 'reports_get',
  title: "Get a report's status and rows, page by page",
  summary: "a report's status and its rows page by page (`offset`, `limit`, `columns`, `table`); can wait for a running report",
  description:
    'Get a report by reportId (from reports_request or reports_list): its processing status and, when DONE, one page of ' +
    'parsed rows. Page with offset (use nextOffset from the previous reply) and limit (max 500 rows, fewer when rows are ' +
    'large: replies stay small); pick columns to fit more rows per page; pick a table when the report has several ' +
    '(e.g. byDate/byAsin in sales and traffic). The document is downloaded once and saved, so paging is cheap; the whole ' +
    'report is the MCP resource in document.resourceUri. With wait: true a report that is still running is waited for ' +
    '(with progress, cancellable). CANCELLED and FATAL reports are explained.',
  toolset: 'reports',
  capability: 'reports.read',
  input: z
    .object({
      reportId: reportIdArg,
      wait: z.boolean().default(false).describe('If the report is still running, wait for it (with progress) instead of returning its status.'),
      maxWaitSeconds: z.number().int().min(5).max(1800).default(300),
      limit: z.number().int().min(1).max(500).default(50).describe('Rows in the page (fewer when rows are large).'),
      ...pageArgs,
    })
    .strict(),
  output: reportOutputSchema,
  annotations: READ_HINTS,
  async run(args, ctx) {
    let report = await ctx.client.getReport({ reportId: args.reportId }, { signal: ctx.signal, onWait: ctx.onWait });
    let timedOut = false;
    if (args.wait && !TERMINAL_STATUSES.includes(String(report.processingStatus))) {
      ({ report, timedOut } = await waitForReport(ctx, args.reportId, args.maxWaitSeconds * 1000));
    }
    return reportReply(ctx, report, { table: args.table, offset: args.offset, limit: args.limit, columns: args.columns }, timedOut);
  },
});

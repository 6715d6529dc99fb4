import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { pageTokenArg } from '../common.js';
import { timeArg, parseTimeArg } from './time-args.js';

const STATUSES = ['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'FATAL'] as const;

export const reportsList = defineTool({
  name: 'reports_list',
  title: 'List recent reports',
  summary: 'recent reports by type and status, to reuse instead of requesting again',
  description:
    'List reports of given types requested in the last 90 days (by this or any other app, or scheduled), newest first: ' +
    'reportId, type, status, marketplaces, data range and creation time. Use it to find a recent report to reuse instead ' +
    'of requesting a new one (Amazon allows about one report request a minute), or to find a report whose wait was ' +
    'cancelled. Filter by statuses, marketplaces and createdSince; pageSize up to 100; pass nextPageToken for the next page. ' +
    'Next: reports_get with a reportId for its rows.',
  toolset: 'reports',
  capability: 'reports.read',
  input: z
    .object({
      reportTypes: z
        .array(z.string().regex(/^[A-Z][A-Z0-9_]{2,99}$/))
        .min(1)
        .max(10)
        .optional()
        .describe('Report types (1–10); required unless pageToken is given.'),
      statuses: z.array(z.enum(STATUSES)).min(1).optional(),
      marketplaces: z.array(z.string().min(2).max(20)).min(1).max(10).optional().describe('Marketplace ids or country codes.'),
      createdSince: timeArg.describe('Only reports created since (YYYY-MM-DD or ISO date-time; default and maximum: 90 days ago).'),
      pageSize: z.number().int().min(1).max(100).default(10),
      pageToken: pageTokenArg,
    })
    .strict(),
  output: z.object({
    reports: z.array(
      z.object({
        reportId: z.string(),
        reportType: z.string(),
        status: z.string(),
        marketplaceIds: z.array(z.string()).optional(),
        dataStartTime: z.string().optional(),
        dataEndTime: z.string().optional(),
        createdTime: z.string(),
        processingEndTime: z.string().optional(),
        hasDocument: z.boolean(),
      }),
    ),
    nextPageToken: z.string().optional(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    if (!args.reportTypes && !args.pageToken) throw new ToolError('INVALID_REQUEST', 'Give reportTypes (or a pageToken from a previous page).');
    const res = await ctx.client.getReports(
      args.pageToken
        ? { nextToken: args.pageToken }
        : {
            reportTypes: args.reportTypes!,
            pageSize: args.pageSize,
            ...(args.statuses ? { processingStatuses: args.statuses } : {}),
            ...(args.marketplaces ? { marketplaceIds: args.marketplaces.map((m) => ctx.marketplace(m)) } : {}),
            ...(args.createdSince ? { createdSince: new Date(parseTimeArg(args.createdSince, 'start', Date.now())).toISOString() } : {}),
          },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    return {
      reports: res.reports.map((r) => ({
        reportId: r.reportId,
        reportType: r.reportType,
        status: String(r.processingStatus),
        ...(r.marketplaceIds ? { marketplaceIds: r.marketplaceIds } : {}),
        ...(r.dataStartTime ? { dataStartTime: r.dataStartTime } : {}),
        ...(r.dataEndTime ? { dataEndTime: r.dataEndTime } : {}),
        createdTime: r.createdTime,
        ...(r.processingEndTime ? { processingEndTime: r.processingEndTime } : {}),
        hasDocument: !!r.reportDocumentId,
      })),
      ...(res.nextToken ? { nextPageToken: res.nextToken } : {}),
    };
  },
});

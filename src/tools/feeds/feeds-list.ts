import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { pageTokenArg } from '../common.js';
import { parseTimeArg, timeArg } from '../reports/time-args.js';

const STATUSES = ['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'FATAL'] as const;

export const feedsList = defineTool({
  name: 'feeds_list',
  title: 'List recent feeds',
  summary: 'recent feeds by type and status',
  description:
    'List feeds submitted in the last 90 days (by this server or any other app), newest first: feedId, type, status, ' +
    'marketplaces, created and finished times. Default type JSON_LISTINGS_FEED. Use it to find a feed whose id was lost, ' +
    "or to check whether a feed is already queued before submitting another (Amazon processes a seller's feeds one after " +
    'another). Filter by statuses, marketplaces, createdSince; pageSize up to 100; pass nextPageToken for more. ' +
    'Next: feeds_status with a feedId.',
  toolset: 'feeds',
  capability: 'feeds.read',
  input: z
    .object({
      feedTypes: z
        .array(z.string().regex(/^[A-Z][A-Z0-9_]{2,99}$/))
        .min(1)
        .max(10)
        .default(['JSON_LISTINGS_FEED']),
      statuses: z.array(z.enum(STATUSES)).min(1).optional(),
      marketplaces: z.array(z.string().min(2).max(20)).min(1).max(10).optional().describe('Marketplace ids or country codes.'),
      createdSince: timeArg.describe('Only feeds created since (YYYY-MM-DD or ISO date-time; default and maximum 90 days ago).'),
      pageSize: z.number().int().min(1).max(100).default(10),
      pageToken: pageTokenArg,
    })
    .strict(),
  output: z.object({
    feeds: z.array(
      z.object({
        feedId: z.string(),
        feedType: z.string(),
        status: z.string(),
        marketplaceIds: z.array(z.string()).optional(),
        createdTime: z.string(),
        processingEndTime: z.string().optional(),
        hasResult: z.boolean(),
      }),
    ),
    nextPageToken: z.string().optional(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const res = await ctx.client.getFeeds(
      args.pageToken
        ? { nextToken: args.pageToken }
        : {
            feedTypes: args.feedTypes,
            pageSize: args.pageSize,
            ...(args.statuses ? { processingStatuses: args.statuses } : {}),
            ...(args.marketplaces ? { marketplaceIds: args.marketplaces.map((m) => ctx.marketplace(m)) } : {}),
            ...(args.createdSince ? { createdSince: new Date(parseTimeArg(args.createdSince, 'start', Date.now())).toISOString() } : {}),
          },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    return {
      feeds: res.feeds.map((f) => ({
        feedId: f.feedId,
        feedType: f.feedType,
        status: String(f.processingStatus),
        ...(f.marketplaceIds ? { marketplaceIds: f.marketplaceIds } : {}),
        createdTime: f.createdTime,
        ...(f.processingEndTime ? { processingEndTime: f.processingEndTime } : {}),
        hasResult: !!f.resultFeedDocumentId,
      })),
      ...(res.nextToken ? { nextPageToken: res.nextToken } : {}),
    };
  },
});

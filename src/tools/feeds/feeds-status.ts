import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { loadFeedResult } from '../../workflows/feeds.js';
import { feedIdArg } from './feed-args.js';

const issueSchema = z.object({
  messageId: z.number().optional(),
  code: z.string().optional(),
  severity: z.string(),
  message: z.string(),
  attributeName: z.string().optional(),
});

const MAX_TEXT = 4000;

export const feedsStatus = defineTool({
  name: 'feeds_status',
  title: 'Status and result of a feed',
  summary: "a feed's status and processing report: counts and issues per SKU, paged",
  description:
    'Processing status of a feed (IN_QUEUE, IN_PROGRESS, DONE, FATAL, CANCELLED) and, once processed, its processing ' +
    'report summarised: messages processed/accepted/invalid, error and warning counts, and the issues grouped per SKU ' +
    "(SKUs with errors first; up to 10 issues each, plus the listing's current issues when Amazon included them), paged " +
    'with offset/limit over SKUs; filter with sku. DONE does not mean every listing is live: accepted messages can still ' +
    'get issues later, so check listings with listings_get or listings_search (withIssues) afterwards. The full ' +
    'processing report is saved as an MCP resource. Feeds usually take minutes: if it is not done, call again later.',
  toolset: 'feeds',
  capability: 'feeds.read',
  input: z
    .object({
      feedId: feedIdArg,
      sku: z.string().min(1).max(40).optional().describe("Only this SKU's issues."),
      offset: z.number().int().min(0).default(0).describe('First SKU to show; use nextOffset.'),
      limit: z.number().int().min(1).max(100).default(20).describe('SKUs per page.'),
    })
    .strict(),
  output: z.object({
    feedId: z.string(),
    feedType: z.string(),
    status: z.string(),
    marketplaceIds: z.array(z.string()).optional(),
    createdTime: z.string(),
    processingEndTime: z.string().optional(),
    result: z
      .object({
        summary: z.record(z.string(), z.json()).optional(),
        skusWithIssues: z.number().optional(),
        issuesBySku: z
          .array(
            z.object({
              sku: z.string(),
              messageIds: z.array(z.number()),
              errors: z.number(),
              warnings: z.number(),
              issues: z.array(issueSchema),
              moreIssues: z.number().optional(),
              listingIssues: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string() })).optional(),
              moreListingIssues: z.number().optional(),
            }),
          )
          .optional(),
        nextOffset: z.number().optional(),
        feedLevelIssues: z.array(issueSchema).optional(),
        text: z.string().optional(),
        resourceUri: z.string(),
      })
      .optional(),
    next: z.string(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const feed = await ctx.client.getFeed({ feedId: args.feedId }, { signal: ctx.signal, onWait: ctx.onWait });
    const status = String(feed.processingStatus);
    const base = {
      feedId: feed.feedId,
      feedType: feed.feedType,
      status,
      ...(feed.marketplaceIds ? { marketplaceIds: feed.marketplaceIds } : {}),
      createdTime: feed.createdTime,
      ...(feed.processingEndTime ? { processingEndTime: feed.processingEndTime } : {}),
    };
    if (!feed.resultFeedDocumentId) {
      const next =
        status === 'CANCELLED'
          ? 'The feed was cancelled before processing; nothing was applied. Submit it again if still wanted.'
          : status === 'FATAL'
            ? 'Amazon could not process the feed and left no report. Check the messages (feeds_submit_listings validates them) and submit again.'
            : `The feed is ${status}. Amazon processes feeds one after another per seller, in minutes to hours: call feeds_status again later.`;
      return { ...base, next };
    }
    const loaded = await loadFeedResult(ctx, feed);
    if (!loaded.json) {
      return {
        ...base,
        result: { text: loaded.text.slice(0, MAX_TEXT), resourceUri: loaded.resource.uri },
        next:
          loaded.text.length > MAX_TEXT
            ? `The processing summary is cut here; the whole text is the MCP resource ${loaded.resource.uri}.`
            : "This is Amazon's processing summary for the feed.",
      };
    }
    const { bySku, feedLevel } = loaded.issues;
    const selected = args.sku ? bySku.filter((g) => g.sku === args.sku) : bySku;
    const page = selected.slice(args.offset, args.offset + args.limit);
    const end = args.offset + page.length;
    const summary = (loaded.json.summary ?? {}) as Record<string, unknown>;
    const errors = Number(summary.errors ?? 0);
    return {
      ...base,
      result: {
        summary: summary as Record<string, never>,
        skusWithIssues: selected.length,
        issuesBySku: page,
        ...(end < selected.length ? { nextOffset: end } : {}),
        ...(feedLevel.length ? { feedLevelIssues: feedLevel.slice(0, 20) } : {}),
        resourceUri: loaded.resource.uri,
      },
      next:
        (end < selected.length
          ? `SKUs ${args.offset + 1}–${end} of ${selected.length} with issues shown; call again with offset ${end} for more. `
          : '') +
        (status === 'FATAL'
          ? 'The feed failed as a whole (see feedLevelIssues); nothing was applied. Fix and resubmit.'
          : errors > 0
            ? 'Fix the SKUs with errors and submit only those again. '
            : '') +
        (status === 'DONE' ? 'Accepted listings can still get issues later: check them with listings_get or listings_search.' : ''),
    };
  },
});

import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { marketplaceArg, pageTokenArg } from '../common.js';
import { listingViewSchema, trimListing } from './listing-view.js';

export const listingsSearch = defineTool({
  name: 'listings_search',
  title: "List or find the seller's listings",
  summary: 'page through listings, filter by issues/status/SKUs',
  description:
    "Page through this seller's listings in one marketplace, optionally filtered by SKUs/identifiers, by issue severity " +
    '(e.g. only listings with ERROR issues) or by status. Returns up to pageSize listings (max 20) with SKU, ASIN, title, ' +
    'status, price, quantity and issue counts; pass nextPageToken for more (Amazon pages through at most 1,000). ' +
    "Use it to find listings that need fixing. Next: listings_get for one SKU's details.",
  toolset: 'listings',
  capability: 'listings.read',
  input: z
    .object({
      marketplace: marketplaceArg,
      skus: z.array(z.string().min(1).max(40)).min(1).max(20).optional().describe('Only these SKUs.'),
      identifiers: z.array(z.string().min(1).max(40)).min(1).max(20).optional(),
      identifiersType: z.enum(['ASIN', 'EAN', 'FNSKU', 'GTIN', 'ISBN', 'JAN', 'MINSAN', 'SKU', 'UPC']).optional(),
      withIssueSeverity: z.array(z.enum(['WARNING', 'ERROR'])).optional(),
      withStatus: z.array(z.enum(['BUYABLE', 'DISCOVERABLE'])).optional(),
      sortBy: z.enum(['sku', 'createdDate', 'lastUpdatedDate']).optional(),
      sortOrder: z.enum(['ASC', 'DESC']).optional(),
      pageSize: z.number().int().min(1).max(20).default(10),
      pageToken: pageTokenArg,
    })
    .strict(),
  output: z.object({
    marketplaceId: z.string(),
    numberOfResults: z.number(),
    listings: z.array(listingViewSchema),
    nextPageToken: z.string().optional(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    if (args.skus && args.identifiers) throw new ToolError('INVALID_REQUEST', 'Give skus or identifiers, not both.');
    if (args.identifiers && !args.identifiersType) throw new ToolError('INVALID_REQUEST', 'identifiersType is required with identifiers.');
    const marketplaceId = ctx.marketplace(args.marketplace);
    const ids = args.skus
      ? { identifiers: args.skus, identifiersType: 'SKU' as const }
      : args.identifiers
        ? { identifiers: args.identifiers, identifiersType: args.identifiersType! }
        : {};
    const res = await ctx.client.searchListingsItems(
      {
        sellerId: ctx.sellerId,
        marketplaceIds: [marketplaceId],
        ...ids,
        includedData: ['summaries', 'issues', 'offers', 'fulfillmentAvailability'],
        ...(args.withIssueSeverity ? { withIssueSeverity: args.withIssueSeverity } : {}),
        ...(args.withStatus ? { withStatus: args.withStatus } : {}),
        ...(args.sortBy ? { sortBy: args.sortBy } : {}),
        ...(args.sortOrder ? { sortOrder: args.sortOrder } : {}),
        pageSize: args.pageSize,
        ...(args.pageToken ? { pageToken: args.pageToken } : {}),
      },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    const next = res.pagination?.nextToken;
    return {
      marketplaceId,
      numberOfResults: res.numberOfResults ?? res.items.length,
      listings: res.items.map((i) => trimListing(i, marketplaceId, false)),
      ...(next ? { nextPageToken: next } : {}),
    };
  },
});

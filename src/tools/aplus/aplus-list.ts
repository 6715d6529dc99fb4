import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { marketplaceArg, pageTokenArg } from '../common.js';

export const aplusList = defineTool({
  name: 'aplus_list',
  title: 'List A+ Content documents',
  summary: "the seller's A+ Content documents with status (DRAFT, SUBMITTED, APPROVED, REJECTED), badges and last update, paged",
  description:
    "List the seller's A+ Content documents in one marketplace: contentReferenceKey, name, status (DRAFT = not " +
    "submitted, SUBMITTED = waiting for Amazon's review, APPROVED = published to its ASINs, REJECTED = needs changes), " +
    'badges and last update. Use status to see how a submission went. Next: aplus_get with a contentReferenceKey for ' +
    'the modules and the ASINs it applies to. Paged: pass nextPageToken back as pageToken (pages can be empty).',
  toolset: 'aplus',
  capability: 'aplus.read',
  input: z
    .object({
      status: z.enum(['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED']).optional().describe('Only documents in this status (filtered on this page).'),
      marketplace: marketplaceArg,
      pageToken: pageTokenArg,
    })
    .strict(),
  output: z.object({
    marketplaceId: z.string(),
    documents: z.array(
      z.object({ contentReferenceKey: z.string(), name: z.string(), status: z.string(), badges: z.array(z.string()), updateTime: z.string() }),
    ),
    nextPageToken: z.string().optional(),
    next: z.string(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const res = await ctx.client.searchContentDocuments(
      { marketplaceId, ...(args.pageToken ? { pageToken: args.pageToken } : {}) },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    const documents = res.contentMetadataRecords
      .map((r) => ({
        contentReferenceKey: r.contentReferenceKey,
        name: r.contentMetadata.name,
        status: r.contentMetadata.status,
        badges: r.contentMetadata.badgeSet,
        updateTime: r.contentMetadata.updateTime,
      }))
      .filter((d) => !args.status || d.status === args.status);
    return {
      marketplaceId,
      documents,
      ...(res.nextPageToken ? { nextPageToken: res.nextPageToken } : {}),
      next: res.nextPageToken
        ? 'More documents: call again with pageToken = nextPageToken.'
        : 'Call aplus_get with a contentReferenceKey to read its modules and ASINs.',
    };
  },
});

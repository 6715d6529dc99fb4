// Feeds 2021-06-30: the parameters we accept, the responses we read (written from Amazon's models, not copied) and one
// declaration per operation. Responses are loose objects: Amazon adds fields over time and that must not break us.
import { z } from 'zod';
import { documentDescriptor, listFilters, listQuery, operation, processingStatus } from '../declare.js';

export const createFeedDocumentParams = z.object({ contentType: z.string().min(1) });
export const createFeedDocumentResult = z.looseObject({ feedDocumentId: z.string(), url: z.string() });

export const createFeedParams = z.object({
  feedType: z.string().min(1),
  marketplaceIds: z.array(z.string().min(1)).min(1).max(25).optional(),
  inputFeedDocumentId: z.string().min(1),
  feedOptions: z.record(z.string(), z.string()).optional(),
});
export const createFeedResult = z.looseObject({ feedId: z.string() });

export const feedSchema = z.looseObject({
  feedId: z.string(),
  feedType: z.string(),
  marketplaceIds: z.array(z.string()).optional(),
  createdTime: z.string(),
  processingStatus: processingStatus.or(z.string()),
  processingStartTime: z.string().optional(),
  processingEndTime: z.string().optional(),
  resultFeedDocumentId: z.string().optional(),
});
export type Feed = z.infer<typeof feedSchema>;

export const feedIdParams = z.object({ feedId: z.string().min(1) });

export const getFeedsParams = z
  .object({ feedTypes: z.array(z.string().min(1)).min(1).max(10).optional(), ...listFilters })
  .refine((p) => p.feedTypes || p.nextToken, { message: 'feedTypes or nextToken is required' });
export const getFeedsResult = z.looseObject({ feeds: z.array(feedSchema), nextToken: z.string().optional() });

export const feedDocumentSchema = documentDescriptor.extend({ feedDocumentId: z.string() });
export type FeedDocument = z.infer<typeof feedDocumentSchema>;

export const getFeedDocumentParams = z.object({ feedDocumentId: z.string().min(1), enableContentEncodingUrlHeader: z.boolean().optional() });

export const feedsOperations = {
  createFeedDocument: operation({
    params: createFeedDocumentParams,
    result: createFeedDocumentResult,
    request: (p) => ({ body: { contentType: p.contentType } }),
  }),
  createFeed: operation({
    params: createFeedParams,
    result: createFeedResult,
    request: (p, s) => ({ body: { ...p, marketplaceIds: s.marketplaces(p.marketplaceIds) } }),
  }),
  getFeed: operation({ params: feedIdParams, result: feedSchema, request: (p) => ({ path: { feedId: p.feedId } }) }),
  getFeeds: operation({ params: getFeedsParams, result: getFeedsResult, request: (p, s) => ({ query: listQuery(p, s) }) }),
  cancelFeed: operation({ params: feedIdParams, result: undefined, request: (p) => ({ path: { feedId: p.feedId } }) }),
  getFeedDocument: operation({
    params: getFeedDocumentParams,
    result: feedDocumentSchema,
    request: (p) => ({ path: { feedDocumentId: p.feedDocumentId }, query: { enableContentEncodingUrlHeader: p.enableContentEncodingUrlHeader } }),
  }),
};

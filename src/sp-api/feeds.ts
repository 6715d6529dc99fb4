// createFeedDocument → upload → createFeed in one call.
import type { CallOptions, SpApiClient } from './client.js';
import { SpApiInputError } from './errors.js';

export interface SubmitFeedInput {
  feedType: string;
  /** Default: the client's marketplace. */
  marketplaceIds?: string[];
  /** Feed body; a string is encoded in the charset named by contentType (UTF-8 by default). */
  content: Buffer | string;
  /** e.g. "application/json; charset=UTF-8" for JSON_LISTINGS_FEED. Sent unchanged to createFeedDocument and the upload. */
  contentType: string;
  feedOptions?: Record<string, string>;
}

export interface SubmittedFeed {
  feedId: string;
  feedDocumentId: string;
}

/**
 * Uploads a feed and submits it. createFeed is not retried after it may have reached Amazon (see retry.ts),
 * so a network error here can mean "submitted or not": check getFeeds before resubmitting.
 */
export async function submitFeedDocument(client: SpApiClient, input: SubmitFeedInput, opts: CallOptions = {}): Promise<SubmittedFeed> {
  const size = typeof input.content === 'string' ? Buffer.byteLength(input.content) : input.content.length;
  if (size === 0) throw new SpApiInputError('submitFeedDocument: feed content is empty', { operation: 'createFeed' });
  const doc = await client.createFeedDocument({ contentType: input.contentType }, opts);
  await client.uploadFeedDocument(doc, input.content, input.contentType, opts.signal ? { signal: opts.signal } : {});
  const feed = await client.createFeed(
    {
      feedType: input.feedType,
      inputFeedDocumentId: doc.feedDocumentId,
      ...(input.marketplaceIds ? { marketplaceIds: input.marketplaceIds } : {}),
      ...(input.feedOptions ? { feedOptions: input.feedOptions } : {}),
    },
    opts,
  );
  return { feedId: feed.feedId, feedDocumentId: doc.feedDocumentId };
}

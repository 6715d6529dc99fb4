// createFeedDocument → upload → createFeed in one call.
import type { CallOptions, SpApiClient } from './client.js';
import { SpApiInputError } from './errors.js';

/** Amazon's limit for one feed document (Feeds API guide). */
export const MAX_FEED_BYTES = 10 * 1024 * 1024;

/** Cheap envelope check for JSON_LISTINGS_FEED (full schema validation belongs to src/validation). */
function checkListingsEnvelope(content: Buffer | string): void {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof content === 'string' ? content : content.toString('utf8'));
  } catch {
    throw new SpApiInputError('submitFeedDocument: JSON_LISTINGS_FEED content is not valid JSON', { operation: 'createFeed' });
  }
  const d = doc as { header?: { sellerId?: unknown; version?: unknown }; messages?: unknown };
  const issues: string[] = [];
  if (typeof d?.header?.sellerId !== 'string' || d.header.sellerId === '') issues.push('header.sellerId is required');
  if (d?.header?.version !== '2.0') issues.push('header.version must be "2.0"');
  if (!Array.isArray(d?.messages) || d.messages.length < 1 || d.messages.length > 25_000) issues.push('messages must hold 1 to 25,000 messages');
  if (issues.length) {
    throw new SpApiInputError(`submitFeedDocument: invalid JSON_LISTINGS_FEED envelope — ${issues.join('; ')}`, { operation: 'createFeed', issues });
  }
}

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
  if (size > MAX_FEED_BYTES) {
    throw new SpApiInputError(`submitFeedDocument: feed is ${size} bytes; Amazon asks for less than 10 MiB — split it into several feeds`, {
      operation: 'createFeed',
    });
  }
  if (input.feedType === 'JSON_LISTINGS_FEED') checkListingsEnvelope(input.content);
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

// Feeds API 2021-06-30: documents, feed lifecycle (IN_QUEUE → IN_PROGRESS → DONE/FATAL), result documents.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { EmuReply, EmuRequest, EmulatorContext, HandlerTable } from '../types.js';
import { badRequest, checkMarketplaceIds, iso, JobBook, isStringMap, jsonBody, notFound, type Job } from './jobs.js';
import { applyListingsFeed, checkListingsFeed, fatalReport, type ProcessingReport } from './listings-feed.js';

// Feed types the emulator accepts; only JSON_LISTINGS_FEED changes state, the others get a plain summary.
const FEED_TYPES = new Set([
  'JSON_LISTINGS_FEED',
  'POST_FLAT_FILE_INVLOADER_DATA',
  'POST_ORDER_FULFILLMENT_DATA',
  'POST_FLAT_FILE_FULFILLMENT_DATA',
  'POST_ORDER_ACKNOWLEDGEMENT_DATA',
  'POST_PAYMENT_ADJUSTMENT_DATA',
  'POST_FBA_INBOUND_CARTON_CONTENTS',
  'UPLOAD_VAT_INVOICE',
  'POST_EASYSHIP_DOCUMENTS',
]);

interface FeedJob extends Job {
  inputFeedDocumentId: string;
  /** Snapshot of the uploaded bytes when the feed was created. */
  input: Buffer;
}

export function createFeedsHandlers(ctx: EmulatorContext): HandlerTable {
  const resultOwners = new Map<string, string>(); // result document id → seller
  const book = new JobBook<FeedJob>(
    () => ctx.clock.now(),
    () => ctx.jobStepMs,
    runFeed,
    50_000_100_000,
  );

  function runFeed(feed: FeedJob): NonNullable<Job['outcome']> {
    const { report, fatal } = feed.type === 'JSON_LISTINGS_FEED' ? processListingsFeed(feed) : { report: null, fatal: false };
    const bytes = report ? Buffer.from(JSON.stringify(report)) : Buffer.from(plainSummary(feed), 'utf8');
    const documentId = ctx.documents.putDownload(gzipSync(bytes), {
      contentType: report ? 'application/json' : 'text/plain; charset=UTF-8',
      compressed: true,
    });
    resultOwners.set(documentId, feed.sellerId);
    return { status: fatal ? 'FATAL' : 'DONE', documentId };
  }

  function processListingsFeed(feed: FeedJob): { report: ProcessingReport; fatal: boolean } {
    let doc: unknown;
    try {
      doc = JSON.parse(decodeUpload(feed.input));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return { report: fatalReport(feed.sellerId, feed.id, 'FEED_PARSE_ERROR', [`The feed document is not valid JSON: ${why}`]), fatal: true };
    }
    const checked = checkListingsFeed(doc, feed.sellerId);
    if (Array.isArray(checked)) return { report: fatalReport(feed.sellerId, feed.id, 'FEED_SCHEMA_ERROR', checked), fatal: true };
    return { report: applyListingsFeed(ctx.listings, checked, feed.id, feed.sellerId, feed.marketplaceIds), fatal: false };
  }

  function view(feed: FeedJob): Record<string, unknown> {
    const status = book.status(feed);
    const started = book.startedAt(feed);
    const ended = book.endedAt(feed);
    return {
      feedId: feed.id,
      feedType: feed.type,
      marketplaceIds: feed.marketplaceIds,
      createdTime: iso(feed.createdAt),
      processingStatus: status,
      ...(started !== undefined ? { processingStartTime: iso(started) } : {}),
      ...(ended !== undefined ? { processingEndTime: iso(ended) } : {}),
      ...(feed.outcome?.documentId ? { resultFeedDocumentId: feed.outcome.documentId } : {}),
    };
  }

  return {
    createFeedDocument(req) {
      const body = jsonBody(req.body);
      const contentType = body?.['contentType'];
      if (typeof contentType !== 'string' || contentType.trim() === '') return badRequest('contentType is required.');
      const { documentId, url } = ctx.documents.createUpload(contentType);
      return { status: 201, body: { feedDocumentId: documentId, url } };
    },

    createFeed(req) {
      const body = jsonBody(req.body);
      if (!body) return badRequest('The request body must be a JSON CreateFeedSpecification.');
      const { feedType, marketplaceIds, inputFeedDocumentId, feedOptions } = body;
      if (typeof feedType !== 'string' || feedType === '') return badRequest('feedType is required.');
      if (!FEED_TYPES.has(feedType)) return badRequest(`Invalid feedType: ${feedType}.`);
      const mpError = checkMarketplaceIds(marketplaceIds, 25);
      if (mpError) return badRequest(mpError);
      if (typeof inputFeedDocumentId !== 'string' || inputFeedDocumentId === '') return badRequest('inputFeedDocumentId is required.');
      if (feedOptions !== undefined && !isStringMap(feedOptions)) return badRequest('feedOptions must be a map of strings.');
      const upload = ctx.documents.uploaded(inputFeedDocumentId);
      if (!upload) {
        return badRequest(`inputFeedDocumentId ${inputFeedDocumentId} does not exist or no content was uploaded to it.`);
      }
      const feed: FeedJob = {
        id: book.newId(),
        sellerId: req.sellerId,
        type: feedType,
        marketplaceIds: marketplaceIds as string[],
        createdAt: ctx.clock.now(),
        inputFeedDocumentId,
        input: Buffer.from(upload.bytes),
      };
      book.add(feed);
      return { status: 202, body: { feedId: feed.id } };
    },

    getFeed(req) {
      const feed = book.get(req.sellerId, req.params['feedId'] ?? '');
      return feed ? { status: 200, body: view(feed) } : notFound(`Feed ${req.params['feedId']} not found.`);
    },

    getFeeds(req) {
      const page = book.list(req.sellerId, req.query, 'feedTypes');
      if ('status' in page) return page;
      return { status: 200, body: { feeds: page.items.map(view), ...(page.nextToken ? { nextToken: page.nextToken } : {}) } };
    },

    cancelFeed(req) {
      const feed = book.get(req.sellerId, req.params['feedId'] ?? '');
      if (!feed) return notFound(`Feed ${req.params['feedId']} not found.`);
      if (!book.cancel(feed)) {
        return badRequest(`Only feeds with processingStatus IN_QUEUE can be cancelled; feed ${feed.id} is ${book.status(feed)}.`);
      }
      return { status: 200 };
    },

    getFeedDocument(req: EmuRequest): EmuReply {
      book.settle();
      const id = req.params['feedDocumentId'] ?? '';
      if (resultOwners.get(id) !== req.sellerId) return notFound(`Feed document ${id} not found.`);
      const url = ctx.documents.downloadUrl(id);
      if (!url) return notFound(`Feed document ${id} not found.`);
      return { status: 200, body: { feedDocumentId: id, url, compressionAlgorithm: 'GZIP' } };
    },
  };
}

/** Uploads may be gzip-compressed (detected by magic bytes) and may carry a UTF-8 BOM. */
function decodeUpload(bytes: Buffer): string {
  const raw = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return raw.toString('utf8').replace(/^\uFEFF/, '');
}

/** Amazon's flat processing summary for feed types the emulator does not interpret. */
function plainSummary(feed: FeedJob): string {
  let records: number;
  try {
    records = Math.max(
      0,
      decodeUpload(feed.input)
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '').length - 1,
    );
  } catch {
    records = 0;
  }
  return ['Feed Processing Summary:', `\tNumber of records processed\t\t${records}`, `\tNumber of records successful\t\t${records}`, ''].join('\n');
}

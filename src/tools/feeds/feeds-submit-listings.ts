import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { marketplaceArg } from '../common.js';
import { runWrite } from '../../workflows/write-flow.js';
import { confirmationTokenArg, writeOutputSchema } from '../../core/writes.js';
import { MAX_FEED_BYTES, submitFeedDocument } from '../../sp-api/feeds.js';
import { checkEnvelope, countByOperation, diffMessages, MAX_FEED_MESSAGES, type FeedEnvelope } from '../../workflows/listings-feed.js';

const CONTENT_TYPE = 'application/json; charset=UTF-8';
const MAX_LISTED_PROBLEMS = 20;

export const feedsSubmitListings = defineTool({
  name: 'feeds_submit_listings',
  longRunning: true,
  title: 'Submit many listing changes as one feed',
  summary:
    'a JSON_LISTINGS_FEED from messages, envelope checked before upload; preview with counts per operation and diffs page by page, then confirmation',
  description:
    "Create, replace, change or delete many listings at once with a JSON_LISTINGS_FEED (Amazon's bulk path: one feed " +
    'instead of thousands of calls). Each message: {messageId?, sku, operationType: UPDATE | PARTIAL_UPDATE | PATCH | ' +
    'DELETE, productType, requirements?, attributes?, patches?}: UPDATE replaces all attributes (needs productType and ' +
    'attributes), PARTIAL_UPDATE replaces the attributes given (productType, attributes), PATCH applies ' +
    '{op: add|replace|merge|delete, path: "/attributes/<name>", value: [...]} patches (productType, patches), DELETE ' +
    "needs only sku. messageId defaults to the position (1-based). At most 25,000 messages (and the server's batch " +
    "limit). The envelope is checked against Amazon's feed rules before anything is uploaded. Two steps with human " +
    'approval: the first call writes nothing and returns counts per operation and, for the first diffLimit messages ' +
    'from diffOffset, the before/after against the live listings (call again with a higher diffOffset to see more); ' +
    'then the user approves in a form, or you call again with the same messages plus confirmationToken. Result: a ' +
    'feedId; Amazon processes feeds in minutes to hours. Next: feeds_status with the feedId.',
  toolset: 'feeds',
  capability: 'feeds.write',
  input: z
    .object({
      messages: z
        .array(z.record(z.string(), z.json()))
        .min(1)
        .max(MAX_FEED_MESSAGES)
        .describe("Feed messages in Amazon's listings-feed shape (see the description)."),
      marketplace: marketplaceArg,
      issueLocale: z
        .string()
        .regex(/^[a-z]{2}_[A-Z]{2}$/)
        .optional()
        .describe('Language of issue messages, e.g. en_US, de_DE.'),
      diffOffset: z.number().int().min(0).default(0).describe('Preview only: first message whose diff is shown.'),
      diffLimit: z.number().int().min(1).max(50).default(20).describe('Preview only: how many message diffs to show.'),
      confirmationToken: confirmationTokenArg,
    })
    .strict(),
  output: writeOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const messages = args.messages.map((m, i) => (m.messageId === undefined ? { messageId: i + 1, ...m } : m));
    const envelope = {
      header: {
        sellerId: ctx.sellerId,
        version: '2.0',
        ...(args.issueLocale ? { issueLocale: args.issueLocale } : {}),
        // Without includedData the processing report omits the issues that appear while the listings are processed.
        report: { includedData: ['issues'], apiVersion: '2021-08-01' },
      },
      messages,
    };
    const problems = checkEnvelope(envelope);
    if (problems.length > 0) {
      throw new ToolError(
        'INVALID_REQUEST',
        `The feed does not follow Amazon's listings-feed rules, so nothing was uploaded (${problems.length} problem(s)): ` +
          `${problems.slice(0, MAX_LISTED_PROBLEMS).join('; ')}${problems.length > MAX_LISTED_PROBLEMS ? '; …' : ''}. Fix the messages and call again.`,
        { problems: problems.slice(0, 50) },
      );
    }
    const feed = envelope as unknown as FeedEnvelope;
    const content = JSON.stringify(envelope);
    if (Buffer.byteLength(content) > MAX_FEED_BYTES) {
      throw new ToolError(
        'BATCH_TOO_LARGE',
        `The feed is ${Buffer.byteLength(content)} bytes; Amazon takes less than 10 MiB per feed. Split the messages into several feeds.`,
      );
    }
    const counts = countByOperation(feed.messages);
    const skus = new Set(feed.messages.map((m) => m.sku)).size;
    return runWrite(
      ctx,
      {
        request: {
          tool: 'feeds_submit_listings',
          sellerId: ctx.sellerId,
          marketplaceId,
          sku: `JSON_LISTINGS_FEED (${messages.length} messages)`,
          payload: envelope,
        },
        items: messages.length,
        async preview() {
          const diffs = await diffMessages(ctx, feed.messages, marketplaceId, args.diffOffset, args.diffLimit);
          const shownEnd = args.diffOffset + diffs.length;
          return {
            summary:
              `feeds_submit_listings will submit a JSON_LISTINGS_FEED of ${messages.length} message(s) for ${skus} SKU(s) to marketplace ` +
              `${marketplaceId}: ${Object.entries(counts)
                .map(([op, n]) => `${op} ${n}`)
                .join(', ')}.`,
            diffPreview: {
              messages: messages.length,
              skus,
              operations: counts,
              diffsShown: diffs.length
                ? `${args.diffOffset + 1}–${shownEnd} of ${messages.length}`
                : `none (diffOffset ${args.diffOffset} is past the end)`,
              ...(shownEnd < messages.length ? { nextDiffOffset: shownEnd } : {}),
              diffs: diffs as unknown as Record<string, unknown>[],
            },
          };
        },
        async execute() {
          const submitted = await submitFeedDocument(
            ctx.client,
            { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [marketplaceId], content, contentType: CONTENT_TYPE },
            { signal: ctx.signal, onWait: ctx.onWait },
          );
          return {
            ok: true,
            status: 'SUBMITTED',
            result: { feedId: submitted.feedId, messages: messages.length, operations: counts },
            next:
              `Feed ${submitted.feedId} is queued at Amazon (processing takes minutes, sometimes hours). Call feeds_status with this ` +
              'feedId for the result and the issues per SKU. Do not resubmit the same messages meanwhile.',
          };
        },
      },
      args.confirmationToken,
    );
  },
});

import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { marketplaceArg } from '../common.js';
import { runWrite } from '../../workflows/write-flow.js';
import { confirmationTokenArg, writeOutputSchema } from '../../core/writes.js';
import { SpApiForbiddenError } from '../../sp-api/errors.js';
import { allowedActions, previousRequest, reasonsForNone, REQUESTED, REVIEW_ACTION, REVIEW_TOOL } from '../../workflows/solicitations.js';
import { amazonOrderIdArg } from './order-args.js';

export const solicitationsRequestReview = defineTool({
  name: REVIEW_TOOL,
  title: 'Ask a buyer for a review and seller feedback',
  summary: "Amazon's review and seller feedback request for one order, after confirmation; once per order",
  description:
    "Ask Amazon to send the buyer of one order Amazon's standard request for a product review and seller feedback (the " +
    '"Request a Review" button; the wording is Amazon\'s, not editable). Allowed once per order, 5–30 days after delivery. ' +
    'A second request for an order already asked through this server is refused here before reaching Amazon. Two steps ' +
    'with human approval, as every write: the first call sends nothing and returns confirm.summary (with whether Amazon ' +
    'offers the action now); then the user approves in a form, or you call again with the same arguments plus ' +
    'confirmationToken after the user approved. Check eligibility first with solicitations_check.',
  toolset: 'solicitations',
  capability: 'solicitations.write',
  sellerOnly: true,
  input: z.object({ amazonOrderId: amazonOrderIdArg, marketplace: marketplaceArg, confirmationToken: confirmationTokenArg }).strict(),
  output: writeOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const orderId = args.amazonOrderId;
    const previous = await previousRequest(ctx, orderId);
    if (previous) {
      await ctx.audit.append({
        event: 'refused',
        tool: REVIEW_TOOL,
        sellerId: ctx.sellerId,
        marketplaceId,
        sku: orderId,
        status: 'ALREADY_REQUESTED',
      });
      throw new ToolError(
        'INVALID_REQUEST',
        `A review request for order ${orderId} was already sent through this server on ${previous.at}. Amazon allows one per order, so nothing was sent.`,
      );
    }
    return runWrite(
      ctx,
      {
        request: { tool: REVIEW_TOOL, sellerId: ctx.sellerId, marketplaceId, sku: orderId, payload: { action: REVIEW_ACTION } },
        async preview() {
          const actions = await allowedActions(ctx, orderId, marketplaceId);
          const ok = actions.includes(REVIEW_ACTION);
          return {
            summary: `Ask Amazon to send the buyer of order ${orderId} (marketplace ${marketplaceId}) its standard review and seller feedback request. This cannot be undone or repeated.`,
            diffPreview: {
              amazonOrderId: orderId,
              action: REVIEW_ACTION,
              offeredByAmazonNow: ok,
              ...(ok ? {} : { reasons: reasonsForNone(undefined) }),
            },
            ...(ok ? {} : { blocked: `Amazon does not offer a review request for order ${orderId} now.` }),
          };
        },
        async execute() {
          let requestId: string | undefined;
          try {
            await ctx.client.createProductReviewAndSellerFeedbackSolicitation(
              { amazonOrderId: orderId, marketplaceIds: [marketplaceId] },
              { signal: ctx.signal, onWait: ctx.onWait, onMeta: (m) => (requestId = m.requestId) },
            );
          } catch (err) {
            // Amazon answers 403 "Unauthorized" for a repeat or an order outside the window: a refusal, not bad credentials.
            if (err instanceof SpApiForbiddenError && /solicitation|range|delivery/i.test(err.message)) {
              return {
                ok: false,
                status: 'NOT_AVAILABLE',
                requestId: err.requestId,
                result: { amazonMessage: err.message.slice(0, 300) },
                next: 'Amazon refused: the order is not eligible now. Do not retry unless solicitations_check says it is.',
              };
            }
            throw err;
          }
          return {
            ok: true,
            status: REQUESTED,
            requestId,
            result: { amazonOrderId: orderId },
            next: 'Amazon will send its review request to the buyer. Nothing more can be sent for this order.',
          };
        },
      },
      args.confirmationToken,
    );
  },
});

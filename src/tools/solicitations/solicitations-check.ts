import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { marketplaceArg } from '../common.js';
import { allowedActions, previousRequest, reasonsForNone, REVIEW_ACTION } from '../../workflows/solicitations.js';
import { amazonOrderIdArg } from './order-args.js';

export const solicitationsCheck = defineTool({
  name: 'solicitations_check',
  title: "Can we ask this order's buyer for a review?",
  summary: "can this order's buyer be asked for a review now, and why not",
  description:
    "Check which solicitation actions Amazon allows now for one order (today only productReviewAndSellerFeedback: Amazon's " +
    'standard request for a product review and seller feedback). When none is allowed, says why as far as can be known: ' +
    'already requested through this server (from our audit log, with the date), or otherwise the usual reasons (outside the ' +
    'window of 5–30 days after delivery, not shipped, already requested elsewhere): Amazon does not give the reason. ' +
    'Reads nothing about the buyer. Next: solicitations_request_review when canRequestReview is true.',
  toolset: 'solicitations',
  // A read about an order: available in read-only mode, unlike the request itself.
  capability: 'orders.read',
  sellerOnly: true,
  input: z.object({ amazonOrderId: amazonOrderIdArg, marketplace: marketplaceArg }).strict(),
  output: z.object({
    amazonOrderId: z.string(),
    marketplaceId: z.string(),
    actions: z.array(z.string()),
    canRequestReview: z.boolean(),
    alreadyRequestedAt: z.string().optional(),
    reasons: z.array(z.string()).optional(),
    next: z.string(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const previous = await previousRequest(ctx, args.amazonOrderId);
    const actions = await allowedActions(ctx, args.amazonOrderId, marketplaceId);
    const can = actions.includes(REVIEW_ACTION) && !previous;
    return {
      amazonOrderId: args.amazonOrderId,
      marketplaceId,
      actions,
      canRequestReview: can,
      ...(previous ? { alreadyRequestedAt: previous.at } : {}),
      ...(can ? {} : { reasons: reasonsForNone(previous) }),
      next: can
        ? 'The order is eligible now. If the user wants it, call solicitations_request_review (it asks for confirmation first).'
        : previous
          ? 'Nothing to do: this order was already asked. Do not request again.'
          : 'No request is possible now. If the order was delivered less than 5 days ago, check again later.',
    };
  },
});

import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { marketplaceArg } from '../common.js';

export const listingsRestrictions = defineTool({
  name: 'listings_restrictions',
  title: 'May the seller list this ASIN?',
  summary: 'may the seller list this ASIN?',
  description:
    'Check whether this seller may list an existing ASIN in one marketplace (and condition). Returns the restrictions with ' +
    'reasons (APPROVAL_REQUIRED: apply for approval in Seller Central via the link; NOT_ELIGIBLE; ASIN_NOT_FOUND). An empty ' +
    'list means no restriction. Use before offering on an existing ASIN. Next: listings_put with requirements LISTING_OFFER_ONLY.',
  toolset: 'listings',
  capability: 'listings.read',
  sellerOnly: true,
  input: z
    .object({
      asin: z.string().regex(/^[A-Z0-9]{10}$/, 'An ASIN is 10 uppercase letters or digits'),
      marketplace: marketplaceArg,
      conditionType: z
        .enum([
          'new_new',
          'new_open_box',
          'new_oem',
          'refurbished_refurbished',
          'used_like_new',
          'used_very_good',
          'used_good',
          'used_acceptable',
          'collectible_like_new',
          'collectible_very_good',
          'collectible_good',
          'collectible_acceptable',
          'club_club',
        ])
        .optional(),
    })
    .strict(),
  output: z.object({
    asin: z.string(),
    marketplaceId: z.string(),
    restricted: z.boolean(),
    restrictions: z.array(
      z.object({
        conditionType: z.string().optional(),
        reasons: z.array(z.object({ reasonCode: z.string().optional(), message: z.string(), links: z.array(z.string()).optional() })),
      }),
    ),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const res = await ctx.client.getListingsRestrictions(
      {
        asin: args.asin,
        sellerId: ctx.sellerId,
        marketplaceIds: [marketplaceId],
        ...(args.conditionType ? { conditionType: args.conditionType } : {}),
      },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    const restrictions = res.restrictions.map((r) => ({
      ...(r.conditionType ? { conditionType: r.conditionType } : {}),
      reasons: (r.reasons ?? []).map((reason) => ({
        ...(reason.reasonCode ? { reasonCode: reason.reasonCode } : {}),
        message: reason.message,
        ...(reason.links?.length ? { links: reason.links.map((l) => l.resource) } : {}),
      })),
    }));
    return { asin: args.asin, marketplaceId, restricted: restrictions.some((r) => r.reasons.length > 0), restrictions };
  },
});

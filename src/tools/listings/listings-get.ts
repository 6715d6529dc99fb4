import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { marketplaceArg, skuArg } from '../common.js';
import { listingViewSchema, trimListing } from './listing-view.js';

export const listingsGet = defineTool({
  name: 'listings_get',
  title: "Get one of the seller's listings",
  summary: 'one listing by SKU with status, price, quantity, issues',
  description:
    'Get one listing of this seller by SKU in one marketplace: ASIN, product type, title, status (BUYABLE, DISCOVERABLE), ' +
    'price, quantity, fulfillment channel and the issues Amazon reports on it (issues can appear minutes after a write was ' +
    'ACCEPTED: use this tool to check a listing after listings_put/listings_patch). With includeAttributes the full ' +
    'attributes are returned too (needed before a patch). A SKU that does not exist gives NOT_FOUND. ' +
    'Next: listings_patch to change price/quantity/attributes, listings_validate to check fixes.',
  toolset: 'listings',
  capability: 'listings.read',
  input: z
    .object({
      sku: skuArg,
      marketplace: marketplaceArg,
      includeAttributes: z.boolean().default(false).describe('Also return all attributes (larger reply).'),
    })
    .strict(),
  output: z.object({ marketplaceId: z.string(), listing: listingViewSchema }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const includedData: Array<'summaries' | 'issues' | 'offers' | 'fulfillmentAvailability' | 'productTypes' | 'attributes'> = [
      'summaries',
      'issues',
      'offers',
      'fulfillmentAvailability',
      'productTypes',
    ];
    if (args.includeAttributes) includedData.push('attributes');
    const item = await ctx.client.getListingsItem(
      { sellerId: ctx.sellerId, sku: args.sku, marketplaceIds: [marketplaceId], includedData },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    return { marketplaceId, listing: trimListing(item, marketplaceId, args.includeAttributes) };
  },
});

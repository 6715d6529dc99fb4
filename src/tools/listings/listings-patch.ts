import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { marketplaceArg, skuArg } from '../common.js';
import { productTypeArg } from './listings-validate.js';
import { runWrite } from '../../workflows/write-flow.js';
import { confirmationTokenArg, writeOutputSchema } from '../../core/writes.js';
import type { Patch } from '../../workflows/listing-diff.js';
import { patchListingPlan } from '../../workflows/listing-patch.js';

const patchArg = z
  .object({
    op: z.enum(['add', 'replace', 'merge', 'delete']),
    attribute: z.string().regex(/^[a-z0-9_]+$/, 'a top-level attribute name such as purchasable_offer'),
    value: z.array(z.json()).optional().describe("Entries in Amazon's shape. For delete: the selector values of the entries to remove."),
  })
  .strict();

export const listingsPatch = defineTool({
  name: 'listings_patch',
  title: 'Change part of a listing (price, quantity, attributes)',
  summary: 'change price, quantity or attributes (add/replace/merge/delete with selectors), same confirm flow',
  description:
    'Change some attributes of an existing listing without resending the rest: price, quantity, title, bullet points, images (listings_images is easier for images). ' +
    'Each patch is {op, attribute, value}: add/replace set the attribute; merge updates entries matched by their selector ' +
    'values (e.g. fulfillment_channel_code) and keeps other fields; delete removes the entries whose selector values you give. ' +
    'Examples (US): price → {"op":"replace","attribute":"purchasable_offer","value":[{"marketplace_id":"ATVPDKIKX0DER",' +
    '"currency":"USD","our_price":[{"schedule":[{"value_with_tax":24.99}]}]}]}; quantity → {"op":"replace","attribute":' +
    '"fulfillment_availability","value":[{"fulfillment_channel_code":"DEFAULT","quantity":15}]}. productType is the listing\'s ' +
    'current one (from listings_get). Two steps with human approval, as listings_put: the first call writes nothing and ' +
    'returns confirm.summary and confirm.diff_preview (the effect of each op, before/after, plus validation); then either ' +
    'the user approves in a form, or you call again with the same arguments plus confirmationToken after the user approved. ' +
    'ACCEPTED means queued, not live: check later with listings_get.',
  toolset: 'listings',
  capability: 'listings.write',
  input: z
    .object({
      sku: skuArg,
      productType: productTypeArg,
      patches: z.array(patchArg).min(1).max(50),
      marketplace: marketplaceArg,
      confirmationToken: confirmationTokenArg,
    })
    .strict(),
  output: writeOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const patches: Patch[] = args.patches.map((p) => ({
      op: p.op,
      path: `/attributes/${p.attribute}`,
      ...(p.value !== undefined ? { value: p.value as unknown[] } : {}),
    }));
    const plan = patchListingPlan(ctx, { tool: 'listings_patch', sku: args.sku, productType: args.productType, marketplaceId, patches });
    return runWrite(ctx, plan, args.confirmationToken);
  },
});

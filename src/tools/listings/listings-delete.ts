import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { marketplaceArg, skuArg } from '../common.js';
import { runWrite } from '../../workflows/write-flow.js';
import { confirmationTokenArg, writeOutputSchema } from '../../core/writes.js';
import { interpretSubmission, readLiveListing } from '../../workflows/listing-writes.js';
import { diffAttributes } from '../../workflows/listing-diff.js';

export const listingsDelete = defineTool({
  name: 'listings_delete',
  title: 'Delete a listing',
  summary: 'delete a listing, same confirm flow',
  description:
    "Delete the seller's listing for a SKU in one marketplace (the offer and the seller's attributes; the catalog ASIN stays). " +
    'Two steps with human approval: the first call writes nothing and returns confirm.summary and confirm.diff_preview ' +
    '(everything that disappears); then the user approves in a form, or you call again with the same arguments plus ' +
    'confirmationToken after the user approved. To stop selling temporarily, prefer listings_patch with quantity 0.',
  toolset: 'listings',
  capability: 'listings.write',
  input: z.object({ sku: skuArg, marketplace: marketplaceArg, confirmationToken: confirmationTokenArg }).strict(),
  output: writeOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    return runWrite(
      ctx,
      {
        request: { tool: 'listings_delete', sellerId: ctx.sellerId, marketplaceId, sku: args.sku, payload: { delete: true } },
        async preview() {
          const live = await readLiveListing(ctx, args.sku, marketplaceId);
          if (!live.exists) throw new ToolError('NOT_FOUND', `SKU "${args.sku}" has no listing in ${marketplaceId}; nothing to delete.`);
          const removed = diffAttributes(live.attributes, {});
          return {
            summary:
              `listings_delete will DELETE the listing for SKU "${args.sku}"${live.itemName ? ` ("${live.itemName}")` : ''} ` +
              `(product type ${live.productType ?? 'unknown'}) in marketplace ${marketplaceId}; ${removed.length} attribute(s) disappear.`,
            diffPreview: { status: live.status ?? [], removed },
          };
        },
        async execute() {
          let requestId: string | undefined;
          const res = await ctx.client.deleteListingsItem(
            { sellerId: ctx.sellerId, sku: args.sku, marketplaceIds: [marketplaceId] },
            { signal: ctx.signal, onWait: ctx.onWait, onMeta: (m) => (requestId = m.requestId) },
          );
          return interpretSubmission(res, requestId, args.sku);
        },
      },
      args.confirmationToken,
    );
  },
});

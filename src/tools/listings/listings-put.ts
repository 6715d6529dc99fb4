import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { attributesSchema, marketplaceArg, skuArg } from '../common.js';
import { productTypeArg, requirementsArg } from './listings-validate.js';
import { runWrite } from '../../workflows/write-flow.js';
import { confirmationTokenArg, writeOutputSchema } from '../../core/writes.js';
import { interpretSubmission, mergeIssues, readLiveListing, validateLocally } from '../../workflows/listing-writes.js';
import { diffAttributes } from '../../workflows/listing-diff.js';

export const listingsPut = defineTool({
  name: 'listings_put',
  title: 'Create or replace a listing',
  summary: 'create or replace a listing: preview with attribute diff and validation, human confirmation, then the write',
  description:
    'Create a new listing, or replace ALL attributes of an existing one, for a SKU in one marketplace. Two steps, and a human ' +
    'must approve: (1) call without confirmationToken: nothing is written; you get confirm.summary and confirm.diff_preview ' +
    "(every attribute before/after against the live listing, local schema issues and Amazon's VALIDATION_PREVIEW result). " +
    'If the client supports confirmation forms, the user is asked directly and the write happens on approval. Otherwise ' +
    'show the preview to the user, and only if they approve call again with the same arguments plus confirmationToken ' +
    '(single use, expires in 10 minutes; any change to the arguments needs a new preview). A result of ACCEPTED means ' +
    'queued at Amazon, not live: check later with listings_get. To change only price, quantity or a few attributes use ' +
    'listings_patch instead (a put replaces everything).',
  toolset: 'listings',
  capability: 'listings.write',
  input: z
    .object({
      sku: skuArg,
      productType: productTypeArg,
      attributes: attributesSchema.describe("The complete listing in Amazon's shape: name → array of entries."),
      requirements: requirementsArg,
      marketplace: marketplaceArg,
      confirmationToken: confirmationTokenArg,
    })
    .strict(),
  output: writeOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const attributes: Record<string, unknown> = args.attributes;
    const body = { productType: args.productType, requirements: args.requirements, attributes };
    return runWrite(
      ctx,
      {
        request: { tool: 'listings_put', sellerId: ctx.sellerId, marketplaceId, sku: args.sku, payload: body },
        async preview() {
          const live = await readLiveListing(ctx, args.sku, marketplaceId);
          const local = await validateLocally(ctx, { productType: args.productType, marketplaceId, requirements: args.requirements, attributes });
          const amazon = await ctx.client.putListingsItem(
            { sellerId: ctx.sellerId, sku: args.sku, marketplaceIds: [marketplaceId], mode: 'VALIDATION_PREVIEW', includedData: ['issues'], body },
            { signal: ctx.signal, onWait: ctx.onWait },
          );
          const issues = mergeIssues(local.issues, amazon.issues);
          const changes = diffAttributes(live.attributes, attributes);
          const what = live.exists ? `replace ALL attributes of the existing listing` : `create a NEW listing`;
          return {
            summary:
              `listings_put will ${what} SKU "${args.sku}" (product type ${args.productType}, requirements ${args.requirements}) ` +
              `in marketplace ${marketplaceId}: ${changes.length} attribute change(s).`,
            diffPreview: {
              listing: live.exists ? 'existing' : 'new listing',
              ...(live.productType && live.productType !== args.productType
                ? { productTypeChange: `${live.productType} → ${args.productType}` }
                : {}),
              changes,
              validationPreview: amazon.status,
              issues,
            },
            ...(amazon.status !== 'VALID' ? { blocked: `Amazon's validation preview says ${amazon.status}.` } : {}),
          };
        },
        async execute() {
          let requestId: string | undefined;
          const res = await ctx.client.putListingsItem(
            { sellerId: ctx.sellerId, sku: args.sku, marketplaceIds: [marketplaceId], includedData: ['issues', 'identifiers'], body },
            { signal: ctx.signal, onWait: ctx.onWait, onMeta: (m) => (requestId = m.requestId) },
          );
          return interpretSubmission(res, requestId, args.sku);
        },
      },
      args.confirmationToken,
    );
  },
});

import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { marketplaceArg, skuArg } from '../common.js';
import { productTypeArg } from './listings-validate.js';
import { runWrite } from '../../workflows/write-flow.js';
import { confirmationTokenArg, writeOutputSchema } from '../../core/writes.js';
import { interpretSubmission, mergeIssues, readLiveListing, validateLocally } from '../../workflows/listing-writes.js';
import { simulatePatches, type Patch } from '../../workflows/listing-diff.js';

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
    'Change some attributes of an existing listing without resending the rest: price, quantity, title, bullet points, images. ' +
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
    for (const p of patches) {
      if (p.op !== 'delete' && (!p.value || p.value.length === 0)) {
        throw new ToolError('INVALID_REQUEST', `${p.op} on ${p.path} needs a non-empty value array.`);
      }
    }
    const body = { productType: args.productType, patches };
    return runWrite(
      ctx,
      {
        request: { tool: 'listings_patch', sellerId: ctx.sellerId, marketplaceId, sku: args.sku, payload: body },
        async preview() {
          const live = await readLiveListing(ctx, args.sku, marketplaceId);
          if (!live.exists) {
            throw new ToolError(
              'NOT_FOUND',
              `SKU "${args.sku}" has no listing in ${marketplaceId}, so there is nothing to patch. Use listings_put to create it.`,
            );
          }
          const { after, effects } = simulatePatches(live.attributes, patches);
          const touched = new Set(effects.map((e) => e.attribute));
          const local = await validateLocally(ctx, { productType: args.productType, marketplaceId, requirements: 'LISTING', attributes: after });
          const amazon = await ctx.client.patchListingsItem(
            { sellerId: ctx.sellerId, sku: args.sku, marketplaceIds: [marketplaceId], mode: 'VALIDATION_PREVIEW', includedData: ['issues'], body },
            { signal: ctx.signal, onWait: ctx.onWait },
          );
          // Only issues on touched attributes are this patch's doing; others existed before.
          const mine = local.issues.filter((i) => i.attributeNames.length === 0 || i.attributeNames.some((a) => touched.has(a)));
          return {
            summary:
              `listings_patch will apply ${patches.length} change(s) (${patches.map((p) => `${p.op} ${p.path.slice(12)}`).join(', ')}) ` +
              `to SKU "${args.sku}" (product type ${args.productType}) in marketplace ${marketplaceId}.`,
            diffPreview: {
              effects,
              validationPreview: amazon.status,
              issues: mergeIssues(mine, amazon.issues),
              ...(local.issues.length > mine.length ? { otherExistingIssues: local.issues.length - mine.length } : {}),
              ...(live.productType && live.productType !== args.productType
                ? { warning: `The listing's product type is ${live.productType}, not ${args.productType}.` }
                : {}),
            },
            ...(amazon.status !== 'VALID' ? { blocked: `Amazon's validation preview says ${amazon.status}.` } : {}),
          };
        },
        async execute() {
          let requestId: string | undefined;
          const res = await ctx.client.patchListingsItem(
            { sellerId: ctx.sellerId, sku: args.sku, marketplaceIds: [marketplaceId], includedData: ['issues'], body },
            { signal: ctx.signal, onWait: ctx.onWait, onMeta: (m) => (requestId = m.requestId) },
          );
          return interpretSubmission(res, requestId, args.sku);
        },
      },
      args.confirmationToken,
    );
  },
});

// The plan behind every single-listing patch (listings_patch, listings_images): read the live listing, simulate the
// patches, validate locally and with Amazon's VALIDATION_PREVIEW, then send exactly those patches. runWrite confirms.
import type { ToolContext } from '../core/tool.js';
import { ToolError } from '../core/tool-error.js';
import type { WritePlan } from '../core/writes.js';
import { interpretSubmission, mergeIssues, readLiveListing, validateLocally } from './listing-writes.js';
import { simulatePatches, type Patch } from './listing-diff.js';
import { imageUrlProblems } from './image-urls.js';

export interface PatchPlanInput {
  tool: string;
  sku: string;
  productType: string;
  marketplaceId: string;
  patches: Patch[];
  /** Extra preview fields the calling tool adds (e.g. image before/after URLs), from the live attributes. */
  describe?(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown>;
}

/** Local refusals before anything is read: empty values and image URLs that are not plain https. */
export function checkPatches(patches: Patch[]): void {
  for (const p of patches) {
    if (p.op !== 'delete' && (!p.value || p.value.length === 0)) {
      throw new ToolError('INVALID_REQUEST', `${p.op} on ${p.path} needs a non-empty value array.`);
    }
  }
  const problems = imageUrlProblems(patches);
  if (problems.length) {
    throw new ToolError('INVALID_REQUEST', `Image URLs must be public https URLs; nothing was sent: ${problems.join('; ')}.`, { problems });
  }
}

export function patchListingPlan(ctx: ToolContext, input: PatchPlanInput): WritePlan {
  const { sku, productType, marketplaceId, patches } = input;
  checkPatches(patches);
  const body = { productType, patches };
  return {
    request: { tool: input.tool, sellerId: ctx.sellerId, marketplaceId, sku, payload: body },
    async preview() {
      const live = await readLiveListing(ctx, sku, marketplaceId);
      if (!live.exists) {
        throw new ToolError(
          'NOT_FOUND',
          `SKU "${sku}" has no listing in ${marketplaceId}, so there is nothing to patch. Use listings_put to create it.`,
        );
      }
      const { after, effects } = simulatePatches(live.attributes, patches);
      const touched = new Set(effects.map((e) => e.attribute));
      const local = await validateLocally(ctx, { productType, marketplaceId, requirements: 'LISTING', attributes: after });
      const amazon = await ctx.client.patchListingsItem(
        { sellerId: ctx.sellerId, sku, marketplaceIds: [marketplaceId], mode: 'VALIDATION_PREVIEW', includedData: ['issues'], body },
        { signal: ctx.signal, onWait: ctx.onWait },
      );
      // Only issues on touched attributes are this patch's doing; others existed before.
      const mine = local.issues.filter((i) => i.attributeNames.length === 0 || i.attributeNames.some((a) => touched.has(a)));
      return {
        summary:
          `${input.tool} will apply ${patches.length} change(s) (${patches.map((p) => `${p.op} ${p.path.slice(12)}`).join(', ')}) ` +
          `to SKU "${sku}" (product type ${productType}) in marketplace ${marketplaceId}.`,
        diffPreview: {
          ...(input.describe ? input.describe(live.attributes ?? {}, after) : {}),
          effects,
          validationPreview: amazon.status,
          issues: mergeIssues(mine, amazon.issues),
          ...(local.issues.length > mine.length ? { otherExistingIssues: local.issues.length - mine.length } : {}),
          ...(live.productType && live.productType !== productType
            ? { warning: `The listing's product type is ${live.productType}, not ${productType}.` }
            : {}),
        },
        ...(amazon.status !== 'VALID' ? { blocked: `Amazon's validation preview says ${amazon.status}.` } : {}),
      };
    },
    async execute() {
      let requestId: string | undefined;
      const res = await ctx.client.patchListingsItem(
        { sellerId: ctx.sellerId, sku, marketplaceIds: [marketplaceId], includedData: ['issues'], body },
        { signal: ctx.signal, onWait: ctx.onWait, onMeta: (m) => (requestId = m.requestId) },
      );
      return interpretSubmission(res, requestId, sku);
    },
  };
}

import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { loadBatch } from './batch.js';

export const exportDiscard = defineTool({
  name: 'export_discard',
  title: 'Discard an export batch',
  summary: "delete a batch from the server's local store (e.g. a file loaded twice); listings already at Amazon stay",
  description:
    "Delete an export batch from this server's local store: its products, mappings, states and rejected rows. Use it " +
    'when a file was loaded twice or the seller starts over. It changes nothing at Amazon: listings already submitted ' +
    'stay live (listings_delete removes those). Refused while products are being submitted; the mapping memory learned ' +
    'from accepted listings is kept. Next: export_load to start again, if wanted.',
  toolset: 'listings',
  capability: 'listings.read',
  input: z.object({ batchId: z.string().min(3).max(40) }).strict(),
  output: z.object({
    batchId: z.string(),
    discarded: z.boolean(),
    products: z.number(),
    atAmazon: z.number(),
    next: z.string(),
  }),
  // Like export_load: only our local store changes, never Amazon, so read-only mode keeps it.
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, ctx) {
    const batch = await loadBatch(ctx, args.batchId);
    const c = await ctx.exports.counts(batch.id);
    if ((c.byState.submitting ?? 0) > 0)
      throw new ToolError(
        'INVALID_REQUEST',
        `Batch ${batch.id} has ${c.byState.submitting} product(s) being submitted. Let export_submit finish (or resume it), then discard.`,
      );
    const atAmazon = (c.byState.submitted ?? 0) + (c.byState.accepted ?? 0);
    await ctx.exports.deleteBatch(batch.id);
    return {
      batchId: batch.id,
      discarded: true,
      products: c.total,
      atAmazon,
      next:
        atAmazon > 0
          ? `Discarded locally. ${atAmazon} listing(s) from this batch are at Amazon and stay live; use listings_delete to remove any of them.`
          : 'Discarded. Nothing from this batch was at Amazon.',
    };
  },
});

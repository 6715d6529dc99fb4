// Helpers shared by the export tools.
import { ToolError } from '../../core/tool-error.js';
import type { ToolContext } from '../../core/tool.js';
import type { Batch } from '../../store/export-store.js';

export async function loadBatch(ctx: ToolContext, batchId: string): Promise<Batch> {
  const batch = await ctx.exports.getBatch(batchId);
  if (!batch || batch.sellerId !== ctx.sellerId) {
    throw new ToolError('NOT_FOUND', `No export batch "${batchId}" for this seller. export_load creates one and returns its batchId.`);
  }
  return batch;
}

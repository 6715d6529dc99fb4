import { z } from 'zod';
import { defineTool, type ToolContext } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { runWrite } from '../../workflows/write-flow.js';
import { confirmationTokenArg, writeOutputSchema, type WriteOutcome, type WriteOutput } from '../../core/writes.js';
import { loadBatch } from './batch.js';
import { BatchSubmitter, type SubmitOptions } from '../../workflows/export/submit.js';
import { buildBatchPreview, submissionRequest } from '../../workflows/export/preview.js';
import type { Batch, BatchCounts } from '../../store/export-store.js';

export function countsLine(c: BatchCounts): string {
  return `total ${c.total} · categorized ${c.categorized} · submitted ${c.submitted} · accepted ${c.accepted} · failed ${c.failed}${c.skipped ? ` · skipped ${c.skipped}` : ''}`;
}

export function submitter(ctx: ToolContext, batch: Batch, opts: Partial<SubmitOptions> = {}): BatchSubmitter {
  let step = 0;
  return new BatchSubmitter(ctx, batch, {
    path: opts.path ?? 'auto',
    recheckAfterMs: opts.recheckAfterMs ?? 5_000,
    feedPollMs: opts.feedPollMs ?? 500,
    onCounts: (c, note) => {
      step++;
      void ctx.progress({ progress: step, message: `${countsLine(c)} — ${note}` });
    },
  });
}

function notSentText(c: BatchCounts): string {
  const parts = [
    c.skipped ? `${c.skipped} skipped by the seller` : '',
    c.byState.invalid ? `${c.byState.invalid} invalid (facts missing or wrong, see export_status state "invalid")` : '',
    c.byState.loaded ? `${c.byState.loaded} never mapped` : '',
  ].filter(Boolean);
  return parts.length ? `; not sent: ${parts.join(', ')}` : '';
}

async function execute(ctx: ToolContext, batch: Batch, opts: Partial<SubmitOptions>): Promise<WriteOutcome> {
  const started = Date.now();
  const { path, submitted } = await submitter(ctx, batch, opts).run();
  const counts = await ctx.exports.counts(batch.id);
  const failed = await ctx.exports.products(batch.id, { states: ['failed'], limit: 20 });
  return {
    ok: true,
    status: counts.failed > 0 ? 'DONE_WITH_FAILURES' : 'DONE',
    result: {
      path,
      sentThisRun: submitted,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      counts: {
        total: counts.total,
        categorized: counts.categorized,
        submitted: counts.submitted,
        accepted: counts.accepted,
        failed: counts.failed,
        skipped: counts.skipped,
      },
      byState: counts.byState,
      stillProcessing: counts.byState.submitted ?? 0,
      failed: failed.map((p) => ({
        sku: p.sku,
        reason: p.reason ?? '',
        issues: p.issues
          .filter((i) => i.severity === 'ERROR')
          .slice(0, 3)
          .map((i) => `${i.code}: ${i.message}`),
      })),
    },
    next:
      counts.failed > 0
        ? 'Some products failed: read their issues (export_status), fix them with export_map, then export_preview and export_submit again — only the fixed products are sent.'
        : (counts.byState.submitted ?? 0) > 0
          ? 'Amazon is still processing some listings: call export_status with refresh=true in a few minutes, then export_report.'
          : `Every product sent is accepted${notSentText(counts)}. Next: export_report for the Submission and Attribute Mapping reports.`,
  };
}

export const exportSubmit = defineTool({
  name: 'export_submit',
  longRunning: true,
  title: 'Submit an export batch to Amazon',
  summary:
    'submit the approved products by the faster path (Listings API or JSON_LISTINGS_FEED), follow them to a final state, live progress, resumable; retries only fixed failures',
  description:
    'Submit the valid products of an export batch to Amazon, after a human approved exactly them: pass the ' +
    'confirmationToken from export_preview (once the user approved), or, on clients with confirmation forms, the user is ' +
    'asked directly. The path follows rate math: the Listings Items API for small batches (5 per second, answers per ' +
    'product), a JSON_LISTINGS_FEED for large ones (up to 25,000 per feed). Listings are followed to a final state: ' +
    'ACCEPTED is re-checked for late issues. Sends progress (total, categorized, submitted, accepted, failed) while it ' +
    'runs; it may take minutes and can be cancelled — export_status always tells the truth afterwards. Calling it again ' +
    'resumes an interrupted run without sending anything twice, and after export_map fixes it retries only the failed ' +
    'products (with a new preview). Next: export_status, export_report.',
  toolset: 'listings',
  capability: 'listings.write',
  input: z
    .object({
      batchId: z.string().min(3).max(40),
      confirmationToken: confirmationTokenArg,
      path: z.enum(['auto', 'api', 'feed']).default('auto').describe('auto picks by batch size; api or feed force a path.'),
      recheckAfterSeconds: z.number().min(0).max(600).default(5).describe('Wait before re-checking accepted listings for late issues.'),
    })
    .strict(),
  output: writeOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run(args, ctx) {
    const batch = await loadBatch(ctx, args.batchId);
    const opts = { path: args.path, recheckAfterMs: args.recheckAfterSeconds * 1000 };
    const valid = await ctx.exports.products(batch.id, { states: ['valid'] });
    if (valid.length === 0) {
      const c = await ctx.exports.counts(batch.id);
      const resumable =
        (c.byState.confirmed ?? 0) + (c.byState.submitting ?? 0) + (c.byState.submitted ?? 0) + (await ctx.exports.openFeeds(batch.id)).length;
      if (resumable === 0) {
        throw new ToolError(
          'INVALID_REQUEST',
          `Nothing to submit in batch ${batch.id} (${countsLine(c)}; ${c.byState.invalid ?? 0} invalid, ${c.byState.loaded ?? 0} unmapped). Map and fix products with export_map first.`,
        );
      }
      // Resuming products a human already approved: no new confirmation needed.
      const outcome = await execute(ctx, batch, opts);
      await ctx.audit.append({
        event: 'result',
        tool: 'export_submit',
        sellerId: ctx.sellerId,
        marketplaceId: batch.marketplaceId,
        sku: batch.id,
        status: outcome.status,
        detail: { resumed: true },
      });
      const resumed: WriteOutput = {
        phase: 'executed',
        result: { status: outcome.status, ...outcome.result } as WriteOutput['result'],
        next: outcome.next,
      };
      return resumed;
    }
    return runWrite(
      ctx,
      {
        request: submissionRequest(ctx, batch, valid),
        items: valid.length,
        preview: () => buildBatchPreview(ctx, batch, valid, { offset: 0, limit: 5 }),
        async execute() {
          await ctx.exports.transaction(async () => {
            for (const p of valid) await ctx.exports.updateProduct(batch.id, p.sku, { state: 'confirmed' });
          });
          return execute(ctx, batch, opts);
        },
      },
      args.confirmationToken,
    );
  },
});

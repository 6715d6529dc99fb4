import { z } from 'zod';
import { defineTool } from '../../core/tool.js';
import { loadBatch } from './batch.js';
import { countsLine, submitter } from './export-submit.js';

const STATES = ['loaded', 'invalid', 'valid', 'confirmed', 'submitting', 'submitted', 'accepted', 'failed', 'unresolvable', 'skipped'] as const;

export const exportStatus = defineTool({
  name: 'export_status',
  title: 'Where an export batch stands',
  summary: 'the five counters and per-product state, issues and reasons; correct after a crash or cancel',
  description:
    'The five counters of an export batch — total, categorized (product type set), submitted, accepted, failed — plus ' +
    "products page by page with their state, Amazon's issues and the reason for failures. Reads the durable store, so it " +
    'is correct even after an interrupted or cancelled export_submit. With refresh=true it first re-checks listings ' +
    'Amazon accepted but had not finished processing. Skipped products (the seller chose not to list them) are counted ' +
    'apart, never as failed; byState always sums to total. Filter by state (e.g. "failed") to work through fixes. ' +
    'Next: export_map to fix failures, export_submit to resume or retry, export_report.',
  toolset: 'listings',
  capability: 'listings.read',
  input: z
    .object({
      batchId: z.string().min(3).max(40),
      state: z.enum(STATES).optional(),
      refresh: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(50).default(20),
    })
    .strict(),
  output: z.object({
    batchId: z.string(),
    marketplaceId: z.string(),
    counts: z.object({
      total: z.number(),
      categorized: z.number(),
      submitted: z.number(),
      accepted: z.number(),
      failed: z.number(),
      skipped: z.number(),
      rejected: z.number(),
    }),
    byState: z.record(z.string(), z.number()),
    summary: z.string(),
    products: z.array(
      z.object({
        sku: z.string(),
        state: z.string(),
        productType: z.string().optional(),
        attempts: z.number(),
        reason: z.string().optional(),
        issues: z.array(z.string()),
        submission: z.string().optional(),
      }),
    ),
    nextOffset: z.number().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, ctx) {
    const batch = await loadBatch(ctx, args.batchId);
    if (args.refresh) await submitter(ctx, batch, { recheckAfterMs: 0 }).recheck();
    const c = await ctx.exports.counts(batch.id);
    const page = await ctx.exports.products(batch.id, {
      ...(args.state ? { states: [args.state] } : {}),
      offset: args.offset,
      limit: args.limit + 1,
    });
    const products = page.slice(0, args.limit).map((p) => ({
      sku: p.sku,
      state: p.state,
      ...(p.productType ? { productType: p.productType } : {}),
      attempts: p.attempts,
      ...(p.reason ? { reason: p.reason } : {}),
      issues: [...p.issues]
        .sort((a, b) => Number(b.severity === 'ERROR') - Number(a.severity === 'ERROR'))
        .slice(0, 5)
        .map((i) => `${i.severity} ${i.code}: ${i.message}${i.attributeNames?.length ? ` [${i.attributeNames.join(', ')}]` : ''}`),
      ...(p.submission
        ? {
            submission: `${p.submission.path}${p.submission.feedId ? ` feed ${p.submission.feedId}` : ''}${p.submission.status ? ` ${p.submission.status}` : ''}`,
          }
        : {}),
    }));
    return {
      batchId: batch.id,
      marketplaceId: batch.marketplaceId,
      counts: {
        total: c.total,
        categorized: c.categorized,
        submitted: c.submitted,
        accepted: c.accepted,
        failed: c.failed,
        skipped: c.skipped,
        rejected: c.rejected,
      },
      byState: c.byState as Record<string, number>,
      summary: countsLine(c),
      products,
      ...(page.length > args.limit ? { nextOffset: args.offset + args.limit } : {}),
    };
  },
});

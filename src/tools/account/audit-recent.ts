import { z } from 'zod';
import { defineTool } from '../../core/tool.js';

export const auditRecent = defineTool({
  name: 'audit_recent',
  title: 'Recent writes (audit log)',
  summary: 'the audit log of writes: previews, confirmations (and by whom), executions, results with request ids',
  description:
    'The audit log of writes made through this server, newest first: each preview, confirmation (and who confirmed: a form ' +
    "shown to the human, or a token), refusal, execution and Amazon's result with its request id and payload hash. " +
    'Filter by SKU, export batch or event; page with beforeId (the smallest id you have). Use it to answer "what did we change?" or to ' +
    'check whether a write already ran before retrying it.',
  toolset: 'account',
  capability: 'account.read',
  input: z
    .object({
      limit: z.number().int().min(1).max(100).default(20),
      sku: z.string().min(1).max(40).optional(),
      batch: z.string().min(3).max(40).optional().describe('An export batch id: the export_submit writes of that batch.'),
      event: z.enum(['preview', 'confirmed', 'declined', 'refused', 'execute', 'result']).optional(),
      beforeId: z.number().int().positive().optional(),
    })
    .strict(),
  output: z.object({
    entries: z.array(
      z.object({
        id: z.number(),
        ts: z.string(),
        event: z.string(),
        tool: z.string(),
        marketplaceId: z.string().optional(),
        sku: z.string().optional(),
        batch: z.string().optional(),
        payloadHash: z.string().optional(),
        confirmedBy: z.string().optional(),
        requestId: z.string().optional(),
        status: z.string().optional(),
        detail: z.record(z.string(), z.json()).optional(),
      }),
    ),
    nextBeforeId: z.number().optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    const rows = await ctx.audit.recent({
      limit: args.limit,
      ...(args.sku ? { sku: args.sku } : {}),
      ...(args.batch ? { batch: args.batch } : {}),
      ...(args.event ? { event: args.event } : {}),
      ...(args.beforeId ? { beforeId: args.beforeId } : {}),
    });
    const entries = rows.map(({ sellerId: _seller, ...r }) => r) as Array<Record<string, unknown>>;
    const last = rows.at(-1);
    return { entries: entries as never, ...(rows.length === args.limit && last ? { nextBeforeId: last.id } : {}) };
  },
});

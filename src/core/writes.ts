// What a write tool describes and what it answers: the preview shown for approval, the outcome of executing it,
// and the output every write tool shares. The one write path that uses these is src/workflows/write-flow.ts.
import { z } from 'zod';
import type { WriteRequest } from './confirm.js';

export interface WritePreview {
  /** One or two sentences: operation, SKU, marketplace, product type. */
  summary: string;
  /** Attribute-level before/after plus validation results. */
  diffPreview: Record<string, unknown>;
  /** Set when the write cannot be confirmed as it stands (e.g. Amazon's VALIDATION_PREVIEW says INVALID). */
  blocked?: string;
}

export interface WriteOutcome {
  ok: boolean;
  status: string;
  requestId?: string | undefined;
  result: Record<string, unknown>;
  next: string;
}

export interface WritePlan {
  request: WriteRequest;
  /** How many writes executing it counts for (1 for a listing, N for a batch). */
  items?: number;
  preview(): Promise<WritePreview>;
  execute(): Promise<WriteOutcome>;
}

export const confirmationTokenArg = z
  .string()
  .min(10)
  .max(2000)
  .optional()
  .describe('Only after the user approved the preview: the confirmationToken from that preview, with the same other arguments.');

export const writeOutputSchema = z.object({
  phase: z.enum(['preview', 'blocked', 'executed', 'declined']),
  confirm: z.object({ summary: z.string(), diff_preview: z.record(z.string(), z.json()) }).optional(),
  confirmationToken: z.string().optional(),
  expiresAt: z.string().optional(),
  confirmedBy: z.enum(['elicitation', 'token']).optional(),
  result: z.record(z.string(), z.json()).optional(),
  next: z.string(),
});
export type WriteOutput = z.infer<typeof writeOutputSchema>;

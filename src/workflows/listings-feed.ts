// JSON_LISTINGS_FEED: our own statement of Amazon's listings-feed v2 envelope rules (checked before any upload, so a
// bad feed never becomes a FATAL feed hours later), the per-message diff shown in the preview, and the processing
// report summarised per SKU.
import { listingsIncludedData } from '../sp-api/areas/listings.js';
import { z } from 'zod';
import type { ToolContext } from '../core/tool.js';
import { readLiveListing } from './listing-writes.js';
import { diffAttributes, simulatePatches, type AttributeChange, type Patch, type PatchEffect } from './listing-diff.js';

export const MAX_FEED_MESSAGES = 25_000;
const OPERATIONS = ['UPDATE', 'PARTIAL_UPDATE', 'PATCH', 'DELETE'] as const;

const plainObject = z.record(z.string(), z.unknown());

const patchSchema = z.looseObject({
  op: z.enum(['add', 'replace', 'merge', 'delete']),
  path: z.string(),
  value: z.array(plainObject).optional(),
});

// Which fields each operation needs (+) and forbids (-), as in Amazon's oneOf.
const RULES: Record<(typeof OPERATIONS)[number], { need: string[]; forbid: string[] }> = {
  UPDATE: { need: ['productType', 'attributes'], forbid: ['patches'] },
  PARTIAL_UPDATE: { need: ['productType', 'attributes'], forbid: ['requirements', 'patches'] },
  PATCH: { need: ['productType', 'patches'], forbid: ['requirements', 'attributes'] },
  DELETE: { need: [], forbid: ['requirements', 'attributes', 'productType', 'patches'] },
};

export const feedMessageSchema = z
  .looseObject({
    messageId: z.number().int().min(1).max(2_147_483_647),
    sku: z.string().min(1),
    operationType: z.enum(OPERATIONS),
    productType: z.string().min(1).optional(),
    requirements: z.enum(['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY']).optional(),
    attributes: plainObject.refine((a) => Object.keys(a).length > 0, 'attributes needs at least one attribute').optional(),
    patches: z.array(patchSchema).min(1).optional(),
  })
  .superRefine((m, ctx) => {
    const rule = RULES[m.operationType];
    for (const f of rule.need)
      if ((m as Record<string, unknown>)[f] === undefined) ctx.addIssue({ code: 'custom', path: [f], message: `${m.operationType} requires "${f}"` });
    for (const f of rule.forbid)
      if ((m as Record<string, unknown>)[f] !== undefined)
        ctx.addIssue({ code: 'custom', path: [f], message: `"${f}" is not allowed with ${m.operationType}` });
  });
export type FeedMessage = z.infer<typeof feedMessageSchema>;

export const feedEnvelopeSchema = z.looseObject({
  header: z.looseObject({
    sellerId: z.string(),
    version: z.literal('2.0'),
    issueLocale: z.string().optional(),
    report: z.looseObject({ includedData: z.array(listingsIncludedData).min(1), apiVersion: z.literal('2021-08-01') }).optional(),
  }),
  messages: z.array(feedMessageSchema).min(1).max(MAX_FEED_MESSAGES),
});
export type FeedEnvelope = z.infer<typeof feedEnvelopeSchema>;

/** Problems with the envelope, each naming the message (index, messageId, SKU) it concerns; empty when valid. */
export function checkEnvelope(doc: unknown): string[] {
  const res = feedEnvelopeSchema.safeParse(doc);
  const messages = (doc as { messages?: unknown[] })?.messages;
  const where = (index: number): string => {
    const m = Array.isArray(messages) ? (messages[index] as Record<string, unknown> | undefined) : undefined;
    const who = [m?.messageId !== undefined ? `messageId ${String(m.messageId)}` : '', typeof m?.sku === 'string' ? `sku "${m.sku}"` : '']
      .filter(Boolean)
      .join(', ');
    return `messages[${index}]${who ? ` (${who})` : ''}`;
  };
  const problems = res.success
    ? []
    : res.error.issues.map((issue) => {
        const [top, index, ...rest] = issue.path;
        if (top === 'messages' && typeof index === 'number') return `${where(index)}${rest.length ? `.${rest.join('.')}` : ''}: ${issue.message}`;
        return `${issue.path.join('.') || '(document)'}: ${issue.message}`;
      });
  // Amazon: messageId is "unique within this feed submission" (stated, not expressible in its JSON schema).
  const seen = new Set<unknown>();
  (Array.isArray(messages) ? messages : []).forEach((m, i) => {
    const id = (m as Record<string, unknown> | null)?.messageId;
    if (id === undefined) return;
    if (seen.has(id)) problems.push(`${where(i)}: messageId ${String(id)} is used twice`);
    seen.add(id);
  });
  return problems;
}

export function countByOperation(messages: FeedMessage[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of messages) out[m.operationType] = (out[m.operationType] ?? 0) + 1;
  return out;
}

export interface MessageDiff {
  messageId: number;
  sku: string;
  operationType: string;
  listing: 'existing' | 'not found';
  changes?: AttributeChange[];
  effects?: PatchEffect[];
  note?: string;
}

/** Before/after for messages [offset, offset+limit) against the live listings (one getListingsItem each). */
export async function diffMessages(
  ctx: ToolContext,
  messages: FeedMessage[],
  marketplaceId: string,
  offset: number,
  limit: number,
): Promise<MessageDiff[]> {
  const out: MessageDiff[] = [];
  for (const m of messages.slice(offset, offset + limit)) {
    const live = await readLiveListing(ctx, m.sku, marketplaceId);
    const base = {
      messageId: m.messageId,
      sku: m.sku,
      operationType: m.operationType,
      listing: live.exists ? ('existing' as const) : ('not found' as const),
    };
    if (m.operationType === 'UPDATE') {
      out.push({ ...base, changes: diffAttributes(live.attributes, m.attributes as Record<string, unknown>) });
    } else if (m.operationType === 'PARTIAL_UPDATE' || m.operationType === 'PATCH') {
      const patches: Patch[] =
        m.operationType === 'PATCH'
          ? (m.patches as Patch[])
          : Object.entries(m.attributes ?? {}).map(([name, value]) => ({
              op: 'replace' as const,
              path: `/attributes/${name}`,
              value: Array.isArray(value) ? value : [value],
            }));
      out.push({
        ...base,
        effects: simulatePatches(live.attributes, patches).effects,
        ...(live.exists ? {} : { note: 'No live listing: Amazon will reject this message.' }),
      });
    } else {
      out.push({ ...base, note: live.exists ? 'The listing will be deleted in this marketplace.' : 'No live listing: nothing to delete.' });
    }
  }
  return out;
}

// ---------- processing report ----------

export interface ReportIssue {
  messageId?: number;
  sku?: string;
  code?: string;
  severity: string;
  message: string;
  attributeName?: string;
}

export interface SkuIssues {
  sku: string;
  messageIds: number[];
  errors: number;
  warnings: number;
  issues: Array<Omit<ReportIssue, 'sku'>>;
  moreIssues?: number;
  /** The listing's current issues after processing (from items[] of the report). */
  listingIssues?: Array<{ code: string; severity: string; message: string }>;
  moreListingIssues?: number;
}

const MAX_ISSUES_PER_SKU = 10;
const MAX_MESSAGE_CHARS = 400;

/** Groups the processing report's issues per SKU (SKUs with errors first); feed-level issues stay apart. */
export function issuesBySku(report: Record<string, unknown>): { bySku: SkuIssues[]; feedLevel: ReportIssue[] } {
  const issues = (Array.isArray(report.issues) ? report.issues : []) as Array<Record<string, unknown>>;
  const groups = new Map<string, SkuIssues>();
  const feedLevel: ReportIssue[] = [];
  for (const raw of issues) {
    const issue: ReportIssue = {
      ...(typeof raw.messageId === 'number' ? { messageId: raw.messageId } : {}),
      ...(typeof raw.code === 'string' ? { code: raw.code } : {}),
      severity: String(raw.severity ?? 'ERROR'),
      message: String(raw.message ?? '').slice(0, MAX_MESSAGE_CHARS),
      ...(typeof raw.attributeName === 'string' ? { attributeName: raw.attributeName } : {}),
    };
    if (typeof raw.sku !== 'string') {
      feedLevel.push(issue);
      continue;
    }
    const g = groups.get(raw.sku) ?? { sku: raw.sku, messageIds: [], errors: 0, warnings: 0, issues: [] };
    groups.set(raw.sku, g);
    if (issue.messageId !== undefined && !g.messageIds.includes(issue.messageId)) g.messageIds.push(issue.messageId);
    if (issue.severity === 'ERROR') g.errors++;
    if (issue.severity === 'WARNING') g.warnings++;
    if (g.issues.length < MAX_ISSUES_PER_SKU) g.issues.push(issue);
    else g.moreIssues = (g.moreIssues ?? 0) + 1;
  }
  // With includedData "issues", items[] carries each listing's current issues (some appear only after processing).
  for (const item of (Array.isArray(report.items) ? report.items : []) as Array<Record<string, unknown>>) {
    const listingIssues = Array.isArray(item.issues) ? (item.issues as Array<Record<string, unknown>>) : [];
    if (typeof item.sku !== 'string' || listingIssues.length === 0) continue;
    const g = groups.get(item.sku) ?? { sku: item.sku, messageIds: [], errors: 0, warnings: 0, issues: [] };
    groups.set(item.sku, g);
    g.listingIssues = listingIssues.slice(0, 3).map((i) => ({
      code: String(i.code ?? ''),
      severity: String(i.severity ?? 'ERROR'),
      message: String(i.message ?? '').slice(0, MAX_MESSAGE_CHARS),
    }));
    if (listingIssues.length > 3) g.moreListingIssues = listingIssues.length - 3;
  }
  const bySku = [...groups.values()].sort((a, b) => Number(b.errors > 0) - Number(a.errors > 0));
  return { bySku, feedLevel };
}

// Building blocks of the listing write tools: read the live listing, validate locally against the product type
// schema, ask Amazon's VALIDATION_PREVIEW, and read a submission result honestly.
import type { ToolContext } from '../core/tool.js';
import { loadProductTypeSchema } from '../product-types/schema-cache.js';
import type { SchemaIssue } from '../validation/index.js';
import { loadValidator } from '../validation/load.js';
import type { ListingsItemSubmissionResponse } from '../sp-api/schemas.js';
import { SpApiNotFoundError } from '../sp-api/errors.js';
import type { WriteOutcome } from '../core/writes.js';
import { trimIssues, type Issue } from '../core/issues.js';

export type Attrs = Record<string, unknown>;
export type Requirements = 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';

export interface LiveListing {
  exists: boolean;
  productType?: string;
  attributes?: Attrs;
  status?: string[];
  itemName?: string;
}

/** Amazon's issues keep all of Issue's fields (categories, enforcements, ...); local ones have the core fields. */
export type MergedIssue = Issue & { source: 'local' | 'amazon' };

export async function readLiveListing(ctx: ToolContext, sku: string, marketplaceId: string): Promise<LiveListing> {
  try {
    const item = await ctx.client.getListingsItem(
      { sellerId: ctx.sellerId, sku, marketplaceIds: [marketplaceId], includedData: ['summaries', 'attributes'] },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    const s = (item.summaries as Array<Record<string, unknown>> | undefined)?.find((x) => x.marketplaceId === marketplaceId);
    return {
      exists: true,
      ...(typeof s?.productType === 'string' ? { productType: s.productType } : {}),
      attributes: (item.attributes ?? {}) as Attrs,
      ...(Array.isArray(s?.status) ? { status: s.status.map(String) } : {}),
      ...(typeof s?.itemName === 'string' ? { itemName: s.itemName } : {}),
    };
  } catch (err) {
    if (err instanceof SpApiNotFoundError) return { exists: false };
    throw err;
  }
}

export async function validateLocally(
  ctx: ToolContext,
  input: { productType: string; marketplaceId: string; requirements: Requirements; attributes: Attrs },
): Promise<{ issues: SchemaIssue[]; schemaVersion: string }> {
  const loaded = await loadProductTypeSchema(
    ctx.client,
    ctx.resources,
    { productType: input.productType, marketplaceId: input.marketplaceId, sellerId: ctx.sellerId, requirements: input.requirements },
    { signal: ctx.signal, onWait: ctx.onWait },
  );
  // Compiled once per schema version (the resource key includes version and checksum).
  const validate = await loadValidator(loaded.schema, loaded.resource.uri);
  return { issues: validate(input.attributes), schemaVersion: loaded.version };
}

export function mergeIssues(local: SchemaIssue[], amazon: unknown): MergedIssue[] {
  return [
    ...local.map((i) => ({ source: 'local' as const, code: i.code, message: i.message, severity: i.severity, attributeNames: i.attributeNames })),
    ...trimIssues(amazon).map((i) => ({ source: 'amazon' as const, ...i })),
  ];
}

/** Amazon's verdict on a submission: 200 with INVALID is a failure; ACCEPTED means queued, not live. */
export function interpretSubmission(res: ListingsItemSubmissionResponse, requestId: string | undefined, sku: string): WriteOutcome {
  const issues = trimIssues(res.issues);
  const errors = issues.filter((i) => i.severity === 'ERROR');
  if (res.status === 'ACCEPTED') {
    return {
      ok: true,
      status: 'ACCEPTED',
      requestId,
      result: { submissionId: res.submissionId, issues },
      next:
        `Amazon accepted the submission for processing: it is queued, not live yet. Issues can still appear after processing ` +
        `(usually within minutes). Call listings_get for SKU "${sku}" later to see its status and any new issues.`,
    };
  }
  return {
    ok: false,
    status: String(res.status),
    requestId,
    result: { submissionId: res.submissionId, issues },
    next: errors.length
      ? `Fix these issues and preview again: ${errors
          .map((e) => `${e.code} ${e.message}`)
          .join('; ')
          .slice(0, 800)}`
      : 'Amazon rejected the submission; preview again to see why.',
  };
}

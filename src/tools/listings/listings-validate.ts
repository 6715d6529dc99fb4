import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { attributesSchema, marketplaceArg, skuArg } from '../common.js';
import { issueSchema } from '../../core/issues.js';
import { mergeIssues, validateLocally } from '../../workflows/listing-writes.js';

export const requirementsArg = z
  .enum(['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'])
  .default('LISTING')
  .describe(
    'LISTING = new product with offer; LISTING_OFFER_ONLY = offer on an existing ASIN (needs merchant_suggested_asin); LISTING_PRODUCT_ONLY = facts only.',
  );

export const productTypeArg = z
  .string()
  .regex(/^[A-Z0-9_]{2,60}$/, 'Product type names are upper case, e.g. SHIRT')
  .describe('Amazon product type, e.g. SHIRT.');

// Amazon's issues keep every field of its Issue shape (categories, enforcements, ...); local ones have the core fields.
export const mergedIssueSchema = issueSchema.extend({ source: z.enum(['local', 'amazon']) });

export const listingsValidate = defineTool({
  name: 'listings_validate',
  title: 'Check listing attributes before writing',
  summary:
    "validate attributes against the product type schema (Amazon's custom keywords included); optionally Amazon's VALIDATION_PREVIEW too, issues marked by source",
  description:
    "Validate candidate attributes for a SKU against the product type's schema for a marketplace, without writing anything. " +
    "Local validation uses Amazon's schema rules (required and conditional attributes, allowed values, lengths, UTF-8 byte " +
    "limits, entries per selector) and returns issues in Amazon's shape (code, message, severity, attributeNames). With " +
    'preview=true it also asks Amazon (VALIDATION_PREVIEW, 1 request/second) and merges both, each issue marked with ' +
    'source "local" or "amazon"; Amazon\'s may also carry categories and enforcements (e.g. LISTING_SUPPRESSED). Attributes use Amazon\'s shape, e.g. {"item_name":[{"value":"…","language_tag":"en_US",' +
    '"marketplace_id":"ATVPDKIKX0DER"}]}. Fix the issues and call again until valid. Next: listings_put.',
  toolset: 'listings',
  capability: 'listings.read',
  input: z
    .object({
      sku: skuArg,
      productType: productTypeArg,
      attributes: attributesSchema.describe("Attributes in Amazon's shape: name → array of entries."),
      requirements: requirementsArg,
      marketplace: marketplaceArg,
      preview: z.boolean().default(false).describe("Also run Amazon's VALIDATION_PREVIEW (slower: 1 request/second)."),
    })
    .strict(),
  output: z.object({
    sku: z.string(),
    marketplaceId: z.string(),
    productType: z.string(),
    valid: z.boolean(),
    amazonStatus: z.string().optional(),
    issues: z.array(mergedIssueSchema),
    schemaVersion: z.string(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const attributes: Record<string, unknown> = args.attributes;
    const local = await validateLocally(ctx, { productType: args.productType, marketplaceId, requirements: args.requirements, attributes });
    let amazonStatus: string | undefined;
    let amazonIssues: unknown = [];
    if (args.preview) {
      const res = await ctx.client.putListingsItem(
        {
          sellerId: ctx.sellerId,
          sku: args.sku,
          marketplaceIds: [marketplaceId],
          mode: 'VALIDATION_PREVIEW',
          includedData: ['issues'],
          body: { productType: args.productType, requirements: args.requirements, attributes },
        },
        { signal: ctx.signal, onWait: ctx.onWait },
      );
      amazonStatus = String(res.status);
      amazonIssues = res.issues ?? [];
    }
    const issues = mergeIssues(local.issues, amazonIssues);
    const valid = !issues.some((i) => i.severity === 'ERROR') && (amazonStatus === undefined || amazonStatus === 'VALID');
    return {
      sku: args.sku,
      marketplaceId,
      productType: args.productType,
      valid,
      ...(amazonStatus ? { amazonStatus } : {}),
      issues,
      schemaVersion: local.schemaVersion,
    };
  },
});

import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { marketplaceArg } from '../common.js';
import { loadProductTypeSchema } from '../../product-types/schema-cache.js';
import { summarizeProductTypeSchema } from '../../product-types/summarize.js';

const attributeSummary = z.object({
  name: z.string(),
  title: z.string().optional(),
  shape: z.string(),
  selectors: z.array(z.string()).optional(),
  limits: z.string().optional(),
  allowedValues: z.array(z.string()).optional(),
  allowedValuesMore: z.number().optional(),
  description: z.string().optional(),
  examples: z.array(z.string()).optional(),
});

export const productTypeRequirements = defineTool({
  name: 'product_type_requirements',
  title: 'What a listing of a product type must contain',
  summary: 'concise requirements of a product type (required, conditional in words, shapes, allowed values, limits); full schema as an MCP resource',
  description:
    'Concise requirements of an Amazon product type for one marketplace: the required attributes (and the ones required ' +
    "only under a condition, stated in words), each attribute's value shape, allowed values with labels (long lists are cut; " +
    'ask again with attributes=[name] for all values and the description), and limits (length, UTF-8 bytes, entries per ' +
    "selector). Every other attribute is listed by name and title. Use it to map a seller's data to Amazon attributes and " +
    'to see which gaps to fill. The full JSON schema is cached and offered as the MCP resource in schemaResource (do not ' +
    'ask for it unless needed). Attribute values are arrays of objects, usually [{"value": ..., "marketplace_id": ..., ' +
    '"language_tag": ...}]. Next: listings_validate or listings_put.',
  toolset: 'product_types',
  capability: 'catalog.read',
  input: z
    .object({
      productType: z.string().regex(/^[A-Z0-9_]{2,60}$/, 'Product type names are upper case, e.g. SHIRT'),
      marketplace: marketplaceArg,
      requirements: z
        .enum(['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'])
        .default('LISTING')
        .describe('LISTING = product facts and offer; LISTING_OFFER_ONLY = offer on an existing ASIN; LISTING_PRODUCT_ONLY = facts only.'),
      locale: z
        .string()
        .regex(/^[a-z]{2}_[A-Z]{2}$|^DEFAULT$/)
        .optional()
        .describe('Locale of titles and labels, e.g. en_US, de_DE.'),
      attributes: z.array(z.string().min(1).max(100)).max(30).optional().describe('Attributes to describe in full.'),
    })
    .strict(),
  output: z.object({
    productType: z.string(),
    displayName: z.string(),
    marketplaceId: z.string(),
    requirements: z.string(),
    locale: z.string(),
    version: z.string(),
    required: z.array(attributeSummary),
    conditional: z.array(z.object({ attributes: z.array(z.string()), when: z.string() })),
    optional: z.record(z.string(), z.string()),
    details: z.array(attributeSummary).optional(),
    unknownAttributes: z.array(z.string()).optional(),
    schemaResource: z.string(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const loaded = await loadProductTypeSchema(
      ctx.client,
      ctx.resources,
      {
        productType: args.productType,
        marketplaceId,
        sellerId: ctx.sellerId,
        requirements: args.requirements,
        ...(args.locale ? { locale: args.locale } : {}),
      },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    const summary = summarizeProductTypeSchema(loaded.schema, args.attributes ? { attributes: args.attributes } : {});
    return {
      productType: loaded.productType,
      displayName: loaded.displayName,
      marketplaceId,
      requirements: loaded.requirements,
      locale: loaded.locale,
      version: loaded.version,
      ...summary,
      schemaResource: loaded.resource.uri,
    };
  },
});

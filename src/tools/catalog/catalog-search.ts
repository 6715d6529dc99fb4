import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { marketplaceArg, pageTokenArg } from '../common.js';
import { catalogItemSchema, trimCatalogItem } from './catalog-item.js';

const IDENTIFIER_TYPES = ['ASIN', 'EAN', 'GTIN', 'ISBN', 'JAN', 'MINSAN', 'SKU', 'UPC'] as const;

export const catalogSearch = defineTool({
  name: 'catalog_search',
  title: 'Search the Amazon catalog',
  summary: "search Amazon's catalog by keywords or identifiers, paged",
  description:
    "Search Amazon's catalog in one marketplace by keywords or by identifiers (ASIN, EAN, UPC, GTIN, ISBN, JAN, SKU). " +
    'Use it to find whether a product already exists on Amazon (so a listing can attach to its ASIN) and which product type ' +
    'Amazon classifies it under. Returns up to pageSize items (max 20) with ASIN, title, brand, product type, classification ' +
    'and main image; pass nextPageToken to get the next page (Amazon pages through at most 1,000 results). ' +
    'Give either keywords or identifiers, not both. Next: catalog_get_item for one ASIN, product_type_requirements for its product type.',
  toolset: 'catalog',
  capability: 'catalog.read',
  input: z
    .object({
      keywords: z.array(z.string().min(1).max(200)).min(1).max(20).optional().describe('Search words (max 20).'),
      identifiers: z.array(z.string().min(1).max(40)).min(1).max(20).optional().describe('Identifiers of one type (max 20).'),
      identifiersType: z.enum(IDENTIFIER_TYPES).optional().describe('Type of the identifiers; required with identifiers.'),
      brandNames: z.array(z.string().min(1)).max(20).optional().describe('Only with keywords: restrict to these brands.'),
      marketplace: marketplaceArg,
      pageSize: z.number().int().min(1).max(20).default(10),
      pageToken: pageTokenArg,
    })
    .strict(),
  output: z.object({
    marketplaceId: z.string(),
    numberOfResults: z.number(),
    items: z.array(catalogItemSchema),
    nextPageToken: z.string().optional(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    if (!!args.keywords === !!args.identifiers) {
      throw new ToolError('INVALID_REQUEST', 'Give either keywords or identifiers (with identifiersType), not both and not neither.');
    }
    if (args.identifiers && !args.identifiersType) {
      throw new ToolError('INVALID_REQUEST', 'identifiersType is required with identifiers (e.g. "EAN" or "ASIN").');
    }
    if (args.brandNames && !args.keywords) throw new ToolError('INVALID_REQUEST', 'brandNames works only with keywords.');
    const marketplaceId = ctx.marketplace(args.marketplace);
    const res = await ctx.client.searchCatalogItems(
      {
        marketplaceIds: [marketplaceId],
        ...(args.keywords ? { keywords: args.keywords } : {}),
        ...(args.identifiers ? { identifiers: args.identifiers, identifiersType: args.identifiersType! } : {}),
        ...(args.identifiersType === 'SKU' ? { sellerId: ctx.sellerId } : {}),
        ...(args.brandNames ? { brandNames: args.brandNames } : {}),
        includedData: ['summaries', 'productTypes', 'images', 'identifiers', 'classifications'],
        pageSize: args.pageSize,
        ...(args.pageToken ? { pageToken: args.pageToken } : {}),
      },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    const next = res.pagination?.nextToken;
    return {
      marketplaceId,
      numberOfResults: res.numberOfResults ?? res.items.length,
      items: res.items.map((item) => trimCatalogItem(item, marketplaceId)),
      ...(next ? { nextPageToken: next } : {}),
    };
  },
});

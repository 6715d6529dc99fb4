import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { marketplaceArg } from '../common.js';
import { catalogItemSchema, trimCatalogItem } from './catalog-item.js';

export const catalogGetItem = defineTool({
  name: 'catalog_get_item',
  title: 'Get one Amazon catalog item',
  summary: 'one ASIN: title, brand, product type, identifiers, rank, attributes',
  description:
    'Get one catalog item by ASIN in one marketplace: title, brand, product type, classification, identifiers, sales rank, ' +
    'main image, and (with includeAttributes) the catalog attributes Amazon holds for it, useful to copy facts into a listing. ' +
    'Use catalog_search first when you only have keywords or a barcode. Next: product_type_requirements for its product type, ' +
    'or listings_restrictions to check whether the seller may list it.',
  toolset: 'catalog',
  capability: 'catalog.read',
  input: z
    .object({
      asin: z.string().regex(/^[A-Z0-9]{10}$/, 'An ASIN is 10 uppercase letters or digits, e.g. B07N4M94X4'),
      marketplace: marketplaceArg,
      includeAttributes: z.boolean().default(false).describe('Also return the catalog attributes (larger reply).'),
    })
    .strict(),
  output: z.object({ marketplaceId: z.string(), item: catalogItemSchema }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    const marketplaceId = ctx.marketplace(args.marketplace);
    const includedData: Array<'summaries' | 'productTypes' | 'images' | 'identifiers' | 'salesRanks' | 'classifications' | 'attributes'> = [
      'summaries',
      'productTypes',
      'images',
      'identifiers',
      'salesRanks',
      'classifications',
    ];
    if (args.includeAttributes) includedData.push('attributes');
    const item = await ctx.client.getCatalogItem(
      { asin: args.asin, marketplaceIds: [marketplaceId], includedData },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    return { marketplaceId, item: trimCatalogItem(item, marketplaceId, args.includeAttributes) };
  },
});

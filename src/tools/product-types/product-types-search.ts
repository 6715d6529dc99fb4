import { z } from 'zod';
import { defineTool, READ_HINTS } from '../../core/tool.js';
import { ToolError } from '../../core/tool-error.js';
import { marketplaceArg } from '../common.js';

export const productTypesSearch = defineTool({
  name: 'product_types_search',
  title: 'Find Amazon product types',
  summary: 'product types for keywords or a product title',
  description:
    'Find the Amazon product type (category schema such as SHIRT, HOME, KITCHEN, LUGGAGE) for a product, by keywords ' +
    '(e.g. ["t-shirt","cotton"]) or by the product\'s title (itemName: Amazon recommends a type for that title). ' +
    'Give one of keywords or itemName. Returns product type names with display names. ' +
    'Next: product_type_requirements to learn what a listing of that type must contain.',
  toolset: 'product_types',
  capability: 'catalog.read',
  input: z
    .object({
      keywords: z.array(z.string().min(1).max(100)).min(1).max(20).optional(),
      itemName: z.string().min(1).max(500).optional().describe('The product title; Amazon recommends product types for it.'),
      marketplace: marketplaceArg,
    })
    .strict(),
  output: z.object({
    marketplaceId: z.string(),
    productTypes: z.array(z.object({ name: z.string(), displayName: z.string() })),
    productTypeVersion: z.string().optional(),
  }),
  annotations: READ_HINTS,
  async run(args, ctx) {
    if (!!args.keywords === !!args.itemName) throw new ToolError('INVALID_REQUEST', 'Give either keywords or itemName, not both and not neither.');
    const marketplaceId = ctx.marketplace(args.marketplace);
    const res = await ctx.client.searchDefinitionsProductTypes(
      { marketplaceIds: [marketplaceId], ...(args.keywords ? { keywords: args.keywords } : { itemName: args.itemName! }) },
      { signal: ctx.signal, onWait: ctx.onWait },
    );
    return {
      marketplaceId,
      productTypes: res.productTypes.map((p) => ({ name: p.name, displayName: p.displayName ?? p.name })),
      ...(res.productTypeVersion ? { productTypeVersion: res.productTypeVersion } : {}),
    };
  },
});

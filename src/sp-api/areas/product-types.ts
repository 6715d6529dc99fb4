// Product Type Definitions 2020-09-01: the parameters we accept, the responses we read (written from Amazon's models, not copied) and one
// declaration per operation. Responses are loose objects: Amazon adds fields over time and that must not break us.
import { z } from 'zod';
import { marketplaceIds, oneMarketplace, operation, requirementsEnum } from '../declare.js';

export const searchDefinitionsProductTypesParams = z
  .object({
    keywords: z.array(z.string().min(1)).optional(),
    itemName: z.string().optional(),
    marketplaceIds,
    locale: z.string().optional(),
    searchLocale: z.string().optional(),
  })
  .refine((p) => !(p.keywords && p.itemName), { message: 'keywords and itemName cannot be combined' });

export const searchDefinitionsProductTypesResult = z.looseObject({
  productTypes: z.array(z.looseObject({ name: z.string(), displayName: z.string().optional(), marketplaceIds: z.array(z.string()).optional() })),
  productTypeVersion: z.string().optional(),
});

export const getDefinitionsProductTypeParams = z.object({
  productType: z.string().min(1),
  sellerId: z.string().optional(),
  marketplaceIds: oneMarketplace,
  productTypeVersion: z.string().optional(),
  requirements: requirementsEnum.optional(),
  requirementsEnforced: z.enum(['ENFORCED', 'NOT_ENFORCED']).optional(),
  locale: z.string().optional(),
  parentageLevel: z.enum(['NONE', 'CHILD', 'PARENT']).optional(),
});

export const schemaLink = z.looseObject({
  link: z.looseObject({ resource: z.string(), verb: z.string().optional() }),
  checksum: z.string(),
});
export type SchemaLink = z.infer<typeof schemaLink>;

export const productTypeDefinition = z.looseObject({
  metaSchema: schemaLink.optional(),
  schema: schemaLink,
  requirements: z.string().optional(),
  requirementsEnforced: z.string().optional(),
  propertyGroups: z.record(z.string(), z.looseObject({})).optional(),
  locale: z.string().optional(),
  marketplaceIds: z.array(z.string()).optional(),
  productType: z.string(),
  displayName: z.string().optional(),
  productTypeVersion: z.looseObject({ version: z.string(), latest: z.boolean().optional(), releaseCandidate: z.boolean().optional() }).optional(),
});
export type ProductTypeDefinition = z.infer<typeof productTypeDefinition>;

export const productTypeOperations = {
  searchDefinitionsProductTypes: operation({
    params: searchDefinitionsProductTypesParams,
    result: searchDefinitionsProductTypesResult,
    request: ({ marketplaceIds, ...rest }, s) => ({ query: { ...rest, marketplaceIds: s.marketplaces(marketplaceIds) } }),
  }),
  getDefinitionsProductType: operation({
    params: getDefinitionsProductTypeParams,
    result: productTypeDefinition,
    request: ({ productType, marketplaceIds, sellerId, ...rest }, s) => ({
      path: { productType },
      query: { ...rest, sellerId: sellerId ?? s.sellerId, marketplaceIds: s.marketplaces(marketplaceIds) },
    }),
  }),
};

// Catalog Items 2022-04-01: the parameters we accept, the responses we read (written from Amazon's models, not copied) and one
// declaration per operation. Responses are loose objects: Amazon adds fields over time and that must not break us.
import { z } from 'zod';
import { marketplaceIds, operation, pagination } from '../declare.js';

export const catalogIncludedData = z.enum([
  'attributes',
  'classifications',
  'dimensions',
  'identifiers',
  'images',
  'productTypes',
  'relationships',
  'salesRanks',
  'summaries',
  'vendorDetails',
]);

export type CatalogIncludedData = z.infer<typeof catalogIncludedData>;

export const searchCatalogItemsParams = z
  .object({
    identifiers: z.array(z.string().min(1)).max(20).optional(),
    identifiersType: z.enum(['ASIN', 'EAN', 'GTIN', 'ISBN', 'JAN', 'MINSAN', 'SKU', 'UPC']).optional(),
    keywords: z.array(z.string().min(1)).max(20).optional(),
    marketplaceIds: z.array(z.string().min(1)).length(1).optional(),
    includedData: z.array(catalogIncludedData).optional(),
    locale: z.string().optional(),
    sellerId: z.string().optional(),
    brandNames: z.array(z.string()).optional(),
    classificationIds: z.array(z.string()).optional(),
    pageSize: z.number().int().min(1).max(20).optional(),
    pageToken: z.string().optional(),
    keywordsLocale: z.string().optional(),
  })
  .refine((p) => Boolean(p.identifiers) !== Boolean(p.keywords), { message: 'give either identifiers or keywords (not both)' })
  .refine((p) => !(p.identifiers && !p.identifiersType), { message: 'identifiersType is required with identifiers' });

const rank = z.looseObject({ rank: z.number().optional() });

export const catalogItem = z.looseObject({
  asin: z.string(),
  summaries: z
    .array(
      z.looseObject({
        marketplaceId: z.string(),
        itemName: z.string().optional(),
        brand: z.string().optional(),
        brandName: z.string().optional(),
        browseClassification: z.looseObject({ displayName: z.string().optional() }).optional(),
        manufacturer: z.string().optional(),
        modelNumber: z.string().optional(),
        color: z.string().optional(),
        size: z.string().optional(),
      }),
    )
    .optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  identifiers: z
    .array(
      z.looseObject({
        marketplaceId: z.string().optional(),
        identifiers: z.array(z.looseObject({ identifierType: z.string(), identifier: z.string() })).optional(),
      }),
    )
    .optional(),
  images: z
    .array(
      z.looseObject({
        marketplaceId: z.string().optional(),
        images: z.array(z.looseObject({ variant: z.string().optional(), link: z.string().optional() })).optional(),
      }),
    )
    .optional(),
  productTypes: z.array(z.looseObject({ marketplaceId: z.string().optional(), productType: z.string().optional() })).optional(),
  salesRanks: z
    .array(
      z.looseObject({
        marketplaceId: z.string().optional(),
        classificationRanks: z.array(rank).optional(),
        displayGroupRanks: z.array(rank).optional(),
      }),
    )
    .optional(),
});
export type CatalogItem = z.infer<typeof catalogItem>;

export const searchCatalogItemsResult = z.looseObject({
  numberOfResults: z.number().optional(),
  pagination: pagination.optional(),
  refinements: z.looseObject({}).optional(),
  items: z.array(catalogItem),
});

export const getCatalogItemParams = z.object({
  asin: z.string().min(1),
  marketplaceIds,
  includedData: z.array(catalogIncludedData).optional(),
  locale: z.string().optional(),
});

export const catalogOperations = {
  searchCatalogItems: operation({
    params: searchCatalogItemsParams,
    result: searchCatalogItemsResult,
    request: ({ marketplaceIds, sellerId, ...rest }, s) => ({
      query: {
        ...rest,
        marketplaceIds: s.marketplaces(marketplaceIds),
        // Amazon requires sellerId for SKU lookups; default it only then.
        sellerId: sellerId ?? (rest.identifiersType === 'SKU' ? s.sellerId : undefined),
      },
    }),
  }),
  getCatalogItem: operation({
    params: getCatalogItemParams,
    result: catalogItem,
    request: (p, s) => ({
      path: { asin: p.asin },
      query: { marketplaceIds: s.marketplaces(p.marketplaceIds), includedData: p.includedData, locale: p.locale },
    }),
  }),
};

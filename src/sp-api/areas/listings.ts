// Listings Items 2021-08-01 and Listings Restrictions 2021-08-01: the parameters we accept, the responses we read (written from Amazon's models, not copied) and one
// declaration per operation. Responses are loose objects: Amazon adds fields over time and that must not break us.
import { z } from 'zod';
import { isoDate, issueLocale, marketplaceIds, operation, pagination, requirementsEnum, skuSchema, type Query } from '../declare.js';

export const listingsIncludedData = z.enum([
  'summaries',
  'attributes',
  'issues',
  'offers',
  'fulfillmentAvailability',
  'procurement',
  'relationships',
  'productTypes',
]);
export type ListingsIncludedData = z.infer<typeof listingsIncludedData>;
export const submissionIncludedData = z.enum(['identifiers', 'issues']);

export const issueSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  severity: z.enum(['ERROR', 'WARNING', 'INFO']).or(z.string()),
  attributeNames: z.array(z.string()).optional(),
  categories: z.array(z.string()).optional(),
});
export type ListingIssue = z.infer<typeof issueSchema>;

export const getListingsItemParams = z.object({
  sellerId: z.string().optional(),
  sku: skuSchema,
  marketplaceIds,
  includedData: z.array(listingsIncludedData).optional(),
  issueLocale,
});

export const listingsItemSummary = z.looseObject({
  marketplaceId: z.string(),
  asin: z.string().optional(),
  productType: z.string().optional(),
  conditionType: z.string().optional(),
  status: z.array(z.string()).optional(),
  itemName: z.string().optional(),
  createdDate: z.string().optional(),
  lastUpdatedDate: z.string().optional(),
  mainImage: z.looseObject({ link: z.string().optional() }).optional(),
});

/** Amazon's Money: the model says Decimal (a string), but numbers are seen too. */
export const money = z.looseObject({ amount: z.union([z.string(), z.number()]).optional(), currencyCode: z.string().optional() });
export const offerSchema = z.looseObject({ marketplaceId: z.string().optional(), offerType: z.string().optional(), price: money.optional() });
export const fulfillmentAvailabilitySchema = z.looseObject({ fulfillmentChannelCode: z.string().optional(), quantity: z.number().optional() });

export const listingsItem = z.looseObject({
  sku: z.string(),
  summaries: z.array(listingsItemSummary).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  issues: z.array(issueSchema).optional(),
  offers: z.array(offerSchema).optional(),
  fulfillmentAvailability: z.array(fulfillmentAvailabilitySchema).optional(),
  procurement: z.array(z.looseObject({})).optional(),
  relationships: z.array(z.looseObject({})).optional(),
  productTypes: z.array(z.looseObject({ marketplaceId: z.string().optional(), productType: z.string() })).optional(),
});
export type ListingsItem = z.infer<typeof listingsItem>;

const submissionCommon = {
  sellerId: z.string().optional(),
  sku: skuSchema,
  marketplaceIds,
  includedData: z.array(submissionIncludedData).optional(),
  mode: z.literal('VALIDATION_PREVIEW').optional(),
  issueLocale,
};

export const putListingsItemParams = z.object({
  ...submissionCommon,
  body: z.object({
    productType: z.string().min(1),
    requirements: requirementsEnum.optional(),
    attributes: z.record(z.string(), z.unknown()),
  }),
});

export const patchOperation = z.object({
  op: z.enum(['add', 'replace', 'merge', 'delete']),
  path: z.string().regex(/^\/attributes\/[^/]+$/, 'patch path must be /attributes/<name> (only top-level attributes can be patched)'),
  value: z.array(z.unknown()).optional(),
});

export const patchListingsItemParams = z.object({
  ...submissionCommon,
  body: z.object({ productType: z.string().min(1), patches: z.array(patchOperation).min(1) }),
});

export const deleteListingsItemParams = z.object({
  sellerId: z.string().optional(),
  sku: skuSchema,
  marketplaceIds,
  issueLocale,
});

export const submissionResponse = z.looseObject({
  sku: z.string(),
  status: z.enum(['ACCEPTED', 'INVALID', 'VALID']).or(z.string()),
  submissionId: z.string(),
  issues: z.array(issueSchema).optional(),
  identifiers: z.array(z.looseObject({ marketplaceId: z.string(), asin: z.string().optional() })).optional(),
});
export type ListingsItemSubmissionResponse = z.infer<typeof submissionResponse>;

export const searchListingsItemsParams = z
  .object({
    sellerId: z.string().optional(),
    marketplaceIds,
    issueLocale,
    includedData: z.array(listingsIncludedData).optional(),
    identifiers: z.array(z.string().min(1)).max(20).optional(),
    identifiersType: z.enum(['ASIN', 'EAN', 'FNSKU', 'GTIN', 'ISBN', 'JAN', 'MINSAN', 'SKU', 'UPC']).optional(),
    variationParentSku: z.string().optional(),
    packageHierarchySku: z.string().optional(),
    createdAfter: isoDate.optional(),
    createdBefore: isoDate.optional(),
    lastUpdatedAfter: isoDate.optional(),
    lastUpdatedBefore: isoDate.optional(),
    withIssueSeverity: z.array(z.enum(['WARNING', 'ERROR'])).optional(),
    withStatus: z.array(z.enum(['BUYABLE', 'DISCOVERABLE'])).optional(),
    withoutStatus: z.array(z.enum(['BUYABLE', 'DISCOVERABLE'])).optional(),
    sortBy: z.enum(['sku', 'createdDate', 'lastUpdatedDate']).optional(),
    sortOrder: z.enum(['ASC', 'DESC']).optional(),
    pageSize: z.number().int().min(1).max(20).optional(),
    pageToken: z.string().optional(),
  })
  .refine((p) => !(p.identifiers && !p.identifiersType), { message: 'identifiersType is required with identifiers' })
  .refine((p) => !(p.variationParentSku && p.packageHierarchySku), {
    message: 'variationParentSku and packageHierarchySku cannot be combined',
  });

export const searchListingsItemsResult = z.looseObject({
  numberOfResults: z.number(),
  pagination: pagination.optional(),
  items: z.array(listingsItem),
});

export const getListingsRestrictionsParams = z.object({
  asin: z.string().min(1),
  sellerId: z.string().optional(),
  marketplaceIds,
  conditionType: z.string().optional(),
  reasonLocale: z.string().optional(),
  productType: z.string().optional(),
});

export const restrictionsResult = z.looseObject({
  restrictions: z.array(
    z.looseObject({
      marketplaceId: z.string(),
      conditionType: z.string().optional(),
      reasons: z
        .array(
          z.looseObject({
            message: z.string(),
            reasonCode: z.string().optional(),
            links: z.array(z.looseObject({ resource: z.string(), verb: z.string().optional(), title: z.string().optional() })).optional(),
          }),
        )
        .optional(),
    }),
  ),
});

const submissionQuery = (
  p: { marketplaceIds?: string[] | undefined; includedData?: string[] | undefined; mode?: string | undefined; issueLocale?: string | undefined },
  marketplaces: (ids?: readonly string[]) => string[],
): Query => ({ marketplaceIds: marketplaces(p.marketplaceIds), includedData: p.includedData, mode: p.mode, issueLocale: p.issueLocale });

export const listingsOperations = {
  getListingsItem: operation({
    params: getListingsItemParams,
    result: listingsItem,
    request: (p, s) => ({
      path: { sellerId: p.sellerId ?? s.sellerId, sku: p.sku },
      query: { marketplaceIds: s.marketplaces(p.marketplaceIds), includedData: p.includedData, issueLocale: p.issueLocale },
    }),
  }),
  putListingsItem: operation({
    params: putListingsItemParams,
    result: submissionResponse,
    request: (p, s) => ({ path: { sellerId: p.sellerId ?? s.sellerId, sku: p.sku }, query: submissionQuery(p, s.marketplaces), body: p.body }),
  }),
  patchListingsItem: operation({
    params: patchListingsItemParams,
    result: submissionResponse,
    request: (p, s) => ({ path: { sellerId: p.sellerId ?? s.sellerId, sku: p.sku }, query: submissionQuery(p, s.marketplaces), body: p.body }),
  }),
  deleteListingsItem: operation({
    params: deleteListingsItemParams,
    result: submissionResponse,
    request: (p, s) => ({
      path: { sellerId: p.sellerId ?? s.sellerId, sku: p.sku },
      query: { marketplaceIds: s.marketplaces(p.marketplaceIds), issueLocale: p.issueLocale },
    }),
  }),
  searchListingsItems: operation({
    params: searchListingsItemsParams,
    result: searchListingsItemsResult,
    request: ({ sellerId, marketplaceIds, ...rest }, s) => ({
      path: { sellerId: sellerId ?? s.sellerId },
      query: { marketplaceIds: s.marketplaces(marketplaceIds), ...rest },
    }),
  }),
  getListingsRestrictions: operation({
    params: getListingsRestrictionsParams,
    result: restrictionsResult,
    request: ({ sellerId, marketplaceIds, ...rest }, s) => ({
      query: { ...rest, sellerId: sellerId ?? s.sellerId, marketplaceIds: s.marketplaces(marketplaceIds) },
    }),
  }),
};

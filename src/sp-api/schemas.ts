// Zod schemas for the parameters we accept and the responses we read (written from Amazon's models, not copied).
// Responses are loose objects: Amazon adds fields over time and that must not break us.
import { z } from 'zod';

// ---------- shared pieces ----------

/** Amazon SKUs are 1..40 characters; counted in code points so '日本' is 2. */
export const skuSchema = z
  .string()
  .min(1, 'SKU must not be empty')
  .refine((s) => [...s].length <= 40, { message: 'SKU must be at most 40 characters' })
  .refine((s) => s.trim() === s, { message: 'SKU must not start or end with whitespace' });

/** Marketplace ids or country codes; the client resolves codes to ids and defaults to the configured marketplace. */
const marketplaceIds = z.array(z.string().min(1)).min(1).optional();
const isoDate = z.string().min(1);

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
export const requirementsEnum = z.enum(['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY']);
const issueLocale = z.string().regex(/^[a-z]{2}_[A-Z]{2}$/, 'locale like en_US').optional();

export const issueSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  severity: z.enum(['ERROR', 'WARNING', 'INFO']).or(z.string()),
  attributeNames: z.array(z.string()).optional(),
  categories: z.array(z.string()).optional(),
});
export type ListingIssue = z.infer<typeof issueSchema>;

const pagination = z.looseObject({ nextToken: z.string().optional(), previousToken: z.string().optional() });

// ---------- Listings Items ----------

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
});

export const listingsItem = z.looseObject({
  sku: z.string(),
  summaries: z.array(listingsItemSummary).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  issues: z.array(issueSchema).optional(),
  offers: z.array(z.looseObject({})).optional(),
  fulfillmentAvailability: z.array(z.looseObject({})).optional(),
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

export const searchListingsItemsParams = z.object({
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

// ---------- Listings Restrictions ----------

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

// ---------- Catalog ----------

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

export const catalogItem = z.looseObject({
  asin: z.string(),
  summaries: z
    .array(
      z.looseObject({
        marketplaceId: z.string(),
        itemName: z.string().optional(),
        brand: z.string().optional(),
        manufacturer: z.string().optional(),
      }),
    )
    .optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  identifiers: z.array(z.looseObject({})).optional(),
  images: z.array(z.looseObject({})).optional(),
  productTypes: z.array(z.looseObject({ marketplaceId: z.string().optional(), productType: z.string().optional() })).optional(),
  salesRanks: z.array(z.looseObject({})).optional(),
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

// ---------- Product Type Definitions ----------

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
  marketplaceIds: z.array(z.string().min(1)).length(1).optional(),
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

// ---------- Feeds & Reports ----------

const processingStatus = z.enum(['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE']);

export const createFeedDocumentParams = z.object({ contentType: z.string().min(1) });
export const createFeedDocumentResult = z.looseObject({ feedDocumentId: z.string(), url: z.string() });

export const createFeedParams = z.object({
  feedType: z.string().min(1),
  marketplaceIds: z.array(z.string().min(1)).min(1).max(25).optional(),
  inputFeedDocumentId: z.string().min(1),
  feedOptions: z.record(z.string(), z.string()).optional(),
});
export const createFeedResult = z.looseObject({ feedId: z.string() });

export const feedSchema = z.looseObject({
  feedId: z.string(),
  feedType: z.string(),
  marketplaceIds: z.array(z.string()).optional(),
  createdTime: z.string(),
  processingStatus: processingStatus.or(z.string()),
  processingStartTime: z.string().optional(),
  processingEndTime: z.string().optional(),
  resultFeedDocumentId: z.string().optional(),
});
export type Feed = z.infer<typeof feedSchema>;

export const feedIdParams = z.object({ feedId: z.string().min(1) });

const listQuery = {
  processingStatuses: z.array(processingStatus).min(1).optional(),
  marketplaceIds: z.array(z.string().min(1)).min(1).max(10).optional(),
  pageSize: z.number().int().min(1).max(100).optional(),
  createdSince: isoDate.optional(),
  createdUntil: isoDate.optional(),
  nextToken: z.string().optional(),
};

export const getFeedsParams = z
  .object({ feedTypes: z.array(z.string().min(1)).min(1).max(10).optional(), ...listQuery })
  .refine((p) => p.feedTypes || p.nextToken, { message: 'feedTypes or nextToken is required' });
export const getFeedsResult = z.looseObject({ feeds: z.array(feedSchema), nextToken: z.string().optional() });

export const documentDescriptor = z.looseObject({
  url: z.string(),
  compressionAlgorithm: z.string().optional(),
});
export const feedDocumentSchema = documentDescriptor.extend({ feedDocumentId: z.string() });
export type FeedDocument = z.infer<typeof feedDocumentSchema>;

export const getFeedDocumentParams = z.object({ feedDocumentId: z.string().min(1), enableContentEncodingUrlHeader: z.boolean().optional() });

export const createReportParams = z.object({
  reportType: z.string().min(1),
  marketplaceIds: z.array(z.string().min(1)).min(1).max(25).optional(),
  dataStartTime: isoDate.optional(),
  dataEndTime: isoDate.optional(),
  reportOptions: z.record(z.string(), z.string()).optional(),
});
export const createReportResult = z.looseObject({ reportId: z.string() });

export const reportSchema = z.looseObject({
  reportId: z.string(),
  reportType: z.string(),
  marketplaceIds: z.array(z.string()).optional(),
  dataStartTime: z.string().optional(),
  dataEndTime: z.string().optional(),
  reportScheduleId: z.string().optional(),
  createdTime: z.string(),
  processingStatus: processingStatus.or(z.string()),
  processingStartTime: z.string().optional(),
  processingEndTime: z.string().optional(),
  reportDocumentId: z.string().optional(),
});
export type Report = z.infer<typeof reportSchema>;

export const reportIdParams = z.object({ reportId: z.string().min(1) });
export const getReportsParams = z
  .object({ reportTypes: z.array(z.string().min(1)).min(1).max(10).optional(), ...listQuery })
  .refine((p) => p.reportTypes || p.nextToken, { message: 'reportTypes or nextToken is required' });
export const getReportsResult = z.looseObject({ reports: z.array(reportSchema), nextToken: z.string().optional() });

export const reportDocumentSchema = documentDescriptor.extend({ reportDocumentId: z.string() });
export type ReportDocument = z.infer<typeof reportDocumentSchema>;
export const getReportDocumentParams = z.object({
  reportDocumentId: z.string().min(1),
  enableContentEncodingUrlHeader: z.boolean().optional(),
});

// ---------- Solicitations ----------

export const solicitationParams = z.object({
  amazonOrderId: z.string().regex(/^\d{3}-\d{7}-\d{7}$/, 'Amazon order id like 123-1234567-1234567'),
  marketplaceIds: z.array(z.string().min(1)).length(1).optional(),
});

const halLink = z.looseObject({ href: z.string(), name: z.string().optional() });
export const solicitationActionsResult = z.looseObject({
  _links: z.looseObject({ actions: z.array(halLink), self: halLink.optional() }),
  _embedded: z.looseObject({ actions: z.array(z.looseObject({})).optional() }).optional(),
});
export type SolicitationActions = z.infer<typeof solicitationActionsResult>;
export const createSolicitationResult = z.looseObject({});

// ---------- Sellers & Sales ----------

export const marketplaceParticipationsResult = z.looseObject({
  payload: z.array(
    z.looseObject({
      marketplace: z.looseObject({
        id: z.string(),
        name: z.string().optional(),
        countryCode: z.string().optional(),
        defaultCurrencyCode: z.string().optional(),
        defaultLanguageCode: z.string().optional(),
        domainName: z.string().optional(),
      }),
      storeName: z.string().optional(),
      participation: z.looseObject({ isParticipating: z.boolean(), hasSuspendedListings: z.boolean().optional() }),
    }),
  ),
});
export type MarketplaceParticipations = z.infer<typeof marketplaceParticipationsResult>;

export const getOrderMetricsParams = z.object({
  marketplaceIds,
  /** ISO 8601 interval: start--end. */
  interval: z.string().regex(/^\S+--\S+$/, 'interval like 2024-01-01T00:00:00Z--2024-01-31T23:59:59Z'),
  granularity: z.enum(['Hour', 'Day', 'Week', 'Month', 'Year', 'Total']),
  granularityTimeZone: z.string().optional(),
  buyerType: z.enum(['B2B', 'B2C', 'All']).optional(),
  fulfillmentNetwork: z.string().optional(),
  firstDayOfWeek: z.enum(['Monday', 'Sunday']).optional(),
  asin: z.string().optional(),
  sku: z.string().optional(),
});

const money = z.looseObject({ amount: z.string(), currencyCode: z.string() });
export const orderMetricsResult = z.looseObject({
  payload: z.array(
    z.looseObject({
      interval: z.string(),
      unitCount: z.number(),
      orderItemCount: z.number(),
      orderCount: z.number(),
      averageUnitPrice: money,
      totalSales: money,
    }),
  ),
});
export type OrderMetrics = z.infer<typeof orderMetricsResult>;

// The SP-API operations we call, with Amazon's published default usage plans (sp-api-facts §1).
// One table drives three things: client routing, client throttling and the emulator's enforcement.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface UsagePlan {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size. */
  burst: number;
}

export interface OperationSpec {
  name: OperationName;
  method: HttpMethod;
  /** Path template with {param} placeholders, as in Amazon's models. */
  path: string;
  plan: UsagePlan;
  /** Status Amazon returns on success. */
  successStatus: number;
  /**
   * False when repeating the call may repeat its effect (a second feed, report or solicitation).
   * Such calls are retried only when Amazon provably did not execute them.
   */
  idempotent: boolean;
  /** Per-application ceiling across all sellers (Listings/PTD rate-limit pages), when Amazon publishes one. */
  applicationRate?: number;
  /** Grantless operations use a client_credentials token with this scope instead of the seller's refresh token. */
  grantlessScope?: string;
}

const op = (
  name: OperationName,
  method: HttpMethod,
  path: string,
  rate: number,
  burst: number,
  extra: Partial<Pick<OperationSpec, 'successStatus' | 'idempotent' | 'applicationRate' | 'grantlessScope'>> = {},
): OperationSpec => ({
  name,
  method,
  path,
  plan: { rate, burst },
  successStatus: extra.successStatus ?? 200,
  idempotent: extra.idempotent ?? true,
  ...(extra.applicationRate !== undefined ? { applicationRate: extra.applicationRate } : {}),
  ...(extra.grantlessScope !== undefined ? { grantlessScope: extra.grantlessScope } : {}),
});

export const OPERATION_NAMES = [
  'getListingsItem',
  'putListingsItem',
  'patchListingsItem',
  'deleteListingsItem',
  'searchListingsItems',
  'getListingsRestrictions',
  'searchCatalogItems',
  'getCatalogItem',
  'searchDefinitionsProductTypes',
  'getDefinitionsProductType',
  'createFeedDocument',
  'createFeed',
  'getFeed',
  'getFeeds',
  'cancelFeed',
  'getFeedDocument',
  'createReport',
  'getReport',
  'getReports',
  'cancelReport',
  'getReportDocument',
  'getSolicitationActionsForOrder',
  'createProductReviewAndSellerFeedbackSolicitation',
  'getMarketplaceParticipations',
  'getOrderMetrics',
  'rotateApplicationClientSecret',
  'getFeaturedOfferExpectedPriceBatch',
  'getCompetitiveSummary',
  'getInventorySummaries',
  'getOrders',
  'getOrderItems',
  'searchContentDocuments',
  'getContentDocument',
  'listContentDocumentAsinRelations',
  'validateContentDocumentAsinRelations',
  'createContentDocument',
  'updateContentDocument',
  'postContentDocumentAsinRelations',
  'postContentDocumentApprovalSubmission',
  'createUploadDestinationForResource',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

const L = '/listings/2021-08-01';
const F = '/feeds/2021-06-30';
const R = '/reports/2021-06-30';
const S = '/solicitations/v1/orders/{amazonOrderId}';

export const OPERATIONS: Record<OperationName, OperationSpec> = {
  getListingsItem: op('getListingsItem', 'GET', `${L}/items/{sellerId}/{sku}`, 5, 10, { applicationRate: 100 }),
  // PUT replaces the whole listing, so repeating it yields the same state: idempotent.
  putListingsItem: op('putListingsItem', 'PUT', `${L}/items/{sellerId}/{sku}`, 5, 10, { applicationRate: 100 }),
  patchListingsItem: op('patchListingsItem', 'PATCH', `${L}/items/{sellerId}/{sku}`, 5, 5, { applicationRate: 500 }),
  deleteListingsItem: op('deleteListingsItem', 'DELETE', `${L}/items/{sellerId}/{sku}`, 5, 5, { applicationRate: 100 }),
  searchListingsItems: op('searchListingsItems', 'GET', `${L}/items/{sellerId}`, 5, 5),
  getListingsRestrictions: op('getListingsRestrictions', 'GET', `${L}/restrictions`, 5, 10),
  searchCatalogItems: op('searchCatalogItems', 'GET', '/catalog/2022-04-01/items', 2, 2),
  getCatalogItem: op('getCatalogItem', 'GET', '/catalog/2022-04-01/items/{asin}', 2, 2),
  searchDefinitionsProductTypes: op('searchDefinitionsProductTypes', 'GET', '/definitions/2020-09-01/productTypes', 5, 10, {
    applicationRate: 100,
  }),
  getDefinitionsProductType: op('getDefinitionsProductType', 'GET', '/definitions/2020-09-01/productTypes/{productType}', 5, 10, {
    applicationRate: 100,
  }),
  createFeedDocument: op('createFeedDocument', 'POST', `${F}/documents`, 0.5, 15, { successStatus: 201, idempotent: false }),
  createFeed: op('createFeed', 'POST', `${F}/feeds`, 0.0083, 15, { successStatus: 202, idempotent: false }),
  getFeed: op('getFeed', 'GET', `${F}/feeds/{feedId}`, 2, 15),
  getFeeds: op('getFeeds', 'GET', `${F}/feeds`, 0.0222, 10),
  cancelFeed: op('cancelFeed', 'DELETE', `${F}/feeds/{feedId}`, 2, 15),
  getFeedDocument: op('getFeedDocument', 'GET', `${F}/documents/{feedDocumentId}`, 0.0222, 10),
  createReport: op('createReport', 'POST', `${R}/reports`, 0.0167, 15, { successStatus: 202, idempotent: false }),
  getReport: op('getReport', 'GET', `${R}/reports/{reportId}`, 2, 15),
  getReports: op('getReports', 'GET', `${R}/reports`, 0.0222, 10),
  cancelReport: op('cancelReport', 'DELETE', `${R}/reports/{reportId}`, 0.0222, 10),
  getReportDocument: op('getReportDocument', 'GET', `${R}/documents/{reportDocumentId}`, 0.0167, 15),
  getSolicitationActionsForOrder: op('getSolicitationActionsForOrder', 'GET', S, 1, 5),
  createProductReviewAndSellerFeedbackSolicitation: op(
    'createProductReviewAndSellerFeedbackSolicitation',
    'POST',
    `${S}/solicitations/productReviewAndSellerFeedback`,
    1,
    5,
    { successStatus: 201, idempotent: false },
  ),
  getMarketplaceParticipations: op('getMarketplaceParticipations', 'GET', '/sellers/v1/marketplaceParticipations', 0.016, 15),
  // Sales API v1 usage plan: 0.5 req/s, burst 15 (sales.json operation description).
  getOrderMetrics: op('getOrderMetrics', 'GET', '/sales/v1/orderMetrics', 0.5, 15),
  // Application Management 2023-11-30: grantless; 204; a repeat issues yet another secret.
  rotateApplicationClientSecret: op('rotateApplicationClientSecret', 'POST', '/applications/2023-11-30/clientSecret', 0.0167, 1, {
    successStatus: 204,
    idempotent: false,
    grantlessScope: 'sellingpartnerapi::client_credential:rotation',
  }),
  // Product Pricing 2022-05-01: 0.033 req/s, burst 1 for both batch operations (productPricing_2022-05-01.json
  // operation descriptions); a batch holds up to 40 FOEP requests or 20 competitive summaries. Both only read.
  getFeaturedOfferExpectedPriceBatch: op(
    'getFeaturedOfferExpectedPriceBatch',
    'POST',
    '/batches/products/pricing/2022-05-01/offer/featuredOfferExpectedPrice',
    0.033,
    1,
  ),
  getCompetitiveSummary: op('getCompetitiveSummary', 'POST', '/batches/products/pricing/2022-05-01/items/competitiveSummary', 0.033, 1),
  // FBA Inventory v1: 2 req/s, burst 2 (fbaInventory.json operation description).
  getInventorySummaries: op('getInventorySummaries', 'GET', '/fba/inventory/v1/summaries', 2, 2),
  // Orders v0 (ordersV0.json operation descriptions): getOrders 0.0167 req/s burst 20, getOrderItems 0.5 burst 30.
  // Neither asks for a Restricted Data Token: their answers carry no buyer name, address lines, email or phone.
  getOrders: op('getOrders', 'GET', '/orders/v0/orders', 0.0167, 20),
  getOrderItems: op('getOrderItems', 'GET', '/orders/v0/orders/{orderId}/orderItems', 0.5, 30),
  // A+ Content 2020-11-01: 10 req/s, burst 10 for every operation (aplusContent_2020-11-01.json descriptions).
  searchContentDocuments: op('searchContentDocuments', 'GET', '/aplus/2020-11-01/contentDocuments', 10, 10),
  getContentDocument: op('getContentDocument', 'GET', '/aplus/2020-11-01/contentDocuments/{contentReferenceKey}', 10, 10),
  listContentDocumentAsinRelations: op(
    'listContentDocumentAsinRelations',
    'GET',
    '/aplus/2020-11-01/contentDocuments/{contentReferenceKey}/asins',
    10,
    10,
  ),
  validateContentDocumentAsinRelations: op('validateContentDocumentAsinRelations', 'POST', '/aplus/2020-11-01/contentAsinValidations', 10, 10),
  // A second create makes a second document: never repeated unless Amazon provably did not get it.
  createContentDocument: op('createContentDocument', 'POST', '/aplus/2020-11-01/contentDocuments', 10, 10, { idempotent: false }),
  updateContentDocument: op('updateContentDocument', 'POST', '/aplus/2020-11-01/contentDocuments/{contentReferenceKey}', 10, 10),
  // Replaces the document's ASIN set: repeating it gives the same set.
  postContentDocumentAsinRelations: op(
    'postContentDocumentAsinRelations',
    'POST',
    '/aplus/2020-11-01/contentDocuments/{contentReferenceKey}/asins',
    10,
    10,
  ),
  postContentDocumentApprovalSubmission: op(
    'postContentDocumentApprovalSubmission',
    'POST',
    '/aplus/2020-11-01/contentDocuments/{contentReferenceKey}/approvalSubmissions',
    10,
    10,
    { idempotent: false },
  ),
  // Uploads 2020-11-01: 10 req/s, burst 10 (uploads_2020-11-01.json). {resource} spans several segments
  // (aplus/2020-11-01/contentDocuments): see MULTI_SEGMENT_PARAMS.
  createUploadDestinationForResource: op('createUploadDestinationForResource', 'POST', '/uploads/2020-11-01/uploadDestinations/{resource}', 10, 10, {
    successStatus: 201,
  }),
};

/** Path parameters that hold a path of their own (Uploads' {resource}): each segment is encoded, slashes stay. */
const MULTI_SEGMENT_PARAMS = new Set(['resource']);

/**
 * Usage plans that replace an operation's default for some requests.
 * - VALIDATION_PREVIEW on put/patch: 1 req/s (changelog 2024-01-31); burst not published, 1 assumed.
 * - createFeed for JSON_LISTINGS_FEED: 5 feeds per 5 minutes per region (changelog 2025-05-06).
 */
export const VARIANT_PLANS = {
  validationPreview: { rate: 1, burst: 1 },
  jsonListingsFeed: { rate: 5 / 300, burst: 5 },
} as const satisfies Record<string, UsagePlan>;

export interface PlanSelection {
  /** Bucket key suffix: the operation name, or operation#variant. */
  key: string;
  plan: UsagePlan;
}

/** Which usage plan a concrete request falls under. */
export function planFor(name: OperationName, request: { query?: Record<string, unknown> | URLSearchParams; body?: unknown } = {}): PlanSelection {
  const q = request.query;
  const mode = q instanceof URLSearchParams ? q.get('mode') : (q?.['mode'] as string | undefined);
  if ((name === 'putListingsItem' || name === 'patchListingsItem') && mode === 'VALIDATION_PREVIEW') {
    return { key: `${name}#VALIDATION_PREVIEW`, plan: VARIANT_PLANS.validationPreview };
  }
  if (name === 'createFeed') {
    const feedType = (request.body as { feedType?: unknown } | undefined)?.feedType;
    if (feedType === 'JSON_LISTINGS_FEED') return { key: 'createFeed#JSON_LISTINGS_FEED', plan: VARIANT_PLANS.jsonListingsFeed };
  }
  return { key: name, plan: OPERATIONS[name].plan };
}

interface CompiledRoute {
  spec: OperationSpec;
  regex: RegExp;
  params: string[];
}

const routes: CompiledRoute[] = Object.values(OPERATIONS).map((spec) => {
  const params: string[] = [];
  const pattern = spec.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    params.push(name);
    return MULTI_SEGMENT_PARAMS.has(name) ? '(.+)' : '([^/]+)';
  });
  return { spec, regex: new RegExp(`^${pattern}$`), params };
});

/** Matches a raw (still percent-encoded) path to an operation; path params come back decoded. */
export function matchOperation(method: string, rawPath: string): { spec: OperationSpec; params: Record<string, string> } | undefined {
  for (const r of routes) {
    if (r.spec.method !== method.toUpperCase()) continue;
    const hit = r.regex.exec(rawPath);
    if (!hit) continue;
    const params: Record<string, string> = {};
    try {
      r.params.forEach((p, i) => (params[p] = decodeURIComponent(hit[i + 1]!)));
    } catch {
      return undefined;
    }
    return { spec: r.spec, params };
  }
  return undefined;
}

/** Fills a path template; every parameter is percent-encoded (SKUs may hold spaces, '/', '#', '+', unicode). */
export function buildPath(name: OperationName, params: Record<string, string>): string {
  return OPERATIONS[name].path.replace(/\{(\w+)\}/g, (_m, p: string) => {
    const v = params[p];
    if (v === undefined || v === '') throw new Error(`Missing path parameter "${p}" for ${name}`);
    return MULTI_SEGMENT_PARAMS.has(p) ? v.split('/').map(encodePathSegment).join('/') : encodePathSegment(v);
  });
}

/** encodeURIComponent plus the characters it leaves alone that some servers treat specially. */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

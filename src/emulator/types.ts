// Contracts inside the emulator: the core (server, auth, throttling, faults, state) and the
// area modules (listings, catalog, feeds, reports, ...) meet here. Tools never import the emulator.
import type { IncomingHttpHeaders } from 'node:http';
import type { OperationName } from '../sp-api/operations.js';
import type { SqsQueues } from './sqs.js';

export interface EmuRequest {
  operation: OperationName;
  method: string;
  /** Decoded path parameters, e.g. { sellerId, sku }. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw body bytes (empty for GET/DELETE). */
  body: Buffer;
  /** The seller the access token was issued for ('' for grantless tokens). */
  sellerId: string;
  /** The LWA client (application) the access token was issued to. */
  clientId: string;
  requestId: string;
}

export interface EmuReply {
  status: number;
  /** Serialized as JSON unless it is a Buffer. Undefined means no body (e.g. 204). */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: EmuRequest) => EmuReply | Promise<EmuReply>;

/** An area module registers handlers by operation name; the core routes by the operations table. */
export type HandlerTable = Partial<Record<OperationName, Handler>>;

/** Amazon's standard error body. */
export interface AmazonError {
  code: string;
  message: string;
  details?: string;
}

/** Documents (feed uploads, report/processing-report downloads) hosted by the emulator like S3 presigned URLs. */
export interface DocumentStore {
  /** Reserves an upload slot; the PUT to `url` must carry exactly `contentType` (else 403 SignatureDoesNotMatch, as S3). */
  createUpload(contentType: string): { documentId: string; url: string };
  /** Bytes uploaded for a feed document, or undefined if nothing was uploaded yet. */
  uploaded(documentId: string): { contentType: string; bytes: Buffer } | undefined;
  /** Stores a document for download; returns its id. */
  putDownload(bytes: Buffer, opts: { contentType: string; compressed: boolean }): string;
  /** A fresh presigned download URL (expires after the configured lifetime, 5 minutes by default). */
  downloadUrl(documentId: string): string | undefined;
  hasDownload(documentId: string): boolean;
}

export interface ListingIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  categories: string[];
  attributeNames?: string[];
  /** What Amazon does about the issue (Issue.enforcements in Listings Items 2021-08-01). */
  enforcements?: {
    actions: Array<{ action: 'LISTING_SUPPRESSED' | 'ATTRIBUTE_SUPPRESSED' | 'CATALOG_ITEM_REMOVED' | 'SEARCH_SUPPRESSED' }>;
    exemption: { status: 'EXEMPT' | 'EXEMPT_UNTIL_EXPIRY_DATE' | 'NOT_EXEMPT'; expiryDate?: string };
  };
  marketplaceIds?: string[];
}

export interface StoredListing {
  sellerId: string;
  sku: string;
  productType: string;
  marketplaceIds: string[];
  attributes: Record<string, unknown>;
  requirements?: string;
  asin?: string;
  status: string[];
  issues: ListingIssue[];
  createdDate: string;
  lastUpdatedDate: string;
}

export interface ListingSubmissionResult {
  sku: string;
  status: 'ACCEPTED' | 'INVALID' | 'VALID';
  submissionId: string;
  issues: ListingIssue[];
}

/** Listings state, shared so feeds and reports act on the same listings the Listings API shows. */
export interface ListingsService {
  get(sellerId: string, sku: string): StoredListing | undefined;
  all(sellerId: string): StoredListing[];
  /** Validates and (unless preview) stores a full listing, as putListingsItem / feed UPDATE. */
  put(
    sellerId: string,
    sku: string,
    input: { productType: string; requirements?: string; attributes: Record<string, unknown>; marketplaceIds: string[] },
    opts?: { preview?: boolean },
  ): ListingSubmissionResult;
  /** Applies JSON-Patch-like ops, as patchListingsItem / feed PATCH. */
  patch(
    sellerId: string,
    sku: string,
    input: { productType: string; patches: Array<{ op: string; path: string; value?: unknown[] }>; marketplaceIds: string[] },
    opts?: { preview?: boolean },
  ): ListingSubmissionResult;
  delete(sellerId: string, sku: string, marketplaceIds: string[]): ListingSubmissionResult;
}

export interface OrderItem {
  asin: string;
  sku: string;
  title: string;
  quantity: number;
  /** Line total (unit price × quantity), as the Orders API ItemPrice. */
  itemPrice: { currencyCode: string; amount: string };
}

/** Orders exist only as the emulator's state behind solicitations, sales metrics and reports. No buyer PII. */
export interface StoredOrder {
  amazonOrderId: string;
  sellerId: string;
  marketplaceId: string;
  purchaseDate: string;
  orderStatus: 'Pending' | 'Unshipped' | 'Shipped' | 'Canceled';
  earliestDeliveryDate?: string;
  latestDeliveryDate?: string;
  items: OrderItem[];
  buyerType: 'B2C' | 'B2B';
  /** AFN = fulfilled by Amazon, MFN = by the merchant (Sales API fulfillmentNetwork filter). Default MFN. */
  fulfillmentChannel?: 'AFN' | 'MFN';
  /** Set by tests; otherwise derived from the purchase date and status (areas/orders.ts). */
  lastUpdateDate?: string;
}

export interface StoredContentDocument {
  sellerId: string;
  contentReferenceKey: string;
  marketplaceId: string;
  status: 'APPROVED' | 'DRAFT' | 'REJECTED' | 'SUBMITTED';
  badgeSet: string[];
  updateTime: string;
  asins: string[];
  submittedAt?: number;
  document: { name: string; contentType: string; locale: string; contentModuleList: Array<Record<string, unknown>> };
}

export interface Clock {
  now(): number;
}

export interface EmulatorContext {
  clock: Clock;
  documents: DocumentStore;
  listings: ListingsService;
  orders: StoredOrder[];
  sellers: SellerAccount[];
  /** Milliseconds an async job (feed, report) spends in each of IN_QUEUE and IN_PROGRESS. */
  jobStepMs: number;
  /** Milliseconds after an ACCEPTED listing submission before late issues appear. */
  lateIssueMs: number;
  /** FBA quantities set by tests, per `${sellerId}\n${sku}`; others are made up from the SKU. */
  /** A+ Content documents (two seeded per seller on first use). */
  aplus: StoredContentDocument[];
  /** Upload destinations created for A+ images (Uploads API), by uploadDestinationId. */
  aplusUploads: Map<string, { documentId: string; contentMD5: string; contentType: string }>;
  fbaQuantities: Map<
    string,
    {
      fulfillable: number;
      inboundWorking: number;
      inboundShipped: number;
      inboundReceiving: number;
      reserved: number;
      researching: number;
      unfulfillable: number;
    }
  >;
}

export interface SellerAccount {
  sellerId: string;
  storeName: string;
  marketplaceIds: string[];
}

export interface FaultConfig {
  /** Probability (0..1) that a request gets a 500/503. */
  errorRate?: number;
  /** Extra latency per request, ms (fixed, or [min, max]). */
  latencyMs?: number | [number, number];
  /** Probability (0..1) that the connection is reset before any response is written. */
  resetRate?: number;
  /** Never send x-amzn-RateLimit-Limit. */
  dropRateLimitHeader?: boolean;
  /** Answer every SP-API request with 429 QuotaExceeded until this epoch ms. */
  throttleStormUntil?: number;
  /** Limit to these operations (all when absent). */
  operations?: OperationName[];
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Access-token lifetime in seconds (Amazon: 3600). Short values exercise refresh. */
  tokenLifetimeSeconds?: number;
  /** Enforce usage plans with 429 QuotaExceeded (default true). */
  enforceRateLimits?: boolean;
  /** Multiply every usage plan rate (and divide waits); 1 = Amazon's real rates. */
  rateScale?: number;
  jobStepMs?: number;
  lateIssueMs?: number;
  /** Presigned document URL lifetime, seconds (Amazon: 300). */
  documentUrlLifetimeSeconds?: number;
  faults?: FaultConfig;
  clock?: Clock;
}

export interface EmulatorCredentials {
  /** The app's id (amzn1.sp.solution.…), used on the consent URL. */
  applicationId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  sellerId: string;
  marketplaceId: string;
}

export interface RunningEmulator {
  endpoint: string;
  lwaEndpoint: string;
  credentials: EmulatorCredentials;
  context: EmulatorContext;
  /** Replace the fault configuration at run time. */
  setFaults(faults: FaultConfig): void;
  /** Counters for tests and benchmarks. */
  stats(): { requests: number; throttled: number; byOperation: Record<string, { requests: number; throttled: number }> };
  /** Revoke the demo refresh token or rotate the client secret (to exercise invalid_grant / invalid_client). */
  revokeRefreshToken(refreshToken: string): void;
  rotateClientSecret(clientId: string): string;
  /** SQS-compatible queues; the demo app's rotation queue and the AWS key that may read it. */
  sqs: SqsQueues;
  rotation: { queueUrl: string; awsRegion: string; awsAccessKeyId: string; awsSecretAccessKey: string };
  /** Seller Central base URL for the consent page (the endpoint itself). */
  sellerCentral: string;
  close(): Promise<void>;
}

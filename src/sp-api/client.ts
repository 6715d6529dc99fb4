// Typed SP-API client: one method per operation, each validated on the way in and parsed on the way out.
// Every call: LWA token → throttle token (seller bucket, then per-application bucket) → HTTP → parse, with bounded
// retries (retry.ts) and one token refresh on a 403 caused by an expired or invalid access token.
import pRetry from 'p-retry';
import type { Dispatcher } from 'undici';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { LwaClient, type LwaGrant } from '../auth/lwa.js';
import { isLoopbackHost } from '../auth/credentials.js';
import { log as defaultLog } from '../lib/log.js';
import { findMarketplace, endpointFor, MARKETPLACES, type Region } from '../lib/marketplaces.js';
import { buildPath, OPERATIONS, planFor, type OperationName } from './operations.js';
import { createAgent, header, send, TransportError } from './http.js';
import {
  errorForResponse,
  parseRateLimit,
  SpApiAbortError,
  SpApiError,
  SpApiForbiddenError,
  SpApiInputError,
  SpApiNetworkError,
  SpApiResponseError,
  SpApiThrottledError,
} from './errors.js';
import { backoffMs, DEFAULT_RETRY, DEFAULT_THROTTLE_BUDGET_MS, isRetryable, THROTTLE_BACKOFF, type RetryPolicy } from './retry.js';
import { sleep } from '../lib/sleep.js';
import { VERSION } from '../lib/version.js';
import { defaultThrottleRegistry, type BucketState, type OnWait, type Release, type ThrottleRegistry } from './throttle.js';
import * as S from './schemas.js';
import {
  downloadDocument,
  downloadProductTypeSchema,
  uploadFeedDocument,
  type DownloadedDocument,
  type DocumentTransportOptions,
} from './documents.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  sellerId: string;
  /** Marketplace id or country code. */
  marketplaceId: string;
  region?: Region;
  endpoint?: string;
  lwaEndpoint?: string;
  sandbox?: boolean;
}

export interface SpApiClientOptions {
  credentials: ClientCredentials;
  /** Base-URL override (e.g. the emulator); otherwise chosen from the marketplace's region (and sandbox flag). */
  endpoint?: string;
  lwaEndpoint?: string;
  sandbox?: boolean;
  userAgent?: string;
  logger?: Logger;
  /** Retries after the first attempt (default 4 → 5 attempts). */
  maxRetries?: number;
  /** Backoff base and cap in ms (defaults 500 and 30 000). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long one call keeps waiting out 429s before giving up, ms (default 120 000). Other failures use maxRetries. */
  throttleBudgetMs?: number;
  /** undici dispatcher; default a keep-alive Agent owned by the client (closed by close()). */
  dispatcher?: Dispatcher;
  /** Bucket registry; default one shared by the whole process. `false` disables proactive throttling. */
  throttle?: ThrottleRegistry | false;
  /** Share an LWA client (and its token cache) between SP-API clients. */
  lwa?: LwaClient;
  /** Refresh access tokens this long before they expire (default 60 000 ms). */
  tokenRefreshSkewMs?: number;
  /** Per-request headers/body timeout, ms (default 60 000). */
  timeoutMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Called whenever the call is about to wait (throttle queue or retry backoff) with the expected wait. */
  onWait?: OnWait;
  /** Called once with the final response's metadata. */
  onMeta?: (meta: ResponseMeta) => void;
}

export interface ResponseMeta {
  operation: OperationName;
  status: number;
  requestId: string | undefined;
  rateLimit: number | undefined;
  attempts: number;
  durationMs: number;
}

export interface ClientStats {
  requests: number;
  throttled: number;
  retries: number;
  byOperation: Record<string, { requests: number; throttled: number; retries: number }>;
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

interface CallSpec<T> {
  operation: OperationName;
  path?: Record<string, string>;
  query?: Query;
  body?: unknown;
  /** undefined: the response body is ignored (cancel operations). */
  result?: z.ZodType<T>;
}

const SANDBOX_PLAN = { rate: 5, burst: 15 };

export class SpApiClient {
  readonly sellerId: string;
  readonly marketplaceId: string;
  readonly region: Region;
  readonly endpoint: string;
  readonly sandbox: boolean;
  readonly lwa: LwaClient;
  readonly #clientId: string;
  readonly #grant: LwaGrant;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #throttle: ThrottleRegistry | undefined;
  readonly #retry: RetryPolicy;
  readonly #throttleBudgetMs: number;
  readonly #log: Logger;
  readonly #userAgent: string;
  readonly #timeoutMs: number;
  readonly #endpointOverridden: boolean;
  readonly #loopback: boolean;
  /** Region in bucket keys; with an endpoint override also its host, so two local emulators never share buckets. */
  readonly #scope: string;
  #last: ResponseMeta | undefined;
  readonly #stats: ClientStats = { requests: 0, throttled: 0, retries: 0, byOperation: {} };

  constructor(opts: SpApiClientOptions) {
    const c = opts.credentials;
    const mp = findMarketplace(c.marketplaceId);
    if (!mp) throw new SpApiInputError(unknownMarketplaceMessage(c.marketplaceId));
    this.marketplaceId = mp.id;
    this.region = c.region ?? mp.region;
    this.sellerId = c.sellerId;
    this.sandbox = opts.sandbox ?? c.sandbox ?? false;
    const override = opts.endpoint ?? c.endpoint;
    this.#endpointOverridden = override !== undefined;
    this.endpoint = (override ?? endpointFor(this.region, this.sandbox)).replace(/\/+$/, '');
    const host = new URL(this.endpoint).host;
    this.#loopback = isLoopbackHost(new URL(this.endpoint).hostname);
    this.#scope = this.#endpointOverridden ? `${this.region}@${host}` : this.region;
    this.#clientId = c.clientId;
    this.#grant = { refreshToken: c.refreshToken };
    this.#ownsDispatcher = opts.dispatcher === undefined;
    this.#timeoutMs = opts.timeoutMs ?? 60_000;
    this.#dispatcher = opts.dispatcher ?? createAgent({ timeoutMs: this.#timeoutMs });
    this.#throttle = opts.throttle === false ? undefined : (opts.throttle ?? defaultThrottleRegistry);
    this.#retry = {
      maxRetries: opts.maxRetries ?? DEFAULT_RETRY.maxRetries,
      baseMs: opts.retryBaseMs ?? DEFAULT_RETRY.baseMs,
      maxMs: opts.retryMaxMs ?? DEFAULT_RETRY.maxMs,
    };
    this.#throttleBudgetMs = opts.throttleBudgetMs ?? DEFAULT_THROTTLE_BUDGET_MS;
    this.#log = opts.logger ?? defaultLog;
    this.#userAgent =
      opts.userAgent ?? `sp-api-mcp/${VERSION} (Language=TypeScript; Platform=Node.js/${process.versions.node} ${process.platform})`;
    this.lwa =
      opts.lwa ??
      new LwaClient({
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        ...(opts.lwaEndpoint ?? c.lwaEndpoint ? { endpoint: opts.lwaEndpoint ?? c.lwaEndpoint } : {}),
        dispatcher: this.#dispatcher,
        logger: this.#log,
        userAgent: this.#userAgent,
        ...(opts.tokenRefreshSkewMs !== undefined ? { refreshSkewMs: opts.tokenRefreshSkewMs } : {}),
      });
  }

  /** Metadata of the most recently completed call (any operation). Prefer CallOptions.onMeta under concurrency. */
  get lastResponse(): ResponseMeta | undefined {
    return this.#last;
  }

  /** Counters since construction: HTTP requests sent, 429s received, retries made. */
  stats(): ClientStats {
    return structuredClone(this.#stats);
  }

  /** This client's buckets (seller buckets for its seller and region, and its application's buckets). */
  throttleState(): BucketState[] {
    if (!this.#throttle) return [];
    const seller = `${this.#clientId}|${this.sellerId}|${this.#scope}|`;
    const app = `app|${this.#clientId}|${this.#scope}|`;
    return this.#throttle.snapshot((k) => k.startsWith(seller) || k.startsWith(app));
  }

  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  // ---------------- Listings Items ----------------

  async getListingsItem(params: z.input<typeof S.getListingsItemParams>, opts?: CallOptions): Promise<S.ListingsItem> {
    const p = this.#input('getListingsItem', S.getListingsItemParams, params);
    return this.#call(
      {
        operation: 'getListingsItem',
        path: { sellerId: p.sellerId ?? this.sellerId, sku: p.sku },
        query: { marketplaceIds: this.#mps('getListingsItem', p.marketplaceIds), includedData: p.includedData, issueLocale: p.issueLocale },
        result: S.listingsItem,
      },
      opts,
    );
  }

  async putListingsItem(params: z.input<typeof S.putListingsItemParams>, opts?: CallOptions): Promise<S.ListingsItemSubmissionResponse> {
    const p = this.#input('putListingsItem', S.putListingsItemParams, params);
    return this.#call(
      {
        operation: 'putListingsItem',
        path: { sellerId: p.sellerId ?? this.sellerId, sku: p.sku },
        query: this.#submissionQuery('putListingsItem', p),
        body: p.body,
        result: S.submissionResponse,
      },
      opts,
    );
  }

  async patchListingsItem(params: z.input<typeof S.patchListingsItemParams>, opts?: CallOptions): Promise<S.ListingsItemSubmissionResponse> {
    const p = this.#input('patchListingsItem', S.patchListingsItemParams, params);
    return this.#call(
      {
        operation: 'patchListingsItem',
        path: { sellerId: p.sellerId ?? this.sellerId, sku: p.sku },
        query: this.#submissionQuery('patchListingsItem', p),
        body: p.body,
        result: S.submissionResponse,
      },
      opts,
    );
  }

  async deleteListingsItem(params: z.input<typeof S.deleteListingsItemParams>, opts?: CallOptions): Promise<S.ListingsItemSubmissionResponse> {
    const p = this.#input('deleteListingsItem', S.deleteListingsItemParams, params);
    return this.#call(
      {
        operation: 'deleteListingsItem',
        path: { sellerId: p.sellerId ?? this.sellerId, sku: p.sku },
        query: { marketplaceIds: this.#mps('deleteListingsItem', p.marketplaceIds), issueLocale: p.issueLocale },
        result: S.submissionResponse,
      },
      opts,
    );
  }

  async searchListingsItems(
    params: z.input<typeof S.searchListingsItemsParams> = {},
    opts?: CallOptions,
  ): Promise<z.infer<typeof S.searchListingsItemsResult>> {
    const p = this.#input('searchListingsItems', S.searchListingsItemsParams, params);
    const { sellerId, marketplaceIds, ...rest } = p;
    return this.#call(
      {
        operation: 'searchListingsItems',
        path: { sellerId: sellerId ?? this.sellerId },
        query: { marketplaceIds: this.#mps('searchListingsItems', marketplaceIds), ...rest },
        result: S.searchListingsItemsResult,
      },
      opts,
    );
  }

  async getListingsRestrictions(
    params: z.input<typeof S.getListingsRestrictionsParams>,
    opts?: CallOptions,
  ): Promise<z.infer<typeof S.restrictionsResult>> {
    const p = this.#input('getListingsRestrictions', S.getListingsRestrictionsParams, params);
    const { sellerId, marketplaceIds, ...rest } = p;
    return this.#call(
      {
        operation: 'getListingsRestrictions',
        query: { ...rest, sellerId: sellerId ?? this.sellerId, marketplaceIds: this.#mps('getListingsRestrictions', marketplaceIds) },
        result: S.restrictionsResult,
      },
      opts,
    );
  }

  // ---------------- Catalog ----------------

  async searchCatalogItems(
    params: z.input<typeof S.searchCatalogItemsParams>,
    opts?: CallOptions,
  ): Promise<z.infer<typeof S.searchCatalogItemsResult>> {
    const p = this.#input('searchCatalogItems', S.searchCatalogItemsParams, params);
    const { marketplaceIds, sellerId, ...rest } = p;
    return this.#call(
      {
        operation: 'searchCatalogItems',
        query: {
          ...rest,
          marketplaceIds: this.#mps('searchCatalogItems', marketplaceIds),
          // Amazon requires sellerId for SKU lookups; default it only then.
          sellerId: sellerId ?? (p.identifiersType === 'SKU' ? this.sellerId : undefined),
        },
        result: S.searchCatalogItemsResult,
      },
      opts,
    );
  }

  async getCatalogItem(params: z.input<typeof S.getCatalogItemParams>, opts?: CallOptions): Promise<S.CatalogItem> {
    const p = this.#input('getCatalogItem', S.getCatalogItemParams, params);
    return this.#call(
      {
        operation: 'getCatalogItem',
        path: { asin: p.asin },
        query: { marketplaceIds: this.#mps('getCatalogItem', p.marketplaceIds), includedData: p.includedData, locale: p.locale },
        result: S.catalogItem,
      },
      opts,
    );
  }

  // ---------------- Product Type Definitions ----------------

  async searchDefinitionsProductTypes(
    params: z.input<typeof S.searchDefinitionsProductTypesParams> = {},
    opts?: CallOptions,
  ): Promise<z.infer<typeof S.searchDefinitionsProductTypesResult>> {
    const p = this.#input('searchDefinitionsProductTypes', S.searchDefinitionsProductTypesParams, params);
    const { marketplaceIds, ...rest } = p;
    return this.#call(
      {
        operation: 'searchDefinitionsProductTypes',
        query: { ...rest, marketplaceIds: this.#mps('searchDefinitionsProductTypes', marketplaceIds) },
        result: S.searchDefinitionsProductTypesResult,
      },
      opts,
    );
  }

  async getDefinitionsProductType(
    params: z.input<typeof S.getDefinitionsProductTypeParams>,
    opts?: CallOptions,
  ): Promise<S.ProductTypeDefinition> {
    const p = this.#input('getDefinitionsProductType', S.getDefinitionsProductTypeParams, params);
    const { productType, marketplaceIds, sellerId, ...rest } = p;
    return this.#call(
      {
        operation: 'getDefinitionsProductType',
        path: { productType },
        query: { ...rest, sellerId: sellerId ?? this.sellerId, marketplaceIds: this.#mps('getDefinitionsProductType', marketplaceIds) },
        result: S.productTypeDefinition,
      },
      opts,
    );
  }

  // ---------------- Feeds ----------------

  async createFeedDocument(
    params: z.input<typeof S.createFeedDocumentParams>,
    opts?: CallOptions,
  ): Promise<z.infer<typeof S.createFeedDocumentResult>> {
    const p = this.#input('createFeedDocument', S.createFeedDocumentParams, params);
    return this.#call({ operation: 'createFeedDocument', body: { contentType: p.contentType }, result: S.createFeedDocumentResult }, opts);
  }

  async createFeed(params: z.input<typeof S.createFeedParams>, opts?: CallOptions): Promise<z.infer<typeof S.createFeedResult>> {
    const p = this.#input('createFeed', S.createFeedParams, params);
    return this.#call(
      {
        operation: 'createFeed',
        body: { ...p, marketplaceIds: this.#mps('createFeed', p.marketplaceIds) },
        result: S.createFeedResult,
      },
      opts,
    );
  }

  async getFeed(params: z.input<typeof S.feedIdParams>, opts?: CallOptions): Promise<S.Feed> {
    const p = this.#input('getFeed', S.feedIdParams, params);
    return this.#call({ operation: 'getFeed', path: { feedId: p.feedId }, result: S.feedSchema }, opts);
  }

  async getFeeds(params: z.input<typeof S.getFeedsParams>, opts?: CallOptions): Promise<z.infer<typeof S.getFeedsResult>> {
    const p = this.#input('getFeeds', S.getFeedsParams, params);
    return this.#call({ operation: 'getFeeds', query: this.#listQuery('getFeeds', p), result: S.getFeedsResult }, opts);
  }

  async cancelFeed(params: z.input<typeof S.feedIdParams>, opts?: CallOptions): Promise<void> {
    const p = this.#input('cancelFeed', S.feedIdParams, params);
    return this.#call<void>({ operation: 'cancelFeed', path: { feedId: p.feedId } }, opts);
  }

  async getFeedDocument(params: z.input<typeof S.getFeedDocumentParams>, opts?: CallOptions): Promise<S.FeedDocument> {
    const p = this.#input('getFeedDocument', S.getFeedDocumentParams, params);
    return this.#call(
      {
        operation: 'getFeedDocument',
        path: { feedDocumentId: p.feedDocumentId },
        query: { enableContentEncodingUrlHeader: p.enableContentEncodingUrlHeader },
        result: S.feedDocumentSchema,
      },
      opts,
    );
  }

  // ---------------- Reports ----------------

  async createReport(params: z.input<typeof S.createReportParams>, opts?: CallOptions): Promise<z.infer<typeof S.createReportResult>> {
    const p = this.#input('createReport', S.createReportParams, params);
    return this.#call(
      {
        operation: 'createReport',
        body: { ...p, marketplaceIds: this.#mps('createReport', p.marketplaceIds) },
        result: S.createReportResult,
      },
      opts,
    );
  }

  async getReport(params: z.input<typeof S.reportIdParams>, opts?: CallOptions): Promise<S.Report> {
    const p = this.#input('getReport', S.reportIdParams, params);
    return this.#call({ operation: 'getReport', path: { reportId: p.reportId }, result: S.reportSchema }, opts);
  }

  async getReports(params: z.input<typeof S.getReportsParams>, opts?: CallOptions): Promise<z.infer<typeof S.getReportsResult>> {
    const p = this.#input('getReports', S.getReportsParams, params);
    return this.#call({ operation: 'getReports', query: this.#listQuery('getReports', p), result: S.getReportsResult }, opts);
  }

  async cancelReport(params: z.input<typeof S.reportIdParams>, opts?: CallOptions): Promise<void> {
    const p = this.#input('cancelReport', S.reportIdParams, params);
    return this.#call<void>({ operation: 'cancelReport', path: { reportId: p.reportId } }, opts);
  }

  async getReportDocument(params: z.input<typeof S.getReportDocumentParams>, opts?: CallOptions): Promise<S.ReportDocument> {
    const p = this.#input('getReportDocument', S.getReportDocumentParams, params);
    return this.#call(
      {
        operation: 'getReportDocument',
        path: { reportDocumentId: p.reportDocumentId },
        query: { enableContentEncodingUrlHeader: p.enableContentEncodingUrlHeader },
        result: S.reportDocumentSchema,
      },
      opts,
    );
  }

  // ---------------- Solicitations ----------------

  async getSolicitationActionsForOrder(params: z.input<typeof S.solicitationParams>, opts?: CallOptions): Promise<S.SolicitationActions> {
    const p = this.#input('getSolicitationActionsForOrder', S.solicitationParams, params);
    return this.#call(
      {
        operation: 'getSolicitationActionsForOrder',
        path: { amazonOrderId: p.amazonOrderId },
        query: { marketplaceIds: this.#mps('getSolicitationActionsForOrder', p.marketplaceIds) },
        result: S.solicitationActionsResult,
      },
      opts,
    );
  }

  async createProductReviewAndSellerFeedbackSolicitation(
    params: z.input<typeof S.solicitationParams>,
    opts?: CallOptions,
  ): Promise<z.infer<typeof S.createSolicitationResult>> {
    const op = 'createProductReviewAndSellerFeedbackSolicitation';
    const p = this.#input(op, S.solicitationParams, params);
    return this.#call(
      {
        operation: op,
        path: { amazonOrderId: p.amazonOrderId },
        query: { marketplaceIds: this.#mps(op, p.marketplaceIds) },
        result: S.createSolicitationResult,
      },
      opts,
    );
  }

  // ---------------- Sellers & Sales ----------------

  async getMarketplaceParticipations(_params: Record<string, never> = {}, opts?: CallOptions): Promise<S.MarketplaceParticipations> {
    return this.#call({ operation: 'getMarketplaceParticipations', result: S.marketplaceParticipationsResult }, opts);
  }

  async getOrderMetrics(params: z.input<typeof S.getOrderMetricsParams>, opts?: CallOptions): Promise<S.OrderMetrics> {
    const p = this.#input('getOrderMetrics', S.getOrderMetricsParams, params);
    const { marketplaceIds, ...rest } = p;
    return this.#call(
      {
        operation: 'getOrderMetrics',
        query: { ...rest, marketplaceIds: this.#mps('getOrderMetrics', marketplaceIds) },
        result: S.orderMetricsResult,
      },
      opts,
    );
  }

  // ---------------- Documents (presigned URLs; no SP-API token is sent) ----------------

  downloadDocument(
    descriptor: { url: string; compressionAlgorithm?: string | undefined },
    opts: { signal?: AbortSignal; charset?: string } = {},
  ): Promise<DownloadedDocument> {
    return downloadDocument(descriptor, { ...this.#docTransport(), ...opts });
  }

  uploadFeedDocument(
    target: { url: string },
    body: Buffer | string,
    contentType: string,
    opts: { signal?: AbortSignal } = {},
  ): Promise<void> {
    return uploadFeedDocument(target, body, contentType, { ...this.#docTransport(), ...opts });
  }

  downloadProductTypeSchema(link: S.SchemaLink['link'] | string, checksum: string, opts: { signal?: AbortSignal } = {}): Promise<unknown> {
    return downloadProductTypeSchema(link, checksum, { ...this.#docTransport(), ...opts });
  }

  // ---------------- internals ----------------

  #docTransport(): DocumentTransportOptions {
    return { dispatcher: this.#dispatcher, allowLoopbackHttp: this.#loopback, timeoutMs: this.#timeoutMs };
  }

  #input<T extends z.ZodType>(operation: OperationName, schema: T, params: unknown): z.infer<T> {
    const r = schema.safeParse(params ?? {});
    if (r.success) return r.data;
    const issues = r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'params'}: ${i.message}`);
    throw new SpApiInputError(`${operation}: invalid input — ${issues.join('; ')}`, { operation, issues });
  }

  /** Resolves ids or country codes; defaults to the configured marketplace; rejects other regions on Amazon endpoints. */
  #mps(operation: OperationName, input: readonly string[] | undefined): string[] {
    if (!input || input.length === 0) return [this.marketplaceId];
    return input.map((v) => {
      const mp = findMarketplace(v);
      if (!mp) throw new SpApiInputError(`${operation}: ${unknownMarketplaceMessage(v)}`, { operation });
      if (!this.#endpointOverridden && mp.region !== this.region) {
        throw new SpApiInputError(
          `${operation}: marketplace ${mp.countryCode} (${mp.id}) is served by the ${mp.region.toUpperCase()} endpoint, ` +
            `but this client talks to ${this.region.toUpperCase()}; use credentials for that region.`,
          { operation },
        );
      }
      return mp.id;
    });
  }

  #submissionQuery(
    operation: OperationName,
    p: { marketplaceIds?: string[] | undefined; includedData?: string[] | undefined; mode?: string | undefined; issueLocale?: string | undefined },
  ): Query {
    return { marketplaceIds: this.#mps(operation, p.marketplaceIds), includedData: p.includedData, mode: p.mode, issueLocale: p.issueLocale };
  }

  /** Amazon: when nextToken is given it must be the only parameter. */
  #listQuery(operation: OperationName, p: Record<string, unknown>): Query {
    if (typeof p['nextToken'] === 'string') return { nextToken: p['nextToken'] };
    const { marketplaceIds, ...rest } = p as { marketplaceIds?: string[] } & Query;
    return { ...rest, marketplaceIds: marketplaceIds ? this.#mps(operation, marketplaceIds) : undefined };
  }

  #count(operation: string, field: 'requests' | 'throttled' | 'retries'): void {
    this.#stats[field]++;
    const o = (this.#stats.byOperation[operation] ??= { requests: 0, throttled: 0, retries: 0 });
    o[field]++;
  }

  async #call<T>(spec: CallSpec<T>, opts: CallOptions = {}): Promise<T> {
    const { operation } = spec;
    const op = OPERATIONS[operation];
    const path = buildPath(operation, spec.path ?? {});
    const qs = buildQuery(spec.query ?? {});
    const url = `${this.endpoint}${path}${qs ? `?${qs}` : ''}`;
    const body = spec.body === undefined ? undefined : Buffer.from(JSON.stringify(spec.body), 'utf8');
    const plan = this.sandbox
      ? { key: 'sandbox', plan: SANDBOX_PLAN }
      : planFor(operation, { query: stringQuery(spec.query ?? {}), body: spec.body });
    const bucketKey = `${this.#clientId}|${this.sellerId}|${this.#scope}|${plan.key}`;
    const started = performance.now();
    const state = { tokenRefreshed: false, attempts: 0 };

    // 429s are waited out within a time budget and do not use up attempts; other failures keep the attempt limit.
    const throttled = { since: 0, count: 0 };
    return pRetry(
      async () => {
        state.attempts++;
        return this.#attempt(spec, { url, body, bucketKey, plan: plan.plan, idempotent: op.idempotent, started, state }, opts);
      },
      {
        retries: this.#retry.maxRetries,
        minTimeout: 0,
        factor: 1,
        shouldConsumeRetry: ({ error }) => !(error instanceof SpApiThrottledError),
        shouldRetry: async ({ error, attemptNumber, retriesConsumed }) => {
          if (!isRetryable(error, op.idempotent)) return false;
          let waitMs: number;
          if (error instanceof SpApiThrottledError) {
            const now = performance.now();
            if (throttled.count++ === 0) throttled.since = now;
            // The next attempt also waits for the drained bucket to refill at the plan's rate.
            waitMs = backoffMs(throttled.count, THROTTLE_BACKOFF);
            const refill = 1000 / (this.#throttle?.get(bucketKey)?.rate ?? plan.plan.rate);
            if (now - throttled.since + waitMs + refill > this.#throttleBudgetMs) return false;
          } else {
            waitMs = backoffMs(retriesConsumed + 1, this.#retry);
          }
          this.#count(operation, 'retries');
          opts.onWait?.({
            operation,
            waitMs,
            queued: 0,
            reason: 'retry',
            attempt: attemptNumber,
            cause: error instanceof SpApiError ? `${error.status || 'network'} ${error.code}` : error.name,
          });
          this.#log.debug({ operation, attempt: attemptNumber, waitMs, err: error.message }, 'SP-API retry');
          await sleep(waitMs, opts.signal, () => new SpApiAbortError(operation, opts.signal?.reason));
          return true;
        },
      },
    );
  }

  async #attempt<T>(
    spec: CallSpec<T>,
    ctx: {
      url: string;
      body: Buffer | undefined;
      bucketKey: string;
      plan: { rate: number; burst: number };
      idempotent: boolean;
      started: number;
      state: { tokenRefreshed: boolean; attempts: number };
    },
    opts: CallOptions,
  ): Promise<T> {
    const { operation } = spec;
    const signal = opts.signal;
    // Grantless operations (none in the table today) use a client_credentials token for their scope.
    const scope = OPERATIONS[operation].grantlessScope;
    const grant: LwaGrant = scope ? { scope } : this.#grant;
    for (;;) {
      if (signal?.aborted) throw new SpApiAbortError(operation, signal.reason);
      // Token first, throttle second: a slow token exchange must not hold a throttle slot and then release a burst.
      let token: string;
      try {
        token = await this.lwa.getAccessToken(grant, signal ? { signal } : {});
      } catch (err) {
        if (signal?.aborted) throw new SpApiAbortError(operation, signal.reason);
        throw err;
      }
      const release = await this.#acquire(operation, ctx.bucketKey, ctx.plan, opts);
      const t0 = performance.now();
      let res;
      try {
        this.#count(operation, 'requests');
        res = await send({
          method: OPERATIONS[operation].method,
          url: ctx.url,
          headers: {
            'x-amz-access-token': token,
            'user-agent': this.#userAgent,
            accept: 'application/json',
            'x-amz-date': amzDate(),
            ...(ctx.body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
          },
          ...(ctx.body ? { body: ctx.body } : {}),
          ...(signal ? { signal } : {}),
          dispatcher: this.#dispatcher,
          timeoutMs: this.#timeoutMs,
        });
      } catch (err) {
        release();
        if (err instanceof TransportError) {
          if (err.aborted && signal?.aborted) throw new SpApiAbortError(operation, signal.reason, err.requestSent);
          this.#log.debug({ operation, ms: Math.round(performance.now() - t0), err: err.message, sent: err.requestSent }, 'SP-API network error');
          throw new SpApiNetworkError({
            code: err.errorCode ?? 'NetworkError',
            message: `${operation}: network error: ${err.message}${err.requestSent ? '' : ' (request not sent)'}`,
            operation,
            requestSent: err.requestSent,
            cause: err,
          });
        }
        throw err;
      }
      release();

      const status = res.status;
      const requestId = header(res.headers, 'x-amzn-requestid');
      const rateLimit = parseRateLimit(res.headers['x-amzn-ratelimit-limit']);
      this.#log.debug({ operation, status, ms: Math.round(performance.now() - t0), requestId, rateLimit }, 'SP-API call');

      if (status >= 200 && status < 300) {
        if (rateLimit !== undefined) this.#throttle?.get(ctx.bucketKey)?.setRate(rateLimit);
        const meta: ResponseMeta = {
          operation,
          status,
          requestId,
          rateLimit,
          attempts: ctx.state.attempts,
          durationMs: Math.round(performance.now() - ctx.started),
        };
        const value = this.#parse(spec, res.body, meta);
        this.#last = meta;
        opts.onMeta?.(meta);
        return value;
      }

      const text = res.body.toString('utf8');
      if (status === 429) {
        this.#count(operation, 'throttled');
        // Amazon's bucket is empty: empty ours so every queued caller backs off together.
        this.#throttle?.get(ctx.bucketKey)?.drain();
      }
      const error = errorForResponse({
        status,
        body: text,
        operation,
        ...(requestId !== undefined ? { requestId } : {}),
        ...(rateLimit !== undefined ? { rateLimit } : {}),
      });
      if (error instanceof SpApiForbiddenError && !ctx.state.tokenRefreshed && looksLikeTokenProblem(error)) {
        // Expired or revoked access token: refresh once and try again (nothing was executed on a 401/403).
        ctx.state.tokenRefreshed = true;
        this.lwa.invalidate(grant, token);
        this.#log.debug({ operation, requestId }, 'SP-API 403 on access token; refreshing once');
        continue;
      }
      throw error;
    }
  }

  async #acquire(operation: OperationName, key: string, plan: { rate: number; burst: number }, opts: CallOptions): Promise<Release> {
    if (!this.#throttle) return () => {};
    const common = { operation, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onWait ? { onWait: opts.onWait } : {}) };
    const seller = this.#throttle.bucket(key, plan);
    const releaseSeller = await seller.acquire(common);
    const appRate = OPERATIONS[operation].applicationRate;
    if (appRate === undefined || this.sandbox) return releaseSeller;
    const app = this.#throttle.bucket(`app|${this.#clientId}|${this.#scope}|${operation}`, { rate: appRate, burst: appRate });
    try {
      const releaseApp = await app.acquire({ ...common, reason: 'application-throttle' });
      return () => {
        releaseSeller();
        releaseApp();
      };
    } catch (err) {
      // Cancelled while waiting for the application bucket: the seller token was never used.
      releaseSeller();
      seller.refund();
      throw err;
    }
  }

  #parse<T>(spec: CallSpec<T>, body: Buffer, meta: ResponseMeta): T {
    if (!spec.result) return undefined as T;
    const text = body.toString('utf8');
    let json: unknown;
    try {
      json = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new SpApiResponseError({
        status: meta.status,
        code: 'InvalidResponse',
        message: `${spec.operation}: response is not JSON`,
        operation: spec.operation,
        ...(meta.requestId ? { requestId: meta.requestId } : {}),
      });
    }
    const r = spec.result.safeParse(json);
    if (r.success) return r.data;
    const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new SpApiResponseError({
      status: meta.status,
      code: 'InvalidResponse',
      message: `${spec.operation}: unexpected response shape — ${issues.join('; ')}`,
      operation: spec.operation,
      ...(meta.requestId ? { requestId: meta.requestId } : {}),
    });
  }
}

/** A 401/403 that a fresh access token could fix (as opposed to a missing role or a business rule). */
function looksLikeTokenProblem(err: SpApiError): boolean {
  if (err.status === 401) return true;
  const text = err.errors.map((e) => `${e.code} ${e.message} ${e.details ?? ''}`).join(' ');
  return /MissingAuthenticationToken|InvalidToken|ExpiredToken|access token|token (?:has )?expired|revoked, malformed or invalid/i.test(text);
}

function unknownMarketplaceMessage(v: string): string {
  return `unknown marketplace "${v}"; use a marketplace id such as ATVPDKIKX0DER or one of: ${MARKETPLACES.map((m) => m.countryCode).join(', ')}`;
}

/** Amazon query strings: arrays as CSV, every value percent-encoded (%20, never '+'). */
export function buildQuery(query: Query): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length === 0) continue;
      parts.push(`${encodeURIComponent(k)}=${v.map((x) => encodeURIComponent(String(x))).join(',')}`);
    } else {
      parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    }
  }
  return parts.join('&');
}

function stringQuery(query: Query): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
}

function amzDate(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}


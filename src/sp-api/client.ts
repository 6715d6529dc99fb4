// Typed SP-API client: every operation declared in src/sp-api/areas/ becomes a method, validated on the way in
// (SpApiInputError before anything is sent) and parsed on the way out. The pipeline (pipeline.ts) does the rest.
import type { Dispatcher } from 'undici';
import type { Logger } from 'pino';
import { LwaClient } from '../auth/lwa.js';
import { isLoopbackHost } from '../auth/credentials.js';
import { log as defaultLog } from '../lib/log.js';
import { findMarketplace, endpointFor, MARKETPLACES, type Region } from '../lib/marketplaces.js';
import { VERSION } from '../lib/version.js';
import { OPERATION_NAMES, type OperationName } from './operations.js';
import { createAgent } from './http.js';
import { SpApiInputError } from './errors.js';
import { DEFAULT_RETRY, DEFAULT_THROTTLE_BUDGET_MS } from './retry.js';
import { defaultThrottleRegistry, type BucketState, type ThrottleRegistry } from './throttle.js';
import type { BackendStatus } from './throttle-shared.js';
import { API, type ParamsOf, type ResultOf } from './api.js';
import type { RequestScope } from './declare.js';
import type { SchemaLink } from './schemas.js';
import { Pipeline, type CallOptions, type ClientStats, type ResponseMeta } from './pipeline.js';
import {
  downloadDocument,
  downloadProductTypeSchema,
  uploadFeedDocument,
  type DownloadedDocument,
  type DocumentTransportOptions,
} from './documents.js';

export type { CallOptions, ClientStats, ResponseMeta } from './pipeline.js';
export { buildQuery } from './pipeline.js';

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
  /** Retries after the first attempt for 5xx and network failures (default 4 → 5 attempts). */
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

/** One typed method per declared operation; parameters may be left out when none is required. */
export type OperationMethods = {
  [K in OperationName]: Record<never, never> extends ParamsOf<K>
    ? (params?: ParamsOf<K>, opts?: CallOptions) => Promise<ResultOf<K>>
    : (params: ParamsOf<K>, opts?: CallOptions) => Promise<ResultOf<K>>;
};

class Client {
  readonly sellerId: string;
  readonly marketplaceId: string;
  readonly region: Region;
  readonly endpoint: string;
  readonly sandbox: boolean;
  readonly lwa: LwaClient;
  readonly #clientId: string;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #throttle: ThrottleRegistry | undefined;
  readonly #timeoutMs: number;
  readonly #endpointOverridden: boolean;
  readonly #loopback: boolean;
  readonly #scope: string;
  readonly #pipeline: Pipeline;

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
    const url = new URL(this.endpoint);
    this.#loopback = isLoopbackHost(url.hostname);
    this.#scope = this.#endpointOverridden ? `${this.region}@${url.host}` : this.region;
    this.#clientId = c.clientId;
    this.#ownsDispatcher = opts.dispatcher === undefined;
    this.#timeoutMs = opts.timeoutMs ?? 60_000;
    this.#dispatcher = opts.dispatcher ?? createAgent({ timeoutMs: this.#timeoutMs });
    this.#throttle = opts.throttle === false ? undefined : (opts.throttle ?? defaultThrottleRegistry);
    const log = opts.logger ?? defaultLog;
    const userAgent = opts.userAgent ?? `sp-api-mcp/${VERSION} (Language=TypeScript; Platform=Node.js/${process.versions.node} ${process.platform})`;
    this.lwa =
      opts.lwa ??
      new LwaClient({
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        ...((opts.lwaEndpoint ?? c.lwaEndpoint) ? { endpoint: opts.lwaEndpoint ?? c.lwaEndpoint } : {}),
        dispatcher: this.#dispatcher,
        logger: log,
        userAgent,
        ...(opts.tokenRefreshSkewMs !== undefined ? { refreshSkewMs: opts.tokenRefreshSkewMs } : {}),
      });
    this.#pipeline = new Pipeline({
      endpoint: this.endpoint,
      clientId: c.clientId,
      sellerId: c.sellerId,
      scope: this.#scope,
      sandbox: this.sandbox,
      grant: { refreshToken: c.refreshToken },
      lwa: this.lwa,
      dispatcher: this.#dispatcher,
      throttle: this.#throttle,
      retry: {
        maxRetries: opts.maxRetries ?? DEFAULT_RETRY.maxRetries,
        baseMs: opts.retryBaseMs ?? DEFAULT_RETRY.baseMs,
        maxMs: opts.retryMaxMs ?? DEFAULT_RETRY.maxMs,
      },
      throttleBudgetMs: opts.throttleBudgetMs ?? DEFAULT_THROTTLE_BUDGET_MS,
      userAgent,
      timeoutMs: this.#timeoutMs,
      log,
    });
  }

  /** Metadata of the most recently completed call (any operation). Prefer CallOptions.onMeta under concurrency. */
  get lastResponse(): ResponseMeta | undefined {
    return this.#pipeline.last;
  }

  /** Counters since construction: HTTP requests sent, 429s received, retries made. */
  stats(): ClientStats {
    return structuredClone(this.#pipeline.stats);
  }

  /** This client's buckets (seller buckets for its seller and region, and its application's buckets). */
  throttleState(): BucketState[] {
    if (!this.#throttle) return [];
    const seller = `${this.#clientId}|${this.sellerId}|${this.#scope}|`;
    const app = `app|${this.#clientId}|${this.#scope}|`;
    return this.#throttle.snapshot((k) => k.startsWith(seller) || k.startsWith(app));
  }

  /** Where the buckets live (memory, SQLite, Redis) and whether the shared store is reachable. */
  throttleStatus(): BackendStatus | undefined {
    return this.#throttle?.status();
  }

  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  /** Any declared operation by name; the typed methods call this. */
  async call<K extends OperationName>(operation: K, params: ParamsOf<K> | undefined, opts?: CallOptions): Promise<ResultOf<K>> {
    const decl = API[operation];
    const parsed = decl.params.safeParse(params ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'params'}: ${i.message}`);
      throw new SpApiInputError(`${operation}: invalid input — ${issues.join('; ')}`, { operation, issues });
    }
    const scope: RequestScope = { sellerId: this.sellerId, marketplaces: (ids) => this.#marketplaces(operation, ids) };
    const parts = (decl.request as (p: unknown, s: RequestScope) => ReturnType<typeof decl.request>)(parsed.data, scope);
    return (await this.#pipeline.call({ operation, ...parts, result: decl.result }, opts)) as ResultOf<K>;
  }

  // Documents live behind presigned URLs: no SP-API token is sent, and no usage plan applies.

  downloadDocument(
    descriptor: { url: string; compressionAlgorithm?: string | undefined },
    opts: { signal?: AbortSignal; charset?: string } = {},
  ): Promise<DownloadedDocument> {
    return downloadDocument(descriptor, { ...this.#docTransport(), ...opts });
  }

  uploadFeedDocument(target: { url: string }, body: Buffer | string, contentType: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
    return uploadFeedDocument(target, body, contentType, { ...this.#docTransport(), ...opts });
  }

  downloadProductTypeSchema(link: SchemaLink['link'] | string, checksum: string, opts: { signal?: AbortSignal } = {}): Promise<unknown> {
    return downloadProductTypeSchema(link, checksum, { ...this.#docTransport(), ...opts });
  }

  #docTransport(): DocumentTransportOptions {
    return { dispatcher: this.#dispatcher, allowLoopbackHttp: this.#loopback, timeoutMs: this.#timeoutMs };
  }

  /** Resolves ids or country codes; defaults to the configured marketplace; rejects other regions on Amazon endpoints. */
  #marketplaces(operation: OperationName, input: readonly string[] | undefined): string[] {
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
}

for (const name of OPERATION_NAMES) {
  Object.defineProperty(Client.prototype, name, {
    value(this: Client, params: unknown, opts?: CallOptions) {
      return this.call(name, params as ParamsOf<typeof name>, opts);
    },
  });
}

// The methods are attached above from the declarations, so the class is typed with them here.
export type SpApiClient = Client & OperationMethods;
export const SpApiClient = Client as unknown as new (opts: SpApiClientOptions) => SpApiClient;

function unknownMarketplaceMessage(v: string): string {
  return `unknown marketplace "${v}"; use a marketplace id such as ATVPDKIKX0DER or one of: ${MARKETPLACES.map((m) => m.countryCode).join(', ')}`;
}

// The request pipeline every SP-API operation goes through:
//   LWA access token → throttle token (seller bucket, then per-application bucket) → HTTP → parse,
// with retries in this one place: 429s are waited out within a time budget (paced by the drained bucket plus a
// short jittered backoff) and do not use up attempts; 5xx and network failures use the attempt limit; an access
// token Amazon rejects is refreshed once. Non-idempotent calls are repeated only when Amazon provably did not act.
import pRetry from 'p-retry';
import type { Dispatcher } from 'undici';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { LwaClient, LwaGrant } from '../auth/lwa.js';
import { sleep } from '../lib/sleep.js';
import { buildPath, OPERATIONS, planFor, type OperationName, type UsagePlan } from './operations.js';
import { header, send, TransportError } from './http.js';
import {
  errorForResponse,
  parseRateLimit,
  SpApiAbortError,
  SpApiError,
  SpApiForbiddenError,
  SpApiNetworkError,
  SpApiResponseError,
  SpApiThrottledError,
} from './errors.js';
import { backoffMs, isRetryable, THROTTLE_BACKOFF, type RetryPolicy } from './retry.js';
import type { OnWait, Release, ThrottleRegistry } from './throttle.js';
import type { Query } from './declare.js';

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

export interface CallSpec {
  operation: OperationName;
  path?: Record<string, string> | undefined;
  query?: Query | undefined;
  body?: unknown;
  /** undefined: the response body is ignored (cancel operations). */
  result?: z.ZodType | undefined;
}

export interface PipelineConfig {
  endpoint: string;
  clientId: string;
  sellerId: string;
  /** Region in bucket keys; with an endpoint override also its host, so two local emulators never share buckets. */
  scope: string;
  sandbox: boolean;
  grant: LwaGrant;
  lwa: LwaClient;
  dispatcher: Dispatcher;
  throttle: ThrottleRegistry | undefined;
  retry: RetryPolicy;
  throttleBudgetMs: number;
  userAgent: string;
  timeoutMs: number;
  log: Logger;
}

const SANDBOX_PLAN: UsagePlan = { rate: 5, burst: 15 };

interface Attempt {
  url: string;
  body: Buffer | undefined;
  bucketKey: string;
  plan: UsagePlan;
  started: number;
  state: { tokenRefreshed: boolean; attempts: number };
}

export class Pipeline {
  last: ResponseMeta | undefined;
  readonly stats: ClientStats = { requests: 0, throttled: 0, retries: 0, byOperation: {} };

  constructor(private readonly c: PipelineConfig) {}

  async call(spec: CallSpec, opts: CallOptions = {}): Promise<unknown> {
    const { operation } = spec;
    const op = OPERATIONS[operation];
    const qs = buildQuery(spec.query ?? {});
    const plan = this.c.sandbox
      ? { key: 'sandbox', plan: SANDBOX_PLAN }
      : planFor(operation, { query: definedOnly(spec.query ?? {}), body: spec.body });
    const a: Attempt = {
      url: `${this.c.endpoint}${buildPath(operation, spec.path ?? {})}${qs ? `?${qs}` : ''}`,
      body: spec.body === undefined ? undefined : Buffer.from(JSON.stringify(spec.body), 'utf8'),
      bucketKey: `${this.c.clientId}|${this.c.sellerId}|${this.c.scope}|${plan.key}`,
      plan: plan.plan,
      started: performance.now(),
      state: { tokenRefreshed: false, attempts: 0 },
    };
    const throttled = { since: 0, count: 0 };
    return pRetry(
      async () => {
        a.state.attempts++;
        return this.#attempt(spec, a, opts);
      },
      {
        retries: this.c.retry.maxRetries,
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
            const refill = 1000 / (this.c.throttle?.get(a.bucketKey)?.rate ?? a.plan.rate);
            if (now - throttled.since + waitMs + refill > this.c.throttleBudgetMs) return false;
          } else {
            waitMs = backoffMs(retriesConsumed + 1, this.c.retry);
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
          this.c.log.debug({ operation, attempt: attemptNumber, waitMs, err: error.message }, 'SP-API retry');
          await sleep(waitMs, opts.signal, () => new SpApiAbortError(operation, opts.signal?.reason));
          return true;
        },
      },
    );
  }

  #count(operation: string, field: 'requests' | 'throttled' | 'retries'): void {
    this.stats[field]++;
    const o = (this.stats.byOperation[operation] ??= { requests: 0, throttled: 0, retries: 0 });
    o[field]++;
  }

  async #attempt(spec: CallSpec, a: Attempt, opts: CallOptions): Promise<unknown> {
    const { operation } = spec;
    const signal = opts.signal;
    // Grantless operations use a client_credentials token for their scope.
    const scope = OPERATIONS[operation].grantlessScope;
    const grant: LwaGrant = scope ? { scope } : this.c.grant;
    for (;;) {
      if (signal?.aborted) throw new SpApiAbortError(operation, signal.reason);
      // Token first, throttle second: a slow token exchange must not hold a throttle slot and then release a burst.
      let token: string;
      try {
        token = await this.c.lwa.getAccessToken(grant, signal ? { signal } : {});
      } catch (err) {
        if (signal?.aborted) throw new SpApiAbortError(operation, signal.reason);
        throw err;
      }
      const release = await this.#acquire(operation, a.bucketKey, a.plan, opts);
      const t0 = performance.now();
      let res;
      try {
        this.#count(operation, 'requests');
        res = await send({
          method: OPERATIONS[operation].method,
          url: a.url,
          headers: {
            'x-amz-access-token': token,
            'user-agent': this.c.userAgent,
            accept: 'application/json',
            'x-amz-date': amzDate(),
            ...(a.body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
          },
          ...(a.body ? { body: a.body } : {}),
          ...(signal ? { signal } : {}),
          dispatcher: this.c.dispatcher,
          timeoutMs: this.c.timeoutMs,
        });
      } catch (err) {
        release();
        if (err instanceof TransportError) {
          if (err.aborted && signal?.aborted) throw new SpApiAbortError(operation, signal.reason, err.requestSent);
          this.c.log.debug({ operation, ms: Math.round(performance.now() - t0), err: err.message, sent: err.requestSent }, 'SP-API network error');
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
      this.c.log.debug({ operation, status, ms: Math.round(performance.now() - t0), requestId, rateLimit }, 'SP-API call');

      if (status >= 200 && status < 300) {
        if (rateLimit !== undefined) this.c.throttle?.get(a.bucketKey)?.setRate(rateLimit);
        const meta: ResponseMeta = {
          operation,
          status,
          requestId,
          rateLimit,
          attempts: a.state.attempts,
          durationMs: Math.round(performance.now() - a.started),
        };
        const value = parse(spec, res.body, meta);
        this.last = meta;
        opts.onMeta?.(meta);
        return value;
      }

      if (status === 429) {
        this.#count(operation, 'throttled');
        // Amazon's bucket is empty: empty ours so every queued caller backs off together.
        this.c.throttle?.get(a.bucketKey)?.drain();
      }
      const error = errorForResponse({
        status,
        body: res.body.toString('utf8'),
        operation,
        ...(requestId !== undefined ? { requestId } : {}),
        ...(rateLimit !== undefined ? { rateLimit } : {}),
      });
      if (error instanceof SpApiForbiddenError && !a.state.tokenRefreshed && looksLikeTokenProblem(error)) {
        // Expired or revoked access token: refresh once and try again (nothing was executed on a 401/403).
        a.state.tokenRefreshed = true;
        this.c.lwa.invalidate(grant, token);
        this.c.log.debug({ operation, requestId }, 'SP-API 403 on access token; refreshing once');
        continue;
      }
      throw error;
    }
  }

  async #acquire(operation: OperationName, key: string, plan: UsagePlan, opts: CallOptions): Promise<Release> {
    const throttle = this.c.throttle;
    if (!throttle) return () => {};
    const common = { operation, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onWait ? { onWait: opts.onWait } : {}) };
    const seller = throttle.bucket(key, plan);
    const releaseSeller = await seller.acquire(common);
    const appRate = OPERATIONS[operation].applicationRate;
    if (appRate === undefined || this.c.sandbox) return releaseSeller;
    const app = throttle.bucket(`app|${this.c.clientId}|${this.c.scope}|${operation}`, { rate: appRate, burst: appRate });
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
}

function parse(spec: CallSpec, body: Buffer, meta: ResponseMeta): unknown {
  if (!spec.result) return undefined;
  const text = body.toString('utf8');
  const fail = (message: string) =>
    new SpApiResponseError({
      status: meta.status,
      code: 'InvalidResponse',
      message: `${spec.operation}: ${message}`,
      operation: spec.operation,
      ...(meta.requestId ? { requestId: meta.requestId } : {}),
    });
  let json: unknown;
  try {
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw fail('response is not JSON');
  }
  const r = spec.result.safeParse(json);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw fail(`unexpected response shape — ${issues.join('; ')}`);
}

/** A 401/403 that a fresh access token could fix (as opposed to a missing role or a business rule). */
function looksLikeTokenProblem(err: SpApiError): boolean {
  if (err.status === 401) return true;
  const text = err.errors.map((e) => `${e.code} ${e.message} ${e.details ?? ''}`).join(' ');
  return /MissingAuthenticationToken|InvalidToken|ExpiredToken|access token|token (?:has )?expired|revoked, malformed or invalid/i.test(text);
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

function definedOnly(query: Query): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
}

function amzDate(): string {
  return new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

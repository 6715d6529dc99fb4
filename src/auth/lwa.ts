// Login with Amazon token exchange with a per-grant cache and single-flight refresh.
import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import type { Logger } from 'pino';
import { log as defaultLog, redactText } from '../lib/log.js';
import { abortedError } from '../lib/sleep.js';
import { LWA_TOKEN_ENDPOINT } from '../lib/marketplaces.js';

export class LwaError extends Error {
  constructor(
    message: string,
    /** LWA error code (invalid_client, invalid_grant, ...) or 'network' / 'bad_response'. */
    readonly code: string,
    /** HTTP status, 0 for network failures. */
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(redactText(message), options);
    this.name = 'LwaError';
  }
}

/** LWA could not be reached (DNS, refused, reset, timeout): nothing was exchanged. */
export class LwaNetworkError extends LwaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'network', 0, options);
    this.name = 'LwaNetworkError';
  }
}

/** LWA answered 5xx or 429: Amazon's login service is busy or down; a later attempt may work. */
export class LwaUnavailableError extends LwaError {
  constructor(message: string, code: string, status: number) {
    super(message, code, status);
    this.name = 'LwaUnavailableError';
  }
}

export class LwaInvalidClientError extends LwaError {
  constructor(status: number, description: string) {
    super(
      `LWA rejected the client credentials (invalid_client: ${description}). The client secret is wrong or was rotated — ` +
        'Amazon rotates LWA secrets every 180 days; update SP_API_CLIENT_SECRET with the current secret from Developer Central.',
      'invalid_client',
      status,
    );
    this.name = 'LwaInvalidClientError';
  }
}

export class LwaInvalidGrantError extends LwaError {
  constructor(status: number, description: string) {
    super(
      `LWA rejected the refresh token (invalid_grant: ${description}). The refresh token was revoked or is not authorised — ` +
        're-authorise the app in Seller Central and update SP_API_REFRESH_TOKEN.',
      'invalid_grant',
      status,
    );
    this.name = 'LwaInvalidGrantError';
  }
}

/** A seller-authorised grant (refresh token) or a grantless one (scopes). */
export type LwaGrant = { refreshToken: string } | { scope: string | string[] };

export interface LwaClientOptions {
  clientId: string;
  clientSecret: string;
  /** Token URL; default https://api.amazon.com/auth/o2/token. */
  endpoint?: string;
  dispatcher?: Dispatcher;
  /** Refresh this long before expiry (default 60 s, as Amazon's own libraries do). */
  refreshSkewMs?: number;
  userAgent?: string;
  logger?: Logger;
  /** Milliseconds clock, for tests. */
  now?: () => number;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive(),
});

const errorResponse = z.looseObject({ error: z.string(), error_description: z.string().optional() });

export class LwaClient {
  readonly clientId: string;
  #clientSecret: string;
  readonly #endpoint: string;
  readonly #dispatcher: Dispatcher | undefined;
  readonly #skew: number;
  readonly #userAgent: string | undefined;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #cache = new Map<string, CachedToken>();
  readonly #inflight = new Map<string, Promise<CachedToken>>();
  #requests = 0;
  #cacheHits = 0;

  constructor(opts: LwaClientOptions) {
    this.clientId = opts.clientId;
    this.#clientSecret = opts.clientSecret;
    this.#endpoint = opts.endpoint ?? LWA_TOKEN_ENDPOINT;
    this.#dispatcher = opts.dispatcher;
    this.#skew = opts.refreshSkewMs ?? 60_000;
    this.#userAgent = opts.userAgent;
    this.#log = opts.logger ?? defaultLog;
    this.#now = opts.now ?? Date.now;
  }

  /** Replaces the client secret (after a rotation) and drops every cached token. */
  setClientSecret(secret: string): void {
    this.#clientSecret = secret;
    this.#cache.clear();
  }

  /** Token-endpoint requests made and cache hits served, for tests and account status. */
  stats(): { requests: number; cacheHits: number; cached: number } {
    return { requests: this.#requests, cacheHits: this.#cacheHits, cached: this.#cache.size };
  }

  /** Returns a valid access token, exchanging the grant only when the cached one is missing or about to expire. */
  async getAccessToken(grant: LwaGrant, opts: { signal?: AbortSignal; forceRefresh?: boolean } = {}): Promise<string> {
    const key = this.#key(grant);
    if (opts.forceRefresh) this.#cache.delete(key);
    const cached = this.#cache.get(key);
    if (cached && cached.expiresAt - this.#skew > this.#now()) {
      this.#cacheHits++;
      return cached.accessToken;
    }
    let flight = this.#inflight.get(key);
    if (!flight) {
      // The shared exchange is not tied to any one caller's signal: one caller giving up must not fail the others.
      flight = this.#exchange(grant).then(
        (tok) => {
          this.#inflight.delete(key);
          this.#cache.set(key, tok);
          return tok;
        },
        (err: unknown) => {
          this.#inflight.delete(key);
          throw err;
        },
      );
      this.#inflight.set(key, flight);
    }
    const tok = await raceSignal(flight, opts.signal);
    return tok.accessToken;
  }

  /**
   * Drops the cached token for a grant (after Amazon answered 403 for it). With `staleToken`, only that token is
   * dropped, so concurrent 403s do not throw away a token another caller has just refreshed.
   */
  invalidate(grant: LwaGrant, staleToken?: string): void {
    const key = this.#key(grant);
    if (staleToken !== undefined && this.#cache.get(key)?.accessToken !== staleToken) return;
    this.#cache.delete(key);
  }

  #key(grant: LwaGrant): string {
    const material = 'refreshToken' in grant ? `rt:${grant.refreshToken}` : `scope:${scopes(grant.scope)}`;
    // Hash so the cache keys themselves carry no secret.
    return `${this.clientId}\n${createHash('sha256').update(material).digest('base64url')}`;
  }

  /**
   * One token request. Transient failures are not retried here: the SP-API client retries the whole call in one
   * place, so a down LWA costs one token request per attempt rather than attempts × LWA retries.
   */
  async #exchange(grant: LwaGrant): Promise<CachedToken> {
    const form = new URLSearchParams();
    if ('refreshToken' in grant) {
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', grant.refreshToken);
    } else {
      form.set('grant_type', 'client_credentials');
      form.set('scope', scopes(grant.scope));
    }
    form.set('client_id', this.clientId);
    form.set('client_secret', this.#clientSecret);
    // Loaded here, not at module load: undici costs ~0.2 s of server start-up and no token is needed before a tool call.
    const { request } = await import('undici');

    const started = this.#now();
    this.#requests++;
    let status: number;
    let text: string;
    try {
      const res = await request(this.#endpoint, {
        method: 'POST',
        body: form.toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
          accept: 'application/json',
          ...(this.#userAgent ? { 'user-agent': this.#userAgent } : {}),
        },
        ...(this.#dispatcher ? { dispatcher: this.#dispatcher } : {}),
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      this.#log.debug({ lwa: true, err: (err as Error).message }, 'LWA network error');
      throw new LwaNetworkError(`Could not reach Login with Amazon (${this.#endpoint}): ${(err as Error).message}`, { cause: err });
    }
    this.#log.debug({ lwa: true, status, ms: this.#now() - started }, 'LWA token exchange');
    if (status >= 200 && status < 300) {
      const parsed = tokenResponse.safeParse(safeJson(text));
      if (!parsed.success) throw new LwaError('LWA returned an unreadable token response.', 'bad_response', status);
      return { accessToken: parsed.data.access_token, expiresAt: started + parsed.data.expires_in * 1000 };
    }
    const err = errorResponse.safeParse(safeJson(text));
    const code = err.success ? err.data.error : '';
    const desc = err.success ? (err.data.error_description ?? code) : text.slice(0, 200);
    if (code === 'invalid_client' || code === 'unauthorized_client') throw new LwaInvalidClientError(status, desc);
    if (code === 'invalid_grant') throw new LwaInvalidGrantError(status, desc);
    const message = `LWA token request failed with HTTP ${status}${code ? ` (${code})` : ''}: ${desc}`;
    if (status >= 500 || status === 429 || code === 'server_error' || code === 'temporarily_unavailable') {
      throw new LwaUnavailableError(message, code || `http_${status}`, status);
    }
    throw new LwaError(message, code || `http_${status}`, status);
  }
}

function scopes(scope: string | string[]): string {
  return (Array.isArray(scope) ? [...scope].sort() : [scope]).join(' ');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Resolves with the promise, or rejects as soon as the signal aborts. */
export function raceSignal<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(abortedError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * The website authorization workflow's last step: exchanges an spapi_oauth_code (valid 5 minutes, single use)
 * for the seller's refresh token.
 */
export async function exchangeAuthorizationCode(opts: {
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri?: string;
  endpoint?: string;
  signal?: AbortSignal;
}): Promise<{ refreshToken: string }> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code: opts.code, client_id: opts.clientId, client_secret: opts.clientSecret });
  if (opts.redirectUri) form.set('redirect_uri', opts.redirectUri);
  const { request } = await import('undici');
  const endpoint = opts.endpoint ?? LWA_TOKEN_ENDPOINT;
  let status: number;
  let text: string;
  try {
    const res = await request(endpoint, {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    status = res.statusCode;
    text = await res.body.text();
  } catch (err) {
    throw new LwaNetworkError(`Could not reach Login with Amazon (${endpoint}): ${(err as Error).message}`, { cause: err });
  }
  if (status >= 200 && status < 300) {
    const parsed = z.looseObject({ refresh_token: z.string().min(1) }).safeParse(safeJson(text));
    if (!parsed.success) throw new LwaError('LWA returned no refresh token for the authorization code.', 'bad_response', status);
    return { refreshToken: parsed.data.refresh_token };
  }
  const err = errorResponse.safeParse(safeJson(text));
  const code = err.success ? err.data.error : `http_${status}`;
  const desc = err.success ? (err.data.error_description ?? code) : text.slice(0, 200);
  if (code === 'invalid_client' || code === 'unauthorized_client') throw new LwaInvalidClientError(status, desc);
  if (code === 'invalid_grant') {
    throw new LwaError(
      `LWA rejected the authorization code (invalid_grant: ${desc}). Codes are single-use and expire after 5 minutes — authorise again.`,
      code,
      status,
    );
  }
  throw new LwaError(`LWA authorization-code exchange failed with HTTP ${status} (${code}): ${desc}`, code, status);
}

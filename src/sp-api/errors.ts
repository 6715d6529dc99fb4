// Error classes for everything the SP-API client can fail with. All extend SpApiError, so callers can catch one type.
// Messages pass through redactText: no access token, refresh token or presigned-URL signature may appear in them.
import { redactText } from '../lib/log.js';

export interface AmazonErrorItem {
  code: string;
  message: string;
  details?: string;
}

export interface SpApiErrorInit {
  /** HTTP status; 0 when no response was received (network, input, abort). */
  status: number;
  code: string;
  message: string;
  details?: string;
  errors?: AmazonErrorItem[];
  requestId?: string;
  rateLimit?: number;
  operation?: string;
  cause?: unknown;
}

export class SpApiError extends Error {
  readonly status: number;
  /** Amazon's error code (first error), e.g. QuotaExceeded, InvalidInput, Unauthorized. */
  readonly code: string;
  readonly details: string | undefined;
  /** Every error item Amazon returned. */
  readonly errors: AmazonErrorItem[];
  /** x-amzn-RequestId: quote it to Amazon support. */
  readonly requestId: string | undefined;
  /** x-amzn-RateLimit-Limit as a number, when present. */
  readonly rateLimit: number | undefined;
  readonly operation: string | undefined;

  constructor(init: SpApiErrorInit) {
    super(redactText(init.message), init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = 'SpApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details !== undefined ? redactText(init.details) : undefined;
    this.errors = (init.errors ?? []).map((e) => ({
      code: e.code,
      message: redactText(e.message),
      ...(e.details !== undefined ? { details: redactText(e.details) } : {}),
    }));
    this.requestId = init.requestId;
    this.rateLimit = init.rateLimit;
    this.operation = init.operation;
  }

  /** A plain object for logs and MCP tool results. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      status: this.status,
      code: this.code,
      message: this.message,
      details: this.details,
      errors: this.errors,
      requestId: this.requestId,
      operation: this.operation,
    };
  }
}

export class SpApiBadRequestError extends SpApiError {
  override readonly name = 'SpApiBadRequestError';
}
/** 401/403: bad or expired token, missing role, or a business rule phrased as Unauthorized. */
export class SpApiForbiddenError extends SpApiError {
  override readonly name = 'SpApiForbiddenError';
}
export class SpApiNotFoundError extends SpApiError {
  override readonly name = 'SpApiNotFoundError';
}
export class SpApiRequestTooLargeError extends SpApiError {
  override readonly name = 'SpApiRequestTooLargeError';
}
export class SpApiUnsupportedMediaTypeError extends SpApiError {
  override readonly name = 'SpApiUnsupportedMediaTypeError';
}
/** 429 after all retries. */
export class SpApiThrottledError extends SpApiError {
  override readonly name = 'SpApiThrottledError';
}
export class SpApiServerError extends SpApiError {
  override readonly name = 'SpApiServerError';
}

/** No usable HTTP response. `requestSent` false means the request provably never left this process. */
export class SpApiNetworkError extends SpApiError {
  override readonly name = 'SpApiNetworkError';
  readonly requestSent: boolean;
  constructor(init: Omit<SpApiErrorInit, 'status'> & { requestSent: boolean }) {
    super({ ...init, status: 0 });
    this.requestSent = init.requestSent;
  }
}

/** Bad input caught before sending (SKU too long, unknown marketplace, invalid feed envelope, ...). */
export class SpApiInputError extends SpApiError {
  override readonly name = 'SpApiInputError';
  constructor(message: string, opts: { operation?: string; issues?: string[] } = {}) {
    super({
      status: 0,
      code: 'InvalidInput',
      message,
      ...(opts.operation ? { operation: opts.operation } : {}),
      errors: (opts.issues ?? []).map((m) => ({ code: 'InvalidInput', message: m })),
    });
  }
}

/** The response arrived but did not have the shape we rely on. */
export class SpApiResponseError extends SpApiError {
  override readonly name = 'SpApiResponseError';
}

/** The caller's AbortSignal fired (during a throttle wait, a backoff or the request). */
export class SpApiAbortError extends SpApiError {
  override readonly name = 'AbortError';
  /** True when the request may already have reached Amazon (cancelled while in flight, not while waiting). */
  readonly requestSent: boolean;
  constructor(operation: string | undefined, cause?: unknown, requestSent = false) {
    super({ status: 0, code: 'Aborted', message: `${operation ?? 'SP-API call'} was cancelled`, operation, cause });
    this.requestSent = requestSent;
  }
}

/** An aborted call: our SpApiAbortError, or the platform's AbortError from a signal. */
export function isAbort(err: unknown): boolean {
  return err instanceof SpApiAbortError || (err instanceof DOMException && err.name === 'AbortError');
}

/** Errors of presigned document URLs (S3-style). */
export class DocumentError extends SpApiError {
  override readonly name: string = 'DocumentError';
}
/** The presigned URL expired: fetch the document descriptor again (getReportDocument / getFeedDocument) for a fresh URL. */
export class DocumentUrlExpiredError extends DocumentError {
  override readonly name = 'DocumentUrlExpiredError';
}
export class DocumentUploadError extends DocumentError {
  override readonly name = 'DocumentUploadError';
}
export class DocumentChecksumError extends DocumentError {
  override readonly name = 'DocumentChecksumError';
}

/**
 * Reads Amazon's error body in every shape seen: {errors:[...]}, a bare array (listings restrictions),
 * {payload:{errors}}, a single {code,message}, API Gateway's {message}, or non-JSON text.
 */
export function parseErrorBody(text: string, status: number): AmazonErrorItem[] {
  let json: unknown;
  try {
    json = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const items = collectItems(json);
  if (items.length) return items;
  const snippet = text.trim().replace(/\s+/g, ' ').slice(0, 300);
  const fromObject = json && typeof json === 'object' ? (json as Record<string, unknown>) : undefined;
  const message =
    typeof fromObject?.['message'] === 'string'
      ? (fromObject['message'] as string)
      : typeof fromObject?.['Message'] === 'string'
        ? (fromObject['Message'] as string)
        : snippet || `HTTP ${status}`;
  return [{ code: String(status), message }];
}

function collectItems(json: unknown): AmazonErrorItem[] {
  if (Array.isArray(json)) return json.map(toItem).filter((x): x is AmazonErrorItem => x !== undefined);
  if (!json || typeof json !== 'object') return [];
  const obj = json as Record<string, unknown>;
  if (obj['errors'] !== undefined) {
    const e = obj['errors'];
    if (Array.isArray(e)) return collectItems(e);
    const one = toItem(e);
    return one ? [one] : [];
  }
  if (obj['payload'] && typeof obj['payload'] === 'object') return collectItems(obj['payload']);
  const one = typeof obj['code'] === 'string' ? toItem(obj) : undefined;
  return one ? [one] : [];
}

function toItem(v: unknown): AmazonErrorItem | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const code = o['code'] ?? o['Code'];
  const message = o['message'] ?? o['Message'];
  if (code === undefined && message === undefined) return undefined;
  const details = o['details'];
  return {
    code: code === undefined ? 'Unknown' : String(code),
    message: message === undefined ? '' : String(message),
    ...(details !== undefined && details !== null && details !== '' ? { details: String(details) } : {}),
  };
}

/** Builds the right SpApiError subclass for an HTTP error response. */
export function errorForResponse(args: {
  status: number;
  body: string;
  operation: string;
  requestId?: string;
  rateLimit?: number;
  retryNote?: string;
}): SpApiError {
  const items = parseErrorBody(args.body, args.status);
  const first = items[0] ?? { code: String(args.status), message: `HTTP ${args.status}` };
  const rid = args.requestId ? ` (request id ${args.requestId})` : '';
  const det = first.details ? ` — ${first.details}` : '';
  const init: SpApiErrorInit = {
    status: args.status,
    code: first.code,
    message: `${args.operation} failed: HTTP ${args.status} ${first.code}: ${first.message}${det}${rid}${args.retryNote ?? ''}`,
    errors: items,
    operation: args.operation,
    ...(first.details !== undefined ? { details: first.details } : {}),
    ...(args.requestId !== undefined ? { requestId: args.requestId } : {}),
    ...(args.rateLimit !== undefined ? { rateLimit: args.rateLimit } : {}),
  };
  const s = args.status;
  if (s === 400) return new SpApiBadRequestError(init);
  if (s === 401 || s === 403) return new SpApiForbiddenError(init);
  if (s === 404) return new SpApiNotFoundError(init);
  if (s === 413) return new SpApiRequestTooLargeError(init);
  if (s === 415) return new SpApiUnsupportedMediaTypeError(init);
  if (s === 429) return new SpApiThrottledError(init);
  if (s >= 500) return new SpApiServerError(init);
  return new SpApiError(init);
}

/** x-amzn-RateLimit-Limit as a positive finite number, else undefined. */
export function parseRateLimit(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

// One HTTP listener for LWA, presigned document URLs and SP-API operations. For SP-API calls the order is
// Amazon's: route → authenticate (403) → throttle (429) → execute; faults are injected around these steps.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchOperation, planFor, type OperationName, type OperationSpec } from '../sp-api/operations.js';
import { log } from '../lib/log.js';
import { authorize } from './auth.js';
import { DOCUMENTS_PREFIX, type EmulatorDocuments } from './documents.js';
import type { Faults } from './faults.js';
import { EmuError, errorReply } from './http.js';
import { LWA_PATH, type Lwa } from './lwa.js';
import type { Throttle } from './throttle.js';
import { SqsQueues, SQS_PREFIX } from './sqs.js';
import { CONSENT_PATH, type ConsentReply } from './consent.js';
import type { Clock, EmuReply, HandlerTable } from './types.js';

/** Feeds accept up to 10 MiB documents; request bodies above this are refused like API Gateway does. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;

export interface Stats {
  requests: number;
  throttled: number;
  byOperation: Record<string, { requests: number; throttled: number }>;
}

export interface ServerParts {
  clock: Clock;
  lwa: Lwa;
  documents: EmulatorDocuments;
  throttle: Throttle;
  faults: Faults;
  handlers: HandlerTable;
  enforceRateLimits: boolean;
  stats: Stats;
  /** SQS-compatible queues (rotation notifications). */
  sqs?: SqsQueues;
  /** Seller Central's consent page (website authorization workflow). */
  consent?: (query: URLSearchParams) => ConsentReply;
  /** State for tests and benchmarks outside this process, served at GET /_emulator/state (loopback only). */
  introspect?: () => unknown;
}

export const INTROSPECT_PATH = '/_emulator/state';

const THROTTLED = errorReply(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.', '');

/** Amazon prints rates as decimals ("5.0", "0.0167"). */
export function formatRate(rate: number): string {
  return Number.isInteger(rate) ? rate.toFixed(1) : String(Number(rate.toPrecision(6)));
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function contentTypeFor(op: OperationName): string {
  return op.startsWith('getSolicitation') || op.startsWith('createProductReview') ? 'application/hal+json' : 'application/json';
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  if (res.destroyed) return;
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...headers, ...(payload ? { 'Content-Length': String(payload.length) } : {}) });
  res.end(payload);
}

function parseJson(body: Buffer): unknown {
  try {
    return body.length ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createListener(parts: ServerParts): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(parts, req, res).catch((err: unknown) => {
      log.error({ err }, 'emulator: unhandled error');
      send(
        res,
        500,
        { 'Content-Type': 'application/json', 'x-amzn-RequestId': randomUUID() },
        errorReply(500, 'InternalFailure', 'We encountered an internal error. Please try again.', '').body,
      );
    });
  };
}

async function handle(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  // The raw path is kept percent-encoded: WHATWG URL parsing would resolve "%2e%2e" segments inside SKUs.
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));
  const method = (req.method ?? 'GET').toUpperCase();
  const body = await readBody(req);
  const json = { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId };
  if (body === undefined) return send(res, 413, json, errorReply(413, 'RequestEntityTooLarge', 'The request size exceeded the maximum size.').body);

  if (rawPath === LWA_PATH) {
    const headers = {
      'Content-Type': 'application/json;charset=UTF-8',
      'Cache-Control': 'no-store',
      Pragma: 'no-cache',
      'x-amzn-RequestId': requestId,
    };
    if (method !== 'POST')
      return send(res, 405, { ...headers, Allow: 'POST' }, { error_description: 'Method not allowed', error: 'invalid_request' });
    const r = parts.lwa.token(req.headers['content-type'] ?? '', body);
    return send(res, r.status, headers, r.body);
  }
  if (parts.sqs && (rawPath === '/' || rawPath.startsWith(SQS_PREFIX)) && SqsQueues.accepts(req)) {
    return parts.sqs.handle(req, rawPath, body, res);
  }
  if (rawPath === CONSENT_PATH && method === 'GET' && parts.consent) {
    const r = parts.consent(query);
    return send(res, r.status, r.headers, Buffer.from(r.body, 'utf8'));
  }
  if (rawPath === INTROSPECT_PATH && method === 'GET' && parts.introspect) {
    return send(res, 200, json, parts.introspect());
  }
  if (rawPath.startsWith(DOCUMENTS_PREFIX)) {
    return parts.documents.handle(req, new URL(rawUrl, 'http://127.0.0.1'), body, res);
  }

  const match = matchOperation(method, rawPath);
  if (!match) {
    const allowed = (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter((m) => matchOperation(m, rawPath));
    if (allowed.length) {
      return send(
        res,
        405,
        { ...json, Allow: allowed.join(', ') },
        errorReply(405, 'MethodNotAllowed', `Method ${method} is not allowed for this resource.`, '').body,
      );
    }
    return send(
      res,
      404,
      json,
      errorReply(404, 'NotFound', 'The requested resource was not found.', `No operation matches ${method} ${rawPath}`).body,
    );
  }
  await operation(parts, match.spec, match.params, query, method, body, req, res, requestId);
}

async function operation(
  parts: ServerParts,
  spec: OperationSpec,
  params: Record<string, string>,
  query: URLSearchParams,
  method: string,
  body: Buffer,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const op = spec.name;
  const counters = (parts.stats.byOperation[op] ??= { requests: 0, throttled: 0 });
  parts.stats.requests++;
  counters.requests++;
  const base: Record<string, string> = { 'Content-Type': contentTypeFor(op), 'x-amzn-RequestId': requestId };
  const throttled = () => {
    parts.stats.throttled++;
    counters.throttled++;
    send(res, 429, { ...base, 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'TooManyRequestsException' }, THROTTLED.body);
  };

  const grant = authorize(parts.lwa, spec, req.headers, params, query);
  if ('status' in grant) return send(res, grant.status, { ...base, 'Content-Type': 'application/json' }, grant.body);

  const fault = parts.faults.decide(op, parts.clock.now());
  if (fault.kind === 'reset') {
    // Nothing written: the client sees ECONNRESET / "socket hang up" and cannot know whether the call ran.
    req.socket.destroy();
    return;
  }
  if (fault.kind === 'storm') return throttled();

  const plan = planFor(op, { query, body: op === 'createFeed' ? parseJson(body) : undefined });
  if (parts.enforceRateLimits && !parts.throttle.take(`${grant.clientId}\n${grant.sellerId}\n${plan.key}`, plan.plan)) return throttled();
  // Latency is processing time after the gateway's throttle check, so injected jitter never shifts bucket arrivals.
  const delay = parts.faults.latency(op);
  if (delay > 0) await sleep(delay);

  let reply: EmuReply;
  if (fault.kind === 'error') {
    reply =
      fault.status === 503
        ? errorReply(503, 'ServiceUnavailable', 'Service temporarily unavailable. Please try again.', '')
        : errorReply(500, 'InternalFailure', 'We encountered an internal error. Please try again.', '');
  } else {
    reply = await execute(parts.handlers, spec, {
      params,
      query,
      method,
      body,
      headers: req.headers,
      sellerId: grant.sellerId,
      clientId: grant.clientId,
      requestId,
    });
  }
  const headers: Record<string, string> = { ...base, ...(reply.headers ?? {}) };
  const s = reply.status;
  if ((s < 300 || s === 400 || s === 404) && !parts.faults.dropRateLimitHeader) {
    headers['x-amzn-RateLimit-Limit'] = formatRate(parts.throttle.rate(plan.plan));
  }
  send(res, s, headers, reply.body);
}

async function execute(
  handlers: HandlerTable,
  spec: OperationSpec,
  r: Omit<Parameters<NonNullable<HandlerTable[OperationName]>>[0], 'operation'>,
): Promise<EmuReply> {
  const handler = handlers[spec.name];
  if (!handler) {
    return errorReply(
      500,
      'InternalFailure',
      'We encountered an internal error. Please try again.',
      `${spec.name} is not implemented by this emulator.`,
    );
  }
  try {
    return await handler({ ...r, operation: spec.name });
  } catch (e) {
    if (e instanceof EmuError) return e.toReply();
    log.error({ err: e, operation: spec.name }, 'emulator: handler failed');
    return errorReply(500, 'InternalFailure', 'We encountered an internal error. Please try again.', '');
  }
}

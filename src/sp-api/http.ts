// One HTTP exchange over undici, recording whether any byte of the request reached the socket.
//
// How "provably not executed" is decided for non-idempotent calls: undici writes a request with a buffered body
// (headers + body) in one synchronous block and then calls the handler's onBodySent/onRequestSent. We wrap the
// handler to catch those callbacks. If the exchange fails and neither fired, the request bytes were never handed
// to the socket, so Amazon cannot have executed it (connection refused, DNS failure, connect timeout, a pooled
// socket found dead before writing). If they fired, even a reset before any response byte is ambiguous.
//
// undici takes ~0.2 s to load and nothing is sent before the first tool call, so it is loaded on the first request,
// not when the server starts. It is CommonJS: require() loads it synchronously, the same instance import() returns.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { Agent, Dispatcher } from 'undici';

let undiciModule: typeof import('undici') | undefined;
function undici(): typeof import('undici') {
  return (undiciModule ??= createRequire(import.meta.url)('undici') as typeof import('undici'));
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface SendOptions {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  signal?: AbortSignal;
  dispatcher: Dispatcher;
  timeoutMs?: number;
}

export class TransportError extends Error {
  constructor(
    message: string,
    readonly requestSent: boolean,
    /** Node / undici error code (ECONNRESET, ECONNREFUSED, UND_ERR_SOCKET, ...). */
    readonly errorCode: string | undefined,
    readonly aborted: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

type SendTracker = Dispatcher & { sent: boolean };
let SendTrackerClass: (new (inner: Dispatcher) => SendTracker) | undefined;

function sendTracker(inner: Dispatcher): SendTracker {
  SendTrackerClass ??= class extends undici().Dispatcher {
    sent = false;
    constructor(private readonly inner: Dispatcher) {
      super();
    }
    override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
      const markSent = () => {
        this.sent = true;
      };
      // Forward every callback to the real handler; note when undici reports request bytes written.
      const proxied = new Proxy(handler as object, {
        get(target, prop) {
          if (prop === 'onBodySent' || prop === 'onRequestSent') {
            return (...args: unknown[]) => {
              markSent();
              const fn = (target as Record<string, unknown>)[prop];
              return typeof fn === 'function' ? (fn as (...a: unknown[]) => unknown).apply(target, args) : undefined;
            };
          }
          const v: unknown = Reflect.get(target, prop, target);
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      }) as Dispatcher.DispatchHandler;
      return this.inner.dispatch(opts, proxied);
    }
    override close(): Promise<void> {
      return Promise.resolve();
    }
    override destroy(): Promise<void> {
      return Promise.resolve();
    }
  };
  return new SendTrackerClass(inner);
}

/** Codes that mean the connection was never established, so nothing can have been sent. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

export async function send(opts: SendOptions): Promise<HttpResponse> {
  const tracker = sendTracker(opts.dispatcher);
  try {
    const res = await undici().request(opts.url, {
      method: opts.method as Dispatcher.HttpMethod,
      headers: opts.headers,
      ...(opts.body !== undefined ? { body: opts.body } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      dispatcher: tracker,
      headersTimeout: opts.timeoutMs ?? 60_000,
      bodyTimeout: opts.timeoutMs ?? 60_000,
    });
    const body = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: res.headers, body };
  } catch (err) {
    const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
    const code = e.code ?? e.cause?.code;
    const aborted = e.name === 'AbortError' || code === 'UND_ERR_ABORTED' || opts.signal?.aborted === true;
    const sent = code !== undefined && NEVER_CONNECTED.has(code) ? false : tracker.sent;
    throw new TransportError(`${e.message ?? String(err)}${code ? ` (${code})` : ''}`, sent, code, aborted, { cause: err });
  }
}

/**
 * A keep-alive Agent that comes into being on its first request. Only dispatch/close/destroy are implemented: those
 * are all undici's request() and our callers use. Closed or destroyed before first use, it refuses requests as an
 * Agent would.
 */
class LazyAgent extends EventEmitter {
  #agent: Agent | undefined;
  #ended: 'closed' | 'destroyed' | undefined;
  constructor(private readonly options: Agent.Options) {
    super();
  }

  dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (!this.#agent) {
      this.#agent = new (undici().Agent)(this.options);
      if (this.#ended === 'closed') void this.#agent.close();
      if (this.#ended === 'destroyed') void this.#agent.destroy();
    }
    return this.#agent.dispatch(opts, handler);
  }

  close(): Promise<void> {
    this.#ended ??= 'closed';
    return this.#agent ? this.#agent.close() : Promise.resolve();
  }

  destroy(err?: Error | null): Promise<void> {
    this.#ended = 'destroyed';
    return this.#agent ? this.#agent.destroy(err ?? null) : Promise.resolve();
  }
}

export function createAgent(opts: { timeoutMs?: number } = {}): Dispatcher {
  const agent = new LazyAgent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connectTimeout: 10_000,
    headersTimeout: opts.timeoutMs ?? 60_000,
    bodyTimeout: opts.timeoutMs ?? 60_000,
  });
  return agent as unknown as Dispatcher;
}

export function header(headers: HttpResponse['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

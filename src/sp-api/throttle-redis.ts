// Shared buckets across machines: one Redis hash per bucket (application, seller, region and plan or operation are
// in the key), changed only by one Lua script, so each take is atomic on the server and uses the server's clock.
// Keys expire when idle. When Redis cannot be reached, the buckets fall back to this process's memory at
// FALLBACK_SAFETY of the usual rate (so two processes that both fall back still stay under the plan), and
// account_status says so; when Redis answers again the shared buckets are used again.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ANCHOR_TIMEOUT_MS, MemoryBucketStore, type BackendStatus, type BucketOp, type OpResult, type SharedBucketStore } from './throttle-shared.js';
import type { Plan } from './throttle.js';

/** Fraction of the usual refill rate while Redis is unreachable (local buckets cannot see the other processes). */
export const FALLBACK_SAFETY = 0.5;
const KEY_PREFIX = 'sp-api-mcp:bucket:';

// KEYS[1] bucket; ARGV: op, rate, burst, safety, arg (gen or new rate), anchor timeout ms.
// Returns {granted, gen, waitMs, changed, tokens, nominal} as strings (Lua numbers would be truncated to integers).
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local op = ARGV[1]
local safety = tonumber(ARGV[4])
local arg = tonumber(ARGV[5])
local anchorTimeout = tonumber(ARGV[6])
local h = redis.call('HMGET', KEYS[1], 'tokens', 'last', 'nominal', 'burst', 'anchorSince', 'anchorGen')
local tokens, last, nominal, burst, anchorSince, anchorGen
if h[1] then
  tokens = tonumber(h[1]); last = tonumber(h[2]); nominal = tonumber(h[3]); burst = tonumber(h[4])
  anchorSince = tonumber(h[5]); anchorGen = tonumber(h[6])
else
  burst = math.max(1, tonumber(ARGV[3])); tokens = burst; last = now; nominal = tonumber(ARGV[2])
  anchorSince = 0; anchorGen = 0
end
local function refill()
  if anchorSince > 0 then
    if now - anchorSince < anchorTimeout then return end
    last = anchorSince + anchorTimeout
    anchorSince = 0
  end
  if now > last then
    tokens = math.min(burst, tokens + ((now - last) / 1000) * nominal * safety)
    last = now
  end
end
local granted, gen, waitMs, changed = 0, 0, 0, 0
if op == 'take' then
  refill()
  if tokens >= 1 then
    local wasFull = tokens >= burst - 1e-9
    tokens = tokens - 1
    if wasFull and anchorSince == 0 then
      anchorSince = now
      anchorGen = anchorGen + 1
    end
    granted = 1
    gen = anchorGen
  else
    local rate = nominal * safety
    if anchorSince > 0 then waitMs = math.ceil(1000 / rate)
    else waitMs = math.max(1, math.ceil(((1 - tokens) / rate) * 1000)) end
  end
elseif op == 'release' then
  if anchorSince > 0 and anchorGen == arg then
    anchorSince = 0
    last = now
    changed = 1
  end
elseif op == 'drain' then
  refill()
  tokens = 0; anchorSince = 0; last = now
elseif op == 'setRate' then
  if arg and arg > 0 and arg <= 1000 and math.abs(arg - nominal) > 1e-9 then
    refill()
    nominal = arg
  end
elseif op == 'refund' then
  refill()
  tokens = math.min(burst, tokens + 1)
else
  refill()
end
if op ~= 'peek' then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'last', tostring(last), 'nominal', tostring(nominal),
    'burst', tostring(burst), 'anchorSince', tostring(anchorSince), 'anchorGen', tostring(anchorGen))
  -- Idle keys vanish once the bucket would be full again anyway.
  redis.call('PEXPIRE', KEYS[1], math.ceil(anchorTimeout + (burst / (nominal * safety)) * 1000 * 2 + 60000))
end
return {tostring(granted), tostring(gen), tostring(waitMs), tostring(changed), tostring(tokens), tostring(nominal)}
`;

type ScriptRedis = Redis & {
  spApiBucket(key: string, op: string, rate: string, burst: string, safety: string, arg: string, anchorTimeout: string): Promise<string[]>;
};

export interface RedisBucketStoreOptions {
  url: string;
  log?: Logger | undefined;
  /** How long create() waits for the first connection before starting in fallback (default 2000 ms). */
  connectTimeoutMs?: number;
}

export class RedisBucketStore implements SharedBucketStore {
  readonly #redis: ScriptRedis;
  readonly #fallback = new MemoryBucketStore();
  readonly #log: Logger | undefined;
  #lastError = '';
  #warned = false;

  private constructor(redis: ScriptRedis, log: Logger | undefined) {
    this.#redis = redis;
    this.#log = log;
  }

  /** Connects (waiting up to connectTimeoutMs); an unreachable Redis gives a store in fallback, never an error. */
  static async create(opts: RedisBucketStoreOptions): Promise<RedisBucketStore> {
    const timeout = opts.connectTimeoutMs ?? 2000;
    const redis = new Redis(opts.url, {
      // Fail fast while disconnected: the fallback answers instead of a queue that grows.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: timeout,
      retryStrategy: (times) => Math.min(200 * times, 5000),
      lazyConnect: true,
    }) as ScriptRedis;
    redis.defineCommand('spApiBucket', { numberOfKeys: 1, lua: SCRIPT });
    const store = new RedisBucketStore(redis, opts.log);
    redis.on('error', (err: Error) => store.#failed(err));
    redis.on('ready', () => {
      if (store.#warned) store.#log?.info('Redis reachable again: throttle buckets are shared again');
      store.#warned = false;
      store.#lastError = '';
    });
    await Promise.race([redis.connect().catch((err: unknown) => store.#failed(err)), new Promise((r) => setTimeout(r, timeout).unref())]);
    return store;
  }

  #failed(err: unknown): void {
    // The URL may carry a password: only the error's code or message goes into logs and replies.
    this.#lastError = (err as { code?: string }).code ?? (err as Error).message ?? String(err);
    if (!this.#warned) {
      this.#warned = true;
      this.#log?.warn({ err: this.#lastError }, `Redis unreachable: throttle buckets are local at ${FALLBACK_SAFETY} of the rate until it answers`);
    }
  }

  async apply(key: string, plan: Plan, op: BucketOp, safety: number): Promise<OpResult> {
    if (this.#redis.status === 'ready') {
      try {
        const arg = op.op === 'release' ? op.gen : op.op === 'setRate' ? op.rate : 0;
        const r = await this.#redis.spApiBucket(
          KEY_PREFIX + key,
          op.op,
          String(plan.rate),
          String(plan.burst),
          String(safety),
          String(arg),
          String(ANCHOR_TIMEOUT_MS),
        );
        const [granted, gen, waitMs, changed, tokens, nominal] = r.map(Number) as [number, number, number, number, number, number];
        return { granted: granted === 1, gen, waitMs, changed: changed === 1, tokens, nominal };
      } catch (err) {
        this.#failed(err);
      }
    } else if (!this.#warned) {
      this.#failed(new Error(`connection ${this.#redis.status}`));
    }
    // The fallback's own rate is reduced by status().safety, which the registry multiplies in.
    return this.#fallback.apply(key, plan, op, safety);
  }

  status(): BackendStatus {
    if (this.#redis.status === 'ready') {
      return { backend: 'redis', shared: true, state: 'ok', safety: 1, message: 'shared through Redis' };
    }
    return {
      backend: 'redis',
      shared: false,
      state: 'fallback',
      safety: FALLBACK_SAFETY,
      message: `Redis unreachable (${this.#lastError || this.#redis.status}): buckets are local to this process at ${FALLBACK_SAFETY} of the usual rate until Redis answers`,
    };
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
    await Promise.resolve();
  }
}

// Waiting token buckets that mirror Amazon's usage plans, so we queue instead of collecting 429s.
//
// Staying behind Amazon's bucket: Amazon's bucket is judged at request ARRIVAL, ours at departure, and latency
// varies. Two measures keep us from running ahead of it:
//  1. Refill starts when the first response of a burst comes back (not when the burst leaves): Amazon's bucket
//     started refilling at some arrival before that moment, so our refill clock is never ahead of Amazon's.
//  2. We refill at `safety` (default 97%) of the published rate, so latency jitter between later requests is
//     absorbed by a slack that grows with every token (2% of 1/rate per token).
// A 429 drains the bucket so that everyone queued backs off together.
import { SpApiAbortError } from './errors.js';
import { SharedBucket, type BackendStatus, type SharedBucketStore } from './throttle-shared.js';

export interface ThrottleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

// Timers exist only while callers are queued, and then they must keep the process alive: a script awaiting
// throttled calls would otherwise exit (code 13) with requests still queued. An idle bucket holds no timer.
export const realClock: ThrottleClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface WaitInfo {
  operation: string;
  /** Expected wait in ms (a lower bound when `reason` is 'throttle' and a burst is still in flight). */
  waitMs: number;
  /** Requests queued on this bucket, including this one. */
  queued: number;
  reason: 'throttle' | 'application-throttle' | 'retry';
  /** For retries: the attempt that failed, and why. */
  attempt?: number;
  cause?: string;
}

export type OnWait = (info: WaitInfo) => void;

export interface BucketState {
  key: string;
  tokens: number;
  /** Effective refill rate (requests/s), after the safety margin. */
  rate: number;
  /** Rate Amazon published or last announced in x-amzn-RateLimit-Limit. */
  nominalRate: number;
  burst: number;
  queued: number;
}

export interface AcquireOptions {
  signal?: AbortSignal;
  onWait?: OnWait;
  operation?: string;
  reason?: WaitInfo['reason'];
}

/** Call once the request that used the token has finished (any outcome): it starts the refill clock after a burst. */
export type Release = () => void;

/** What the request pipeline needs from a bucket, whether it lives in this process or in a shared store. */
export interface Bucket {
  readonly key: string;
  readonly burst: number;
  /** Effective refill rate (requests/s), after the safety margin. */
  readonly rate: number;
  state(): BucketState;
  /** Waits (FIFO within this process) for a token. Rejects with SpApiAbortError if the signal fires first. */
  acquire(opts?: AcquireOptions): Promise<Release>;
  /** After a 429: Amazon's bucket is empty, so ours is too. */
  drain(): void;
  /** Adopts the rate Amazon reports in x-amzn-RateLimit-Limit (burst is not reported and stays). */
  setRate(rate: number): void;
  /** Returns a token that was taken but not used (e.g. the call was cancelled before sending). */
  refund(): void;
}

interface Waiter {
  resolve: (release: Release) => void;
  reject: (err: unknown) => void;
  cleanup: () => void;
}

export interface TokenBucketOptions {
  key?: string;
  rate: number;
  burst: number;
  safety?: number;
  clock?: ThrottleClock;
}

const MAX_SANE_RATE = 1000;
/** If a burst's responses never report back (a bug elsewhere), refill starts anyway after this long. */
const ANCHOR_TIMEOUT_MS = 30_000;

export class TokenBucket implements Bucket {
  readonly key: string;
  readonly burst: number;
  readonly #safety: number;
  readonly #clock: ThrottleClock;
  #nominal: number;
  #tokens: number;
  #last: number;
  /** Set while a burst taken from a full bucket has no response yet: no refill accrues meanwhile. */
  #anchorPending = false;
  #anchorGen = 0;
  #anchorSince = 0;
  #queue: Waiter[] = [];
  #timer: unknown;

  constructor(opts: TokenBucketOptions) {
    this.key = opts.key ?? 'bucket';
    this.burst = Math.max(1, opts.burst);
    this.#nominal = opts.rate;
    this.#safety = opts.safety ?? 0.97;
    this.#clock = opts.clock ?? realClock;
    this.#tokens = this.burst;
    this.#last = this.#clock.now();
  }

  get rate(): number {
    return this.#nominal * this.#safety;
  }

  state(): BucketState {
    this.#refill();
    return {
      key: this.key,
      tokens: Math.round(this.#tokens * 1000) / 1000,
      rate: this.rate,
      nominalRate: this.#nominal,
      burst: this.burst,
      queued: this.#queue.length,
    };
  }

  /** Waits (FIFO) for a token. Rejects with SpApiAbortError if the signal fires first; the queue stays consistent. */
  acquire(opts: AcquireOptions = {}): Promise<Release> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(new SpApiAbortError(opts.operation, signal.reason));
    this.#refill();
    if (this.#queue.length === 0 && this.#tokens >= 1) return Promise.resolve(this.#take());

    return new Promise<Release>((resolve, reject) => {
      const onAbort = () => {
        const i = this.#queue.indexOf(waiter);
        if (i >= 0) this.#queue.splice(i, 1);
        reject(new SpApiAbortError(opts.operation, signal?.reason));
        this.#schedule();
      };
      const waiter: Waiter = {
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
      const position = this.#queue.length;
      opts.onWait?.({
        operation: opts.operation ?? this.key,
        waitMs: Math.max(0, Math.ceil(((position - this.#tokens) / this.rate) * 1000)),
        queued: position,
        reason: opts.reason ?? 'throttle',
      });
      this.#schedule();
    });
  }

  /** After a 429: Amazon's bucket is empty, so ours is too. */
  drain(): void {
    this.#refill();
    this.#tokens = 0;
    this.#anchorPending = false;
    this.#last = this.#clock.now();
    this.#schedule();
  }

  /** Adopts the rate Amazon reports in x-amzn-RateLimit-Limit (burst is not reported and stays). */
  setRate(rate: number): void {
    if (!Number.isFinite(rate) || rate <= 0 || rate > MAX_SANE_RATE) return;
    if (Math.abs(rate - this.#nominal) < 1e-9) return;
    this.#refill();
    this.#nominal = rate;
    this.#schedule();
  }

  /** Returns a token that was taken but not used (e.g. the call was cancelled before sending). */
  refund(): void {
    this.#refill();
    this.#tokens = Math.min(this.burst, this.#tokens + 1);
    this.#pump();
  }

  #take(): Release {
    const wasFull = this.#tokens >= this.burst - 1e-9;
    this.#tokens -= 1;
    if (wasFull && !this.#anchorPending) {
      this.#anchorPending = true;
      this.#anchorGen++;
      this.#anchorSince = this.#clock.now();
    }
    const gen = this.#anchorGen;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (this.#anchorPending && gen === this.#anchorGen) {
        this.#anchorPending = false;
        this.#last = this.#clock.now();
        this.#pump();
      }
    };
  }

  #refill(): void {
    const now = this.#clock.now();
    if (this.#anchorPending) {
      if (now - this.#anchorSince < ANCHOR_TIMEOUT_MS) return;
      this.#anchorPending = false;
      this.#last = this.#anchorSince + ANCHOR_TIMEOUT_MS;
    }
    if (now > this.#last) {
      this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.rate);
      this.#last = now;
    }
  }

  #pump(): void {
    this.#refill();
    while (this.#queue.length > 0 && this.#tokens >= 1) {
      const w = this.#queue.shift()!;
      w.cleanup();
      w.resolve(this.#take());
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer !== undefined) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#queue.length === 0) return;
    this.#refill();
    if (this.#tokens >= 1) {
      // Possible after abort/refund; resolve on a fresh tick to keep callbacks out of the caller's stack.
      this.#timer = this.#clock.setTimeout(() => {
        this.#timer = undefined;
        this.#pump();
      }, 0);
      return;
    }
    if (this.#anchorPending) {
      // The releasing response will pump; the timer is only a fallback.
      this.#timer = this.#clock.setTimeout(() => {
        this.#timer = undefined;
        this.#pump();
      }, ANCHOR_TIMEOUT_MS);
      return;
    }
    const ms = Math.max(1, Math.ceil(((1 - this.#tokens) / this.rate) * 1000));
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.#pump();
    }, ms);
  }
}

export interface Plan {
  rate: number;
  burst: number;
}

export interface ThrottleRegistryOptions {
  clock?: ThrottleClock;
  safety?: number;
  /** Where buckets live when shared with other processes (SQLite, Redis); default: this process's memory. */
  shared?: SharedBucketStore;
}

/** Buckets by key, shared by every client that uses the same registry (the default one is process-wide). */
export class ThrottleRegistry {
  readonly #buckets = new Map<string, Bucket>();
  readonly #clock: ThrottleClock;
  readonly #safety: number;
  readonly #shared: SharedBucketStore | undefined;

  constructor(opts: ThrottleRegistryOptions = {}) {
    this.#clock = opts.clock ?? realClock;
    this.#safety = opts.safety ?? 0.97;
    this.#shared = opts.shared;
  }

  bucket(key: string, plan: Plan): Bucket {
    let b = this.#buckets.get(key);
    if (!b) {
      const shared = this.#shared;
      b = shared
        ? new SharedBucket({ key, plan, store: shared, safety: () => this.#safety * shared.status().safety })
        : new TokenBucket({ key, rate: plan.rate, burst: plan.burst, safety: this.#safety, clock: this.#clock });
      this.#buckets.set(key, b);
    }
    return b;
  }

  get(key: string): Bucket | undefined {
    return this.#buckets.get(key);
  }

  snapshot(filter?: (key: string) => boolean): BucketState[] {
    return [...this.#buckets.values()].filter((b) => !filter || filter(b.key)).map((b) => b.state());
  }

  /** Where the buckets live and whether that store is reachable (account_status shows it). */
  status(): BackendStatus {
    if (this.#shared) {
      const s = this.#shared.status();
      return { ...s, safety: Math.round(this.#safety * s.safety * 1000) / 1000 };
    }
    return { backend: 'memory', shared: false, state: 'ok', safety: this.#safety, message: 'buckets in this process only' };
  }

  /** Closes the shared store's connection (a database handle, a Redis socket). */
  async close(): Promise<void> {
    await this.#shared?.close();
  }
}

export const defaultThrottleRegistry = new ThrottleRegistry();

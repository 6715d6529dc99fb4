// Usage-plan buckets shared between processes: Amazon's plans are per application and seller, not per process.
// A store (SQLite in the data directory, Redis, or process memory as the fallback) holds each bucket's state and
// applies one operation atomically; a SharedBucket keeps this process's callers in a FIFO and asks the store for a
// token for the head of the queue. A refused take answers when the next token is due, and the process sleeps until
// then (no busy loop). Nothing is held between takes, so a process that dies leaves nothing to clean up: at worst
// a burst anchor it set expires after ANCHOR_TIMEOUT_MS.
//
// The bucket arithmetic is the in-process TokenBucket's (see throttle.ts): refill at `safety` × the nominal rate,
// refill paused while the first response of a burst is outstanding (the anchor), a 429 drains, and the nominal
// rate follows x-amzn-RateLimit-Limit. Times are wall-clock milliseconds so that processes agree on them.
import { SpApiAbortError } from './errors.js';
import type { AcquireOptions, Bucket, BucketState, Plan, Release } from './throttle.js';

/** If a burst's responses never report back (the process died), refill starts anyway after this long. */
export const ANCHOR_TIMEOUT_MS = 30_000;
const MAX_SANE_RATE = 1000;

export interface SharedRow {
  tokens: number;
  /** Wall-clock ms up to which refill has been counted. */
  last: number;
  /** Nominal rate (requests/s): the published plan, or what Amazon last announced. */
  nominal: number;
  burst: number;
  /** Wall-clock ms when a burst's first request left a full bucket; 0 when no anchor is pending. */
  anchorSince: number;
  anchorGen: number;
}

export type BucketOp =
  { op: 'take' } | { op: 'release'; gen: number } | { op: 'drain' } | { op: 'setRate'; rate: number } | { op: 'refund' } | { op: 'peek' };

export interface OpResult {
  granted: boolean;
  /** For a granted take: the anchor generation to pass to release. */
  gen: number;
  /** For a refused take: ms until a token is due (a lower bound while an anchor is pending). */
  waitMs: number;
  /** For release: whether it started the refill clock (queued callers may go sooner). */
  changed: boolean;
  tokens: number;
  nominal: number;
}

export function newRow(plan: Plan, now: number): SharedRow {
  return { tokens: Math.max(1, plan.burst), last: now, nominal: plan.rate, burst: Math.max(1, plan.burst), anchorSince: 0, anchorGen: 0 };
}

function refill(row: SharedRow, now: number, safety: number): void {
  if (row.anchorSince > 0) {
    if (now - row.anchorSince < ANCHOR_TIMEOUT_MS) return;
    row.last = row.anchorSince + ANCHOR_TIMEOUT_MS;
    row.anchorSince = 0;
  }
  if (now > row.last) {
    row.tokens = Math.min(row.burst, row.tokens + ((now - row.last) / 1000) * row.nominal * safety);
    row.last = now;
  }
}

/** Applies one operation to a bucket row (mutates it). The Redis Lua script is the same arithmetic. */
export function applyOp(row: SharedRow, op: BucketOp, now: number, safety: number): OpResult {
  const out: OpResult = { granted: false, gen: 0, waitMs: 0, changed: false, tokens: 0, nominal: row.nominal };
  switch (op.op) {
    case 'take': {
      refill(row, now, safety);
      if (row.tokens >= 1) {
        const wasFull = row.tokens >= row.burst - 1e-9;
        row.tokens -= 1;
        if (wasFull && row.anchorSince === 0) {
          row.anchorSince = now;
          row.anchorGen++;
        }
        out.granted = true;
        out.gen = row.anchorGen;
      } else {
        const rate = row.nominal * safety;
        out.waitMs = row.anchorSince > 0 ? Math.ceil(1000 / rate) : Math.max(1, Math.ceil(((1 - row.tokens) / rate) * 1000));
      }
      break;
    }
    case 'release':
      if (row.anchorSince > 0 && row.anchorGen === op.gen) {
        row.anchorSince = 0;
        row.last = now;
        out.changed = true;
      }
      break;
    case 'drain':
      refill(row, now, safety);
      row.tokens = 0;
      row.anchorSince = 0;
      row.last = now;
      break;
    case 'setRate':
      if (Number.isFinite(op.rate) && op.rate > 0 && op.rate <= MAX_SANE_RATE && Math.abs(op.rate - row.nominal) > 1e-9) {
        refill(row, now, safety);
        row.nominal = op.rate;
      }
      break;
    case 'refund':
      refill(row, now, safety);
      row.tokens = Math.min(row.burst, row.tokens + 1);
      break;
    case 'peek':
      refill(row, now, safety);
      break;
  }
  out.tokens = row.tokens;
  out.nominal = row.nominal;
  return out;
}

export interface BackendStatus {
  /** Where the buckets live. */
  backend: 'memory' | 'sqlite' | 'redis';
  /** Whether other processes using the same store share these buckets. */
  shared: boolean;
  /** 'fallback': the shared store is unreachable; buckets are local at a reduced rate. */
  state: 'ok' | 'fallback';
  /** Refill rate as a fraction of Amazon's published or announced rate. */
  safety: number;
  message: string;
}

/** Applies bucket operations atomically in a store other processes can see. */
export interface SharedBucketStore {
  apply(key: string, plan: Plan, op: BucketOp, safety: number): Promise<OpResult>;
  status(): BackendStatus;
  close(): Promise<void>;
}

/** Process-local store with the same arithmetic: the Redis fallback, and tests. */
export class MemoryBucketStore implements SharedBucketStore {
  readonly #rows = new Map<string, SharedRow>();
  constructor(private readonly now: () => number = Date.now) {}

  apply(key: string, plan: Plan, op: BucketOp, safety: number): Promise<OpResult> {
    const now = this.now();
    let row = this.#rows.get(key);
    if (!row) {
      row = newRow(plan, now);
      this.#rows.set(key, row);
    }
    return Promise.resolve(applyOp(row, op, now, safety));
  }

  status(): BackendStatus {
    return { backend: 'memory', shared: false, state: 'ok', safety: 1, message: 'buckets in this process only' };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface Waiter {
  resolve: (release: Release) => void;
  reject: (err: unknown) => void;
  cleanup: () => void;
  opts: AcquireOptions;
  notified: boolean;
}

/** The Bucket API of TokenBucket over a shared store: callers do not see the difference. */
export class SharedBucket implements Bucket {
  readonly key: string;
  readonly burst: number;
  readonly #plan: Plan;
  readonly #store: SharedBucketStore;
  readonly #safety: () => number;
  #nominal: number;
  #tokens: number;
  #queue: Waiter[] = [];
  #running = false;
  #wake: (() => void) | undefined;

  constructor(opts: { key: string; plan: Plan; store: SharedBucketStore; safety: () => number }) {
    this.key = opts.key;
    this.#plan = { rate: opts.plan.rate, burst: Math.max(1, opts.plan.burst) };
    this.burst = this.#plan.burst;
    this.#store = opts.store;
    this.#safety = opts.safety;
    this.#nominal = opts.plan.rate;
    this.#tokens = this.burst;
  }

  get rate(): number {
    return this.#nominal * this.#safety();
  }

  /** Last state seen from the store (refreshed by every operation of this process). */
  state(): BucketState {
    return {
      key: this.key,
      tokens: Math.round(this.#tokens * 1000) / 1000,
      rate: this.rate,
      nominalRate: this.#nominal,
      burst: this.burst,
      queued: this.#queue.length,
    };
  }

  acquire(opts: AcquireOptions = {}): Promise<Release> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(new SpApiAbortError(opts.operation, signal.reason));
    return new Promise<Release>((resolve, reject) => {
      const onAbort = () => {
        const i = this.#queue.indexOf(waiter);
        if (i >= 0) this.#queue.splice(i, 1);
        reject(new SpApiAbortError(opts.operation, signal?.reason));
        if (this.#queue.length === 0) this.#wake?.();
      };
      const waiter: Waiter = { resolve, reject, cleanup: () => signal?.removeEventListener('abort', onAbort), opts, notified: false };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
      void this.#run();
    });
  }

  drain(): void {
    this.#fire({ op: 'drain' });
  }

  setRate(rate: number): void {
    if (!Number.isFinite(rate) || rate <= 0 || rate > MAX_SANE_RATE || Math.abs(rate - this.#nominal) < 1e-9) return;
    this.#nominal = rate;
    this.#fire({ op: 'setRate', rate });
  }

  refund(): void {
    this.#fire({ op: 'refund' }, true);
  }

  #fire(op: BucketOp, wake = false): void {
    this.#store
      .apply(this.key, this.#plan, op, this.#safety())
      .then((r) => {
        this.#seen(r);
        if (wake) this.#wake?.();
      })
      .catch(() => undefined);
  }

  #seen(r: OpResult): void {
    this.#tokens = r.tokens;
    this.#nominal = r.nominal;
  }

  #release(gen: number): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#store
        .apply(this.key, this.#plan, { op: 'release', gen }, this.#safety())
        .then((r) => {
          this.#seen(r);
          if (r.changed) this.#wake?.();
        })
        .catch(() => undefined);
    };
  }

  /** One loop per bucket and process while callers are queued: take for the head, or sleep until a token is due. */
  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        let r: OpResult;
        try {
          r = await this.#store.apply(this.key, this.#plan, { op: 'take' }, this.#safety());
        } catch (err) {
          // The store failed (a fallback store never does): fail the head rather than hang.
          const w = this.#queue.shift();
          w?.cleanup();
          w?.reject(err);
          continue;
        }
        this.#seen(r);
        if (r.granted) {
          const w = this.#queue.shift();
          if (!w) {
            // Everyone left while the take was in flight: give the token back.
            this.refund();
            break;
          }
          w.cleanup();
          w.resolve(this.#release(r.gen));
          continue;
        }
        const rate = this.rate;
        this.#queue.forEach((w, i) => {
          if (w.notified) return;
          w.notified = true;
          w.opts.onWait?.({
            operation: w.opts.operation ?? this.key,
            waitMs: r.waitMs + Math.ceil((i / rate) * 1000),
            queued: i + 1,
            reason: w.opts.reason ?? 'throttle',
          });
        });
        await this.#sleep(r.waitMs);
      }
    } finally {
      this.#running = false;
    }
  }

  /** Sleeps until the shared refill time; a local release, refund or the queue emptying wakes it early. */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }
}

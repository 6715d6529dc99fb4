// Buckets shared between processes. Two stores opened on one SQLite file (or one Redis) stand for two processes:
// each has its own connection, so the atomicity under test is the database's, not this process's.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ThrottleRegistry } from '../../src/sp-api/throttle.js';
import { applyOp, newRow, type SharedBucketStore } from '../../src/sp-api/throttle-shared.js';
import { SqliteBucketStore } from '../../src/sp-api/throttle-sqlite.js';
import { FALLBACK_SAFETY, RedisBucketStore } from '../../src/sp-api/throttle-redis.js';
import { SpApiAbortError } from '../../src/sp-api/errors.js';
import { createThrottleRegistry } from '../../src/sp-api/throttle-backends.js';
import { redisUrl } from '../helpers/services.js';

const PLAN = { rate: 20, burst: 3 };
const toClose: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  for (const c of toClose) await c.close();
});

function pair(make: () => SharedBucketStore): [ThrottleRegistry, ThrottleRegistry] {
  const a = new ThrottleRegistry({ safety: 1, shared: make() });
  const b = new ThrottleRegistry({ safety: 1, shared: make() });
  toClose.push(a, b);
  return [a, b];
}

/** Takes n tokens alternately from two registries, releasing each at once; returns the grant times (ms from start). */
async function takeAlternately(a: ThrottleRegistry, b: ThrottleRegistry, key: string, n: number): Promise<number[]> {
  const t0 = Date.now();
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const release = await (i % 2 ? b : a).bucket(key, PLAN).acquire();
      times.push(Date.now() - t0);
      release();
    }),
  );
  return times.sort((x, y) => x - y);
}

function sharedSuite(name: string, make: () => SharedBucketStore | undefined) {
  const store = make();
  describe.skipIf(!store)(name, () => {
    if (store) toClose.push(store);
    it('two processes share one burst and one refill rate', async () => {
      const [a, b] = pair(() => make()!);
      const key = `k-${randomUUID()}`;
      const times = await takeAlternately(a, b, key, 9);
      // Burst of 3 at once; the 6 others at 20/s between them: the 9th is due at 6 × 50 ms = 300 ms.
      expect(times.filter((t) => t < 40).length).toBe(3);
      expect(times[8]!).toBeGreaterThanOrEqual(290);
      expect(times[8]!).toBeLessThan(800);
      // Never more than burst + rate × elapsed tokens, whichever process took them.
      for (const [i, t] of times.entries()) expect(i + 1).toBeLessThanOrEqual(PLAN.burst + Math.floor((t + 5) / 50) + 1);
    });

    it("a 429's drain and an announced rate are seen by the other process", async () => {
      const [a, b] = pair(() => make()!);
      const key = `k-${randomUUID()}`;
      (await a.bucket(key, PLAN).acquire())();
      a.bucket(key, PLAN).drain();
      a.bucket(key, PLAN).setRate(4); // x-amzn-RateLimit-Limit: 4
      await new Promise((r) => setTimeout(r, 20));
      const t0 = Date.now();
      const waits: number[] = [];
      (await b.bucket(key, PLAN).acquire({ onWait: (w) => waits.push(w.waitMs) }))();
      // Empty bucket refilling at 4/s: about 250 ms, not the plan's 50 ms.
      expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
      expect(waits[0]).toBeGreaterThan(100);
      expect(b.bucket(key, PLAN).state().nominalRate).toBe(4);
    });

    it('a cancelled wait leaves the queue and the shared bucket consistent', async () => {
      const [a] = pair(() => make()!);
      const key = `k-${randomUUID()}`;
      const bucket = a.bucket(key, { rate: 1, burst: 1 });
      const first = await bucket.acquire();
      first();
      const ac = new AbortController();
      const waiting = bucket.acquire({ signal: ac.signal });
      ac.abort();
      await expect(waiting).rejects.toBeInstanceOf(SpApiAbortError);
      expect(bucket.state().queued).toBe(0);
    });
  });
}

sharedSuite('SQLite buckets (one data directory)', () => {
  const dir = (globalThis as { __bucketDir?: string }).__bucketDir ?? mkdtempSync(join(tmpdir(), 'sp-api-mcp-buckets-'));
  (globalThis as { __bucketDir?: string }).__bucketDir = dir;
  return new SqliteBucketStore(join(dir, 'buckets.sqlite'));
});

const REDIS = redisUrl('shared Redis buckets');
let redisStores: RedisBucketStore[] = [];
if (REDIS) redisStores = await Promise.all(Array.from({ length: 7 }, () => RedisBucketStore.create({ url: REDIS })));
sharedSuite('Redis buckets (several machines)', () => redisStores.pop());

describe.skipIf(!REDIS)('Redis keys', () => {
  it('one key per application, seller, region and plan, which expires when idle', async () => {
    const registry = await createThrottleRegistry({ redisUrl: REDIS });
    toClose.push(registry);
    const key = `app1|SELLER|us-east-1|getListingsItem-${randomUUID()}`;
    (await registry.bucket(key, PLAN).acquire())();
    const { Redis } = await import('ioredis');
    const r = new Redis(REDIS!);
    try {
      const ttl = await r.pttl(`sp-api-mcp:bucket:${key}`);
      expect(ttl).toBeGreaterThan(30_000);
      expect(ttl).toBeLessThan(10 * 60_000);
      expect(Number(await r.hget(`sp-api-mcp:bucket:${key}`, 'tokens'))).toBeCloseTo(PLAN.burst - 1, 0);
    } finally {
      r.disconnect();
    }
  });
});

describe('bucket arithmetic', () => {
  it('pauses refill while the first response of a burst is outstanding, and the release starts it', () => {
    const T = 1_000_000; // wall-clock ms
    const row = newRow({ rate: 10, burst: 2 }, T);
    const t1 = applyOp(row, { op: 'take' }, T, 1);
    expect(t1.granted).toBe(true);
    applyOp(row, { op: 'take' }, T, 1);
    expect(applyOp(row, { op: 'take' }, T + 500, 1)).toMatchObject({ granted: false, waitMs: 100 });
    expect(applyOp(row, { op: 'release', gen: t1.gen }, T + 500, 1).changed).toBe(true);
    expect(applyOp(row, { op: 'take' }, T + 560, 1)).toMatchObject({ granted: false, waitMs: 40 });
    expect(applyOp(row, { op: 'take' }, T + 600, 1).granted).toBe(true);
  });
});

describe('when Redis is unreachable', () => {
  it('falls back to local buckets at a reduced rate and says so', async () => {
    // Port 9 (discard) on loopback: nothing listens there.
    const registry = await createThrottleRegistry({ redisUrl: 'redis://:secret@127.0.0.1:9', safety: 1 });
    toClose.push(registry);
    const status = registry.status();
    expect(status).toMatchObject({ backend: 'redis', shared: false, state: 'fallback', safety: FALLBACK_SAFETY });
    expect(status.message).toMatch(/unreachable/);
    expect(status.message).not.toMatch(/secret/);
    const bucket = registry.bucket('k', { rate: 10, burst: 1 });
    expect(bucket.rate).toBe(10 * FALLBACK_SAFETY);
    const t0 = Date.now();
    (await bucket.acquire())();
    (await bucket.acquire())();
    // The second token refills at 5/s, not 10/s.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
  });
});

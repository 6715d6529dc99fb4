import { describe, expect, it } from 'vitest';
import { TokenBucket, type ThrottleClock, type WaitInfo } from '../../src/sp-api/throttle.js';
import { SpApiAbortError } from '../../src/sp-api/errors.js';

/** Deterministic clock: timers fire only when advance() passes them. */
class FakeClock implements ThrottleClock {
  t = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private seq = 0;
  now() {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number) {
    const id = ++this.seq;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(h: unknown) {
    this.timers = this.timers.filter((x) => x.id !== h);
  }
  async advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
}
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('TokenBucket', () => {
  it('starts full at burst and then grants at the (safety-scaled) rate, FIFO', async () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ rate: 5, burst: 10, safety: 1, clock });
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const ps = Array.from({ length: 13 }, (_, i) =>
      b.acquire().then((r) => {
        order.push(i);
        releases.push(r);
      }),
    );
    await flush();
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Refill waits for the first response of the burst.
    await clock.advance(1000);
    expect(order.length).toBe(10);
    releases[0]!();
    await clock.advance(199);
    expect(order.length).toBe(10);
    await clock.advance(1);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await clock.advance(400);
    await Promise.all(ps);
    expect(order).toEqual([...Array(13).keys()]);
  });

  it('reports the expected wait to onWait', async () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ rate: 2, burst: 1, safety: 1, clock });
    const r = await b.acquire();
    r();
    const waits: WaitInfo[] = [];
    const p1 = b.acquire({ operation: 'getFeed', onWait: (w) => waits.push(w) });
    const p2 = b.acquire({ operation: 'getFeed', onWait: (w) => waits.push(w) });
    expect(waits).toEqual([
      { operation: 'getFeed', waitMs: 500, queued: 1, reason: 'throttle' },
      { operation: 'getFeed', waitMs: 1000, queued: 2, reason: 'throttle' },
    ]);
    await clock.advance(500);
    // p1 took the token of a full bucket: refill restarts when its response is in.
    (await p1)();
    await clock.advance(500);
    await p2;
  });

  it('cancels a queued waiter with AbortError and keeps the queue consistent', async () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ rate: 1, burst: 1, safety: 1, clock });
    (await b.acquire())();
    const ac = new AbortController();
    const got: string[] = [];
    const pa = b.acquire({ signal: ac.signal }).then(
      () => got.push('a'),
      (e: unknown) => got.push(e instanceof SpApiAbortError ? 'a-aborted' : 'a-other'),
    );
    const pb = b.acquire().then(() => got.push('b'));
    expect(b.state().queued).toBe(2);
    ac.abort();
    await flush();
    expect(got).toEqual(['a-aborted']);
    expect(b.state().queued).toBe(1);
    // b moves to the head and gets the first token.
    await clock.advance(1000);
    await Promise.all([pa, pb]);
    expect(got).toEqual(['a-aborted', 'b']);
    expect(b.state().queued).toBe(0);
  });

  it('rejects immediately when the signal is already aborted', async () => {
    const b = new TokenBucket({ rate: 1, burst: 1, clock: new FakeClock() });
    const ac = new AbortController();
    ac.abort();
    await expect(b.acquire({ signal: ac.signal })).rejects.toBeInstanceOf(SpApiAbortError);
    expect(b.state().tokens).toBe(1);
  });

  it('drain() empties the bucket so queued callers wait a full token interval', async () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ rate: 10, burst: 5, safety: 1, clock });
    (await b.acquire())();
    expect(b.state().tokens).toBe(4);
    b.drain();
    expect(b.state().tokens).toBe(0);
    let done = false;
    const p = b.acquire().then(() => (done = true));
    await clock.advance(99);
    expect(done).toBe(false);
    await clock.advance(1);
    await p;
    expect(done).toBe(true);
  });

  it('adapts the rate from x-amzn-RateLimit-Limit, keeps burst, ignores absurd values', () => {
    const b = new TokenBucket({ rate: 5, burst: 10, safety: 0.97, clock: new FakeClock() });
    b.setRate(2);
    expect(b.state().nominalRate).toBe(2);
    expect(b.rate).toBeCloseTo(1.94);
    b.setRate(20);
    expect(b.state().nominalRate).toBe(20);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e6]) b.setRate(bad);
    expect(b.state().nominalRate).toBe(20);
    expect(b.state().burst).toBe(10);
  });

  it('refill uses the safety margin (97% by default)', async () => {
    const clock = new FakeClock();
    const b = new TokenBucket({ rate: 5, burst: 1, clock });
    (await b.acquire())();
    await clock.advance(200);
    expect(b.state().tokens).toBeCloseTo(0.97, 3);
  });

  it('refund() returns an unused token', async () => {
    const b = new TokenBucket({ rate: 1, burst: 2, clock: new FakeClock() });
    await b.acquire();
    expect(b.state().tokens).toBe(1);
    b.refund();
    expect(b.state().tokens).toBe(2);
  });
});

// Retries happen in one layer (the SP-API client), and throttling is waited out within a time budget instead of
// failing after a few quick attempts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, startEmulator, type RunningEmulator } from './helpers.js';
import { LwaNetworkError, LwaUnavailableError } from '../../src/auth/lwa.js';
import { SpApiAbortError, SpApiThrottledError } from '../../src/sp-api/errors.js';
import type { WaitInfo } from '../../src/sp-api/throttle.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
afterEach(() => emu.setFaults({}));

/** An LWA stand-in that is down: every token request gets 503, and is counted. */
async function downLwa(): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    req.resume();
    res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'server_error', error_description: 'down' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/auth/o2/token`, hits: () => hits, close: () => new Promise((r) => server.close(() => r())) };
}

describe('one retry layer', () => {
  it('a call against a down LWA sends one token request per attempt, not attempts × LWA retries', async () => {
    const lwa = await downLwa();
    try {
      const c = clientFor(emu, { lwaEndpoint: lwa.url, maxRetries: 4, retryBaseMs: 5, retryMaxMs: 20 });
      const err = await c.getListingsItem({ sku: 'ANY' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LwaUnavailableError);
      expect(lwa.hits()).toBe(5);
      expect(c.stats().requests).toBe(0);
      await c.close();
    } finally {
      await lwa.close();
    }
  });

  it('an unreachable LWA is a network error, retried by the client only', async () => {
    const c = clientFor(emu, { lwaEndpoint: 'http://127.0.0.1:9/auth/o2/token', maxRetries: 2, retryBaseMs: 5, retryMaxMs: 20 });
    const err = await c.getListingsItem({ sku: 'ANY' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LwaNetworkError);
    expect(c.lwa.stats().requests).toBe(3);
    await c.close();
  });
});

describe('throttling is waited out within a budget', () => {
  it('rides out a 429 storm longer than the old retry window, paced by the usage plan, reporting waits', async () => {
    const c = clientFor(emu, { maxRetries: 4, retryBaseMs: 20, retryMaxMs: 200 });
    const sku = (await c.searchListingsItems({ pageSize: 1 })).items[0]!.sku;
    const stormMs = 4000;
    emu.setFaults({ throttleStormUntil: Date.now() + stormMs, operations: ['getListingsItem'] });
    const before = emu.stats().byOperation['getListingsItem']?.requests ?? 0;
    const waits: WaitInfo[] = [];
    const t0 = Date.now();
    const item = await c.getListingsItem({ sku }, { onWait: (w) => waits.push(w) });
    expect(item.sku).toBe(sku);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(stormMs - 50);
    // Far more than 5 attempts' worth of time, yet never faster than the plan (5/s): no hammering.
    const sent = (emu.stats().byOperation['getListingsItem']?.requests ?? 0) - before;
    expect(sent).toBeGreaterThan(1);
    expect(sent).toBeLessThanOrEqual(Math.ceil((stormMs / 1000) * 5) + 2);
    expect(waits.some((w) => w.reason === 'retry' && w.cause?.includes('429'))).toBe(true);
    await c.close();
  });

  it('gives up with SpApiThrottledError once the wait budget is spent', async () => {
    const c = clientFor(emu, { throttleBudgetMs: 800 });
    emu.setFaults({ throttleStormUntil: Date.now() + 60_000, operations: ['getListingsItem'] });
    const t0 = Date.now();
    const err = await c.getListingsItem({ sku: 'whatever' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpApiThrottledError);
    expect(err).toMatchObject({ status: 429, code: 'QuotaExceeded' });
    expect(Date.now() - t0).toBeLessThan(15_000); // not the default 120 s
    await c.close();
  });

  it('stops waiting when cancelled', async () => {
    const c = clientFor(emu);
    emu.setFaults({ throttleStormUntil: Date.now() + 60_000, operations: ['getListingsItem'] });
    const ac = new AbortController();
    const t0 = Date.now();
    const pending = c.getListingsItem({ sku: 'whatever' }, { signal: ac.signal }).catch((e: unknown) => e);
    setTimeout(() => ac.abort('user'), 700);
    const err = await pending;
    expect(err).toBeInstanceOf(SpApiAbortError);
    expect(Date.now() - t0).toBeLessThan(10_000); // not the 120 s budget
    await c.close();
  });

  it('5xx failures still stop after the attempt limit', async () => {
    const c = clientFor(emu, { maxRetries: 2, retryBaseMs: 5, retryMaxMs: 10 });
    emu.setFaults({ errorRate: 1, operations: ['searchListingsItems'] });
    await expect(c.searchListingsItems({ pageSize: 1 })).rejects.toMatchObject({ status: expect.any(Number) });
    expect(c.stats().byOperation['searchListingsItems']).toMatchObject({ requests: 3, retries: 2 });
    await c.close();
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, sleep, startEmulator, type RunningEmulator } from './helpers.js';
import type { SpApiClient } from '../../src/sp-api/client.js';
import type { WaitInfo } from '../../src/sp-api/throttle.js';
import {
  SpApiAbortError,
  SpApiInputError,
  SpApiNetworkError,
  SpApiNotFoundError,
  SpApiServerError,
  SpApiThrottledError,
  SpApiBadRequestError,
} from '../../src/sp-api/errors.js';
import { LwaInvalidClientError, LwaInvalidGrantError } from '../../src/auth/lwa.js';

let emu: RunningEmulator;
let client: SpApiClient;
beforeAll(async () => {
  emu = await startEmulator();
  client = clientFor(emu);
});
afterAll(async () => {
  await client?.close();
  await emu?.close();
});
afterEach(() => emu.setFaults({}));

describe('SpApiClient basics', () => {
  it('round-trips a SKU with space, slash, #, +, umlaut and CJK through the path', async () => {
    const sku = 'a b/c#d+e ü 日本';
    const seed = emu.context.listings.all(emu.credentials.sellerId)[0]!;
    const put = await client.putListingsItem({ sku, body: { productType: seed.productType, attributes: seed.attributes } });
    expect(put).toMatchObject({ sku, status: 'ACCEPTED' });
    const got = await client.getListingsItem({ sku, includedData: ['summaries', 'attributes'] });
    expect(got.sku).toBe(sku);
  });

  it('returns typed data and metadata (requestId, rate limit)', async () => {
    let meta;
    const res = await client.getMarketplaceParticipations({}, { onMeta: (m) => (meta = m) });
    expect(res.payload.some((p) => p.marketplace.id === 'ATVPDKIKX0DER')).toBe(true);
    expect(meta).toMatchObject({ operation: 'getMarketplaceParticipations', status: 200, attempts: 1 });
    expect(client.lastResponse?.requestId).toMatch(/\S+/);
    expect(client.lastResponse?.rateLimit).toBeCloseTo(0.016);
  });

  it('rejects bad input before sending anything', async () => {
    const before = client.stats().requests;
    await expect(client.getListingsItem({ sku: 'x'.repeat(41) })).rejects.toBeInstanceOf(SpApiInputError);
    await expect(client.getListingsItem({ sku: '' })).rejects.toThrow(/SKU must not be empty/);
    await expect(client.getListingsItem({ sku: 'ok', marketplaceIds: ['XX'] })).rejects.toThrow(/unknown marketplace "XX".*US/);
    await expect(client.searchCatalogItems({ keywords: ['a'], identifiers: ['B0'], identifiersType: 'ASIN' })).rejects.toBeInstanceOf(
      SpApiInputError,
    );
    expect(client.stats().requests).toBe(before);
    // Country codes are accepted and resolved to ids.
    await client.searchListingsItems({ marketplaceIds: ['US'], pageSize: 1 });
  });

  it('raises typed errors carrying code, requestId and operation', async () => {
    const err = await client.getListingsItem({ sku: 'NO-SUCH-SKU-123' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpApiNotFoundError);
    expect(err).toMatchObject({ status: 404, operation: 'getListingsItem' });
    expect((err as SpApiNotFoundError).code).toMatch(/\S/);
    expect((err as SpApiNotFoundError).requestId).toMatch(/\S/);
    expect((err as Error).message).toContain((err as SpApiNotFoundError).requestId);
    const bad = await client.getDefinitionsProductType({ productType: 'INVALID' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(SpApiBadRequestError);
  });
});

describe('retries', () => {
  it('retries 429s during a throttle storm and reports each wait', async () => {
    const c = clientFor(emu, { retryBaseMs: 200 });
    emu.setFaults({ throttleStormUntil: Date.now() + 600, operations: ['getListingsItem'] });
    const waits: WaitInfo[] = [];
    const sku = (await c.searchListingsItems({ pageSize: 1 })).items[0]!.sku;
    const res = await c.getListingsItem({ sku }, { onWait: (w) => waits.push(w) });
    expect(res.sku).toBe(sku);
    expect(c.stats().byOperation['getListingsItem']!.throttled).toBeGreaterThan(0);
    expect(waits.some((w) => w.reason === 'retry' && w.cause?.includes('QuotaExceeded'))).toBe(true);
    await c.close();
  });

  it('gives up after the throttle wait budget with SpApiThrottledError (QuotaExceeded, requestId)', async () => {
    // A budget several times the usage plan's refill, so jittered waits still fit more than maxRetries + 1 requests.
    const c = clientFor(emu, { maxRetries: 2, retryBaseMs: 5, throttleBudgetMs: 4000 });
    emu.setFaults({ throttleStormUntil: Date.now() + 60_000, operations: ['getListingsItem'] });
    const err = await c.getListingsItem({ sku: 'whatever' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpApiThrottledError);
    expect(err).toMatchObject({ status: 429, code: 'QuotaExceeded' });
    expect((err as SpApiThrottledError).requestId).toBeTruthy();
    // 429s do not use up attempts: more than maxRetries + 1 requests, each one a 429, each retry counted.
    const stats = c.stats().byOperation['getListingsItem']!;
    expect(stats.requests).toBeGreaterThan(3);
    expect(stats.throttled).toBe(stats.requests);
    expect(stats.retries).toBe(stats.requests - 1);
    // The 429 drained the bucket.
    expect(c.throttleState().find((b) => b.key.endsWith('|getListingsItem'))!.tokens).toBeLessThan(1);
    await c.close();
  });

  it('retries a 5xx on an idempotent call', async () => {
    const c = clientFor(emu);
    emu.setFaults({ errorRate: 1, operations: ['searchListingsItems'] });
    const res = await c.searchListingsItems({ pageSize: 1 }, { onWait: (w) => w.reason === 'retry' && emu.setFaults({}) });
    expect(res.items.length).toBe(1);
    expect(c.stats().byOperation['searchListingsItems']).toMatchObject({ requests: 2, retries: 1 });
    await c.close();
  });

  it('does not retry a 5xx on createFeed (it may have executed)', async () => {
    const c = clientFor(emu);
    emu.setFaults({ errorRate: 1, operations: ['createFeed'] });
    const err = await c.createFeed({ feedType: 'JSON_LISTINGS_FEED', inputFeedDocumentId: 'doc-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpApiServerError);
    expect(c.stats().byOperation['createFeed']).toMatchObject({ requests: 1, retries: 0 });
    await c.close();
  });

  it('retries a connection reset on a GET', async () => {
    const c = clientFor(emu);
    emu.setFaults({ resetRate: 1, operations: ['searchListingsItems'] });
    const waits: WaitInfo[] = [];
    const res = await c.searchListingsItems(
      { pageSize: 1 },
      {
        onWait: (w) => {
          waits.push(w);
          if (w.reason === 'retry') emu.setFaults({});
        },
      },
    );
    expect(res.items.length).toBe(1);
    expect(waits[0]).toMatchObject({ reason: 'retry', attempt: 1 });
    await c.close();
  });

  it('does not retry createFeed after a reset once the request was sent', async () => {
    const c = clientFor(emu);
    emu.setFaults({ resetRate: 1, operations: ['createFeed'] });
    const err = await c.createFeed({ feedType: 'JSON_LISTINGS_FEED', inputFeedDocumentId: 'doc-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpApiNetworkError);
    expect((err as SpApiNetworkError).requestSent).toBe(true);
    expect(c.stats().byOperation['createFeed']).toMatchObject({ requests: 1, retries: 0 });
    expect(emu.stats().byOperation['createFeed']?.requests).toBeGreaterThanOrEqual(1);
    await c.close();
  });

  it('retries createFeed when the connection was refused (provably not sent)', async () => {
    // LWA works (emulator), the SP-API endpoint is a closed port.
    const c = clientFor(emu, { endpoint: 'http://127.0.0.1:9', maxRetries: 2, retryBaseMs: 5 });
    const err = await c.createFeed({ feedType: 'JSON_LISTINGS_FEED', inputFeedDocumentId: 'doc-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpApiNetworkError);
    expect((err as SpApiNetworkError).requestSent).toBe(false);
    expect((err as SpApiNetworkError).code).toBe('ECONNREFUSED');
    expect(c.stats().byOperation['createFeed']).toMatchObject({ requests: 3, retries: 2 });
    await c.close();
  });
});

describe('throttling', () => {
  it('queues past the burst, reports the expected wait, and can be cancelled while waiting', async () => {
    const e2 = await startEmulator();
    const c = clientFor(e2);
    try {
      const asin = (await c.searchCatalogItems({ keywords: ['a'] }).catch(() => undefined))?.items[0]?.asin ?? 'B000000000';
      // searchCatalogItems used 1 of 2 tokens of its own bucket; getCatalogItem has rate 2, burst 2.
      const first = await Promise.allSettled([c.getCatalogItem({ asin }), c.getCatalogItem({ asin })]);
      expect(first.every((r) => r.status === 'fulfilled' || !(r.reason instanceof SpApiThrottledError))).toBe(true);
      const waits: WaitInfo[] = [];
      const ac = new AbortController();
      const p = c.getCatalogItem({ asin }, { signal: ac.signal, onWait: (w) => waits.push(w) });
      await sleep(20);
      expect(waits[0]).toMatchObject({ operation: 'getCatalogItem', reason: 'throttle', queued: 1 });
      expect(waits[0]!.waitMs).toBeGreaterThan(100);
      ac.abort();
      await expect(p).rejects.toBeInstanceOf(SpApiAbortError);
      expect(c.throttleState().find((b) => b.key.endsWith('|getCatalogItem'))!.queued).toBe(0);
      // The next caller is served normally, and nothing got a 429.
      await c.getCatalogItem({ asin }).catch((e: unknown) => {
        if (e instanceof SpApiThrottledError) throw e;
      });
      expect(e2.stats().throttled).toBe(0);
    } finally {
      await c.close();
      await e2.close();
    }
  });

  it('adapts the bucket rate from x-amzn-RateLimit-Limit (emulator rateScale 10)', async () => {
    const e2 = await startEmulator({ rateScale: 10 });
    const c = clientFor(e2);
    try {
      await c.searchListingsItems({ pageSize: 1 });
      const b = c.throttleState().find((x) => x.key.endsWith('|searchListingsItems'))!;
      expect(b.nominalRate).toBe(50);
      expect(b.burst).toBe(5);
      // Listings GET also passes the per-application bucket (100 req/s across sellers).
      await c.getListingsItem({ sku: (await c.searchListingsItems({ pageSize: 1 })).items[0]!.sku });
      expect(c.throttleState().find((x) => x.key.startsWith('app|') && x.key.endsWith('|getListingsItem'))).toMatchObject({
        nominalRate: 100,
        burst: 100,
      });
    } finally {
      await c.close();
      await e2.close();
    }
  });

  it('30 concurrent calls at rateScale 4 finish without a single 429', async () => {
    const e2 = await startEmulator({ rateScale: 4 });
    const c = clientFor(e2);
    try {
      const sku = e2.context.listings.all(e2.credentials.sellerId)[0]!.sku;
      await Promise.all(Array.from({ length: 30 }, () => c.getListingsItem({ sku })));
      expect(e2.stats().throttled).toBe(0);
      // All calls shared one token exchange.
      expect(c.lwa.stats().requests).toBe(1);
      expect(c.stats().throttled).toBe(0);
    } finally {
      await c.close();
      await e2.close();
    }
  });
});

describe('auth through the client', () => {
  it('keeps working while tokens expire mid-run (lifetime 61 s, 60 s early refresh)', async () => {
    const e2 = await startEmulator({ tokenLifetimeSeconds: 61, rateScale: 20 });
    const c = clientFor(e2);
    try {
      const deadline = Date.now() + 2500;
      let calls = 0;
      while (Date.now() < deadline) {
        await Promise.all(Array.from({ length: 5 }, () => c.searchListingsItems({ pageSize: 1 })));
        calls += 5;
        await sleep(100);
      }
      expect(calls).toBeGreaterThan(20);
      expect(c.lwa.stats().requests).toBeGreaterThanOrEqual(2);
    } finally {
      await c.close();
      await e2.close();
    }
  });

  it('refreshes once and retries after a 403 for an expired token (no early refresh)', async () => {
    const e2 = await startEmulator({ tokenLifetimeSeconds: 1 });
    const c = clientFor(e2, { tokenRefreshSkewMs: -5000 }); // trust the cached token past its expiry
    try {
      await c.getMarketplaceParticipations();
      await sleep(1100);
      const res = await c.getMarketplaceParticipations();
      expect(res.payload.length).toBeGreaterThan(0);
      expect(c.lwa.stats().requests).toBe(2);
    } finally {
      await c.close();
      await e2.close();
    }
  });

  it('surfaces invalid_client and invalid_grant from the token exchange', async () => {
    const e2 = await startEmulator();
    try {
      const c1 = clientFor(e2);
      e2.rotateClientSecret(e2.credentials.clientId);
      await expect(c1.getMarketplaceParticipations()).rejects.toBeInstanceOf(LwaInvalidClientError);
      const c2 = clientFor(e2); // picks up the rotated secret
      e2.revokeRefreshToken(e2.credentials.refreshToken);
      await expect(c2.getMarketplaceParticipations()).rejects.toBeInstanceOf(LwaInvalidGrantError);
      await c1.close();
      await c2.close();
    } finally {
      await e2.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { US, call, itemPath, manualClock, sellerToken, shirtAttributes, withEmulator } from './helpers.js';

const QUOTA = { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] };

describe('usage plans', () => {
  it('answers 429 once the burst is spent and refills at the plan rate', async () => {
    const clock = manualClock();
    await withEmulator({ clock }, async (emu) => {
      const t = await sellerToken(emu);
      const get = () => call(emu, t, 'GET', itemPath(emu.credentials.sellerId, 'NW-TEE-NAVY-M'), { query: { marketplaceIds: US } });
      for (let i = 0; i < 10; i++) {
        const r = await get();
        expect(r.status).toBe(200);
        expect(r.headers.get('x-amzn-ratelimit-limit')).toBe('5.0');
      }
      const limited = await get();
      expect(limited.status).toBe(429);
      expect(limited.json).toEqual(QUOTA);
      expect(limited.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
      expect(limited.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
      expect(limited.headers.get('x-amzn-ratelimit-limit')).toBeNull();
      // A refused request takes no token: 190 ms later there is still less than one token.
      clock.advance(190);
      expect((await get()).status).toBe(429);
      clock.advance(10);
      expect((await get()).status).toBe(200);
      expect((await get()).status).toBe(429);
      const s = emu.stats();
      expect(s.throttled).toBe(3);
      expect(s.byOperation['getListingsItem']).toEqual({ requests: 14, throttled: 3 });
    });
  });

  it('does not execute a throttled request', async () => {
    const clock = manualClock();
    await withEmulator({ clock }, async (emu) => {
      const t = await sellerToken(emu);
      const seller = emu.credentials.sellerId;
      const put = (sku: string) =>
        call(emu, t, 'PUT', itemPath(seller, sku), { query: { marketplaceIds: US }, body: { productType: 'SHIRT', attributes: shirtAttributes() } });
      for (let i = 0; i < 10; i++) expect((await put(`BURST-${i}`)).status).toBe(200);
      expect((await put('BURST-10')).status).toBe(429);
      expect(emu.context.listings.get(seller, 'BURST-9')).toBeDefined();
      expect(emu.context.listings.get(seller, 'BURST-10')).toBeUndefined();
    });
  });

  it('gives VALIDATION_PREVIEW its own 1 req/s bucket', async () => {
    const clock = manualClock();
    await withEmulator({ clock }, async (emu) => {
      const t = await sellerToken(emu);
      const put = (mode?: string) =>
        call(emu, t, 'PUT', itemPath(emu.credentials.sellerId, 'PREVIEW-1'), {
          query: { marketplaceIds: US, ...(mode ? { mode } : {}) },
          body: { productType: 'SHIRT', attributes: shirtAttributes() },
        });
      const first = await put('VALIDATION_PREVIEW');
      expect(first.status).toBe(200);
      expect(first.headers.get('x-amzn-ratelimit-limit')).toBe('1.0');
      expect((await put('VALIDATION_PREVIEW')).status).toBe(429);
      expect((await put()).status).toBe(200);
      clock.advance(1000);
      expect((await put('VALIDATION_PREVIEW')).status).toBe(200);
    });
  });

  it('lets a client pacing at exactly the published rate through with zero 429s', async () => {
    await withEmulator({}, async (emu) => {
      const t = await sellerToken(emu);
      const get = () => call(emu, t, 'GET', itemPath(emu.credentials.sellerId, 'NW-TEE-NAVY-M'), { query: { marketplaceIds: US } });
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await get()).status); // the burst
      const start = performance.now();
      for (let i = 1; i <= 10; i++) {
        const wait = start + i * 200 - performance.now(); // 5 req/s
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        statuses.push((await get()).status);
      }
      expect(statuses.filter((s) => s === 429)).toHaveLength(0);
      // Going faster than the rate is refused.
      const fast = await Promise.all(Array.from({ length: 3 }, get));
      expect(fast.some((r) => r.status === 429)).toBe(true);
    });
  });

  it('scales rates with rateScale and reports the enforced rate', async () => {
    await withEmulator({ rateScale: 10 }, async (emu) => {
      const t = await sellerToken(emu);
      const r = await call(emu, t, 'GET', '/sellers/v1/marketplaceParticipations');
      expect(r.status).toBe(200);
      expect(r.headers.get('x-amzn-ratelimit-limit')).toBe('0.16');
    });
    await withEmulator({}, async (emu) => {
      const t = await sellerToken(emu);
      const r = await call(emu, t, 'GET', '/sellers/v1/marketplaceParticipations');
      expect(r.headers.get('x-amzn-ratelimit-limit')).toBe('0.016');
    });
  });

  it('sends the rate-limit header on 400 and 404 too', async () => {
    await withEmulator({}, async (emu) => {
      const t = await sellerToken(emu);
      const notFound = await call(emu, t, 'GET', itemPath(emu.credentials.sellerId, 'NO-SUCH-SKU'), { query: { marketplaceIds: US } });
      expect(notFound.status).toBe(404);
      expect(notFound.headers.get('x-amzn-ratelimit-limit')).toBe('5.0');
      const bad = await call(emu, t, 'GET', itemPath(emu.credentials.sellerId, 'NW-TEE-NAVY-M'));
      expect(bad.status).toBe(400);
      expect(bad.headers.get('x-amzn-ratelimit-limit')).toBe('5.0');
    });
  });

  it('enforceRateLimits:false never throttles', async () => {
    await withEmulator({ enforceRateLimits: false }, async (emu) => {
      const t = await sellerToken(emu);
      const rs = await Promise.all(
        Array.from({ length: 8 }, () => call(emu, t, 'GET', '/catalog/2022-04-01/items/B0DEMO0001', { query: { marketplaceIds: US } })),
      );
      expect(rs.map((r) => r.status)).toEqual(Array(8).fill(200));
    });
  });
});

describe('faults', () => {
  it('resets the connection before answering', async () => {
    await withEmulator({ faults: { resetRate: 1 } }, async (emu) => {
      const t = await sellerToken(emu); // LWA is not subject to faults
      await expect(fetch(`${emu.endpoint}/sellers/v1/marketplaceParticipations`, { headers: { 'x-amz-access-token': t } })).rejects.toThrow();
      emu.setFaults({});
      expect((await call(emu, t, 'GET', '/sellers/v1/marketplaceParticipations')).status).toBe(200);
    });
  });

  it('injects 500/503 with Amazon bodies and no rate-limit header', async () => {
    await withEmulator({ faults: { errorRate: 1 } }, async (emu) => {
      const t = await sellerToken(emu);
      for (let i = 0; i < 4; i++) {
        const r = await call(emu, t, 'GET', '/catalog/2022-04-01/items/B0DEMO0001', { query: { marketplaceIds: US } });
        expect([500, 503]).toContain(r.status);
        expect(r.json.errors[0].code).toBe(r.status === 500 ? 'InternalFailure' : 'ServiceUnavailable');
        expect(r.headers.get('x-amzn-ratelimit-limit')).toBeNull();
        expect(r.headers.get('x-amzn-requestid')).toBeTruthy();
        if (r.status === 500) expect(r.json.errors[0].message).toBe('We encountered an internal error. Please try again.');
        // getCatalogItem burst is 2: injected errors still spend tokens, so let the bucket refill.
        await new Promise((res) => setTimeout(res, 500));
      }
    });
  });

  it('drops the rate-limit header, adds latency, storms and filters by operation', async () => {
    await withEmulator({}, async (emu) => {
      const t = await sellerToken(emu);
      const cat = () => call(emu, t, 'GET', '/catalog/2022-04-01/items/B0DEMO0001', { query: { marketplaceIds: US } });
      const parts = () => call(emu, t, 'GET', '/sellers/v1/marketplaceParticipations');

      emu.setFaults({ dropRateLimitHeader: true });
      const dropped = await parts();
      expect(dropped.status).toBe(200);
      expect(dropped.headers.get('x-amzn-ratelimit-limit')).toBeNull();

      emu.setFaults({ latencyMs: 150 });
      const t0 = performance.now();
      expect((await parts()).status).toBe(200);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(140);

      emu.setFaults({ throttleStormUntil: Date.now() + 60_000, operations: ['getCatalogItem'] });
      const stormed = await cat();
      expect(stormed.status).toBe(429);
      expect(stormed.json).toEqual(QUOTA);
      expect((await parts()).status).toBe(200);
      emu.setFaults({});
      expect((await cat()).status).toBe(200);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { LwaClient, LwaInvalidClientError, LwaInvalidGrantError, LwaNetworkError, type LwaError } from '../../src/auth/lwa.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.close();
});

const lwaFor = (e: RunningEmulator, extra: Partial<ConstructorParameters<typeof LwaClient>[0]> = {}) =>
  new LwaClient({ clientId: e.credentials.clientId, clientSecret: e.credentials.clientSecret, endpoint: e.lwaEndpoint, ...extra });

describe('LwaClient against the emulator', () => {
  it('caches the access token per grant', async () => {
    const lwa = lwaFor(emu);
    const grant = { refreshToken: emu.credentials.refreshToken };
    const a = await lwa.getAccessToken(grant);
    const b = await lwa.getAccessToken(grant);
    expect(a).toMatch(/^Atza\|/);
    expect(b).toBe(a);
    expect(lwa.stats()).toMatchObject({ requests: 1, cacheHits: 1 });
    lwa.invalidate(grant, 'some-other-token');
    expect(await lwa.getAccessToken(grant)).toBe(a);
    lwa.invalidate(grant, a);
    expect(await lwa.getAccessToken(grant)).not.toBe(a);
    expect(lwa.stats().requests).toBe(2);
  });

  it('shares one in-flight exchange among 20 concurrent callers', async () => {
    const lwa = lwaFor(emu);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => lwa.getAccessToken({ refreshToken: emu.credentials.refreshToken })));
    expect(new Set(tokens).size).toBe(1);
    expect(lwa.stats().requests).toBe(1);
  });

  it('gets grantless tokens with client_credentials and a scope', async () => {
    const lwa = lwaFor(emu);
    const t = await lwa.getAccessToken({ scope: 'sellingpartnerapi::client_credential:rotation' });
    expect(t).toMatch(/^Atza\|/);
    await expect(lwa.getAccessToken({ scope: 'sellingpartnerapi::nonsense' })).rejects.toMatchObject({ code: 'invalid_scope' });
  });

  it('refreshes early: lifetime 61 s with a 60 s skew means a new token after 1 s', async () => {
    const short = await startEmulator({ tokenLifetimeSeconds: 61 });
    try {
      const lwa = lwaFor(short);
      const grant = { refreshToken: short.credentials.refreshToken };
      const a = await lwa.getAccessToken(grant);
      expect(await lwa.getAccessToken(grant)).toBe(a);
      await new Promise((r) => setTimeout(r, 1100));
      expect(await lwa.getAccessToken(grant)).not.toBe(a);
      expect(lwa.stats().requests).toBe(2);
    } finally {
      await short.close();
    }
  });

  it('maps invalid_client (rotated secret) and invalid_grant (revoked token) to actionable errors', async () => {
    const e2 = await startEmulator();
    try {
      const lwa = lwaFor(e2);
      const old = e2.credentials.clientSecret;
      e2.rotateClientSecret(e2.credentials.clientId);
      const err = await lwa.getAccessToken({ refreshToken: e2.credentials.refreshToken }).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(LwaInvalidClientError);
      expect((err as Error).message).toContain('180 days');
      expect((err as Error).message).toContain('SP_API_CLIENT_SECRET');
      expect((err as Error).message).not.toContain(old);

      lwa.setClientSecret(e2.credentials.clientSecret);
      e2.revokeRefreshToken(e2.credentials.refreshToken);
      const g = await lwa.getAccessToken({ refreshToken: e2.credentials.refreshToken }).catch((x: unknown) => x);
      expect(g).toBeInstanceOf(LwaInvalidGrantError);
      expect((g as Error).message).toContain('re-authorise the app in Seller Central');
      expect((g as Error).message).not.toContain(e2.credentials.refreshToken);
      expect(lwa.stats().requests).toBe(2); // neither error is retried
    } finally {
      await e2.close();
    }
  });

  // Retries belong to the SP-API client (one layer); the token exchange itself tries once.
  it('raises LwaNetworkError after one request when LWA is unreachable', async () => {
    const lwa = new LwaClient({ clientId: 'amzn1.application-oa2-client.x', clientSecret: 's', endpoint: 'http://127.0.0.1:9/auth/o2/token' });
    const err = await lwa.getAccessToken({ refreshToken: 'Atzr|x' }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(LwaNetworkError);
    expect((err as LwaError).code).toBe('network');
    expect(lwa.stats().requests).toBe(1);
  });
});

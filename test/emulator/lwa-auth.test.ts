import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { US, call, itemPath, lwa, manualClock, sellerToken, startEmulator, withEmulator, type RunningEmulator } from './helpers.js';

describe('LWA token endpoint', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  const grant = () => ({
    grant_type: 'refresh_token',
    refresh_token: emu.credentials.refreshToken,
    client_id: emu.credentials.clientId,
    client_secret: emu.credentials.clientSecret,
  });

  it('issues a bearer token for a refresh_token grant', async () => {
    const r = await lwa(emu, grant());
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(r.json).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
    expect(r.json.access_token).toMatch(/^Atza\|/);
    expect(r.json.token_type).toBe('bearer');
    expect(r.json.expires_in).toBe(3600);
    expect(r.json.refresh_token).toBe(emu.credentials.refreshToken);
    expect(Buffer.byteLength(r.json.access_token)).toBeLessThanOrEqual(2048);
  });

  it('issues a grantless token with scope and no refresh token', async () => {
    const r = await lwa(emu, {
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::notifications',
      client_id: emu.credentials.clientId,
      client_secret: emu.credentials.clientSecret,
    });
    expect(r.status).toBe(200);
    expect(r.json.refresh_token).toBeUndefined();
    expect(r.json.scope).toBe('sellingpartnerapi::notifications');
    // A grantless token cannot call seller operations.
    const res = await call(emu, r.json.access_token, 'GET', '/sellers/v1/marketplaceParticipations');
    expect(res.status).toBe(403);
  });

  it('answers invalid_client (401) for a wrong secret', async () => {
    const r = await lwa(emu, { ...grant(), client_secret: 'nope' });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error_description: 'Client authentication failed', error: 'invalid_client' });
  });

  it('answers invalid_grant (400) for an unknown refresh token', async () => {
    const r = await lwa(emu, { ...grant(), refresh_token: 'Atzr|unknown' });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error_description: 'The request has an invalid grant parameter : refresh_token', error: 'invalid_grant' });
  });

  it('answers invalid_request for missing parameters or both scope and refresh_token', async () => {
    const { refresh_token: _omit, ...noToken } = grant();
    expect((await lwa(emu, noToken)).json.error).toBe('invalid_request');
    const { client_secret: _s, ...noSecret } = grant();
    expect((await lwa(emu, noSecret)).json.error).toBe('invalid_request');
    const both = await lwa(emu, { ...grant(), scope: 'sellingpartnerapi::notifications' });
    expect(both.status).toBe(400);
    expect(both.json.error).toBe('invalid_request');
  });

  it('answers unsupported_grant_type for other grants', async () => {
    expect((await lwa(emu, { ...grant(), grant_type: 'password' })).json.error).toBe('unsupported_grant_type');
    expect((await lwa(emu, { ...grant(), grant_type: 'password' }, 'application/json')).json.error).toBe('unsupported_grant_type');
  });

  // Amazon's endpoint reads JSON bodies too; the amazon-sp-api npm client sends exactly this.
  it('accepts a JSON body for both grants, as Amazon does', async () => {
    const r = await lwa(emu, grant(), 'application/json');
    expect(r.status).toBe(200);
    expect(r.json.access_token).toMatch(/^Atza\|/);
    const res = await call(emu, r.json.access_token, 'GET', '/sellers/v1/marketplaceParticipations');
    expect(res.status).toBe(200);
    const grantless = await lwa(
      emu,
      {
        grant_type: 'client_credentials',
        scope: 'sellingpartnerapi::notifications',
        client_id: emu.credentials.clientId,
        client_secret: emu.credentials.clientSecret,
      },
      'application/json; charset=utf-8',
    );
    expect(grantless.status).toBe(200);
    expect(grantless.json.scope).toBe('sellingpartnerapi::notifications');
    const wrong = await lwa(emu, { ...grant(), client_secret: 'nope' }, 'application/json');
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('invalid_client');
  });

  it('answers invalid_request for a malformed JSON body', async () => {
    const res = await fetch(emu.lwaEndpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('answers invalid_scope for an unknown scope', async () => {
    const r = await lwa(emu, {
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::everything',
      client_id: emu.credentials.clientId,
      client_secret: emu.credentials.clientSecret,
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('invalid_scope');
  });
});

describe('revocation and rotation', () => {
  it('rejects a revoked refresh token and a rotated-away secret', async () => {
    await withEmulator({}, async (emu) => {
      const c = { ...emu.credentials };
      const before = await sellerToken(emu);
      const secret = emu.rotateClientSecret(c.clientId);
      expect(secret).not.toBe(c.clientSecret);
      const old = await lwa(emu, {
        grant_type: 'refresh_token',
        refresh_token: c.refreshToken,
        client_id: c.clientId,
        client_secret: c.clientSecret,
      });
      expect(old.status).toBe(401);
      expect(old.json.error).toBe('invalid_client');
      const fresh = await lwa(emu, { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: secret });
      expect(fresh.status).toBe(200);
      emu.revokeRefreshToken(c.refreshToken);
      const revoked = await lwa(emu, { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: secret });
      expect(revoked.status).toBe(400);
      expect(revoked.json.error).toBe('invalid_grant');
      // Access tokens already issued stay valid until they expire.
      expect((await call(emu, before, 'GET', '/sellers/v1/marketplaceParticipations')).status).toBe(200);
    });
  });
});

describe('SP-API authentication', () => {
  let emu: RunningEmulator;
  let token: string;
  beforeAll(async () => {
    emu = await startEmulator();
    token = await sellerToken(emu);
  });
  afterAll(() => emu.close());

  it('403 MissingAuthenticationToken without x-amz-access-token, with no rate-limit header', async () => {
    const r = await call(emu, undefined, 'GET', '/sellers/v1/marketplaceParticipations');
    expect(r.status).toBe(403);
    expect(r.json.errors[0].code).toBe('MissingAuthenticationToken');
    expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('x-amzn-ratelimit-limit')).toBeNull();
  });

  it('403 Unauthorized for a malformed token', async () => {
    const r = await call(emu, 'Atza|forged', 'GET', '/sellers/v1/marketplaceParticipations');
    expect(r.status).toBe(403);
    expect(r.json).toEqual({
      errors: [
        {
          message: 'Access to requested resource is denied.',
          code: 'Unauthorized',
          details: 'The access token you provided is revoked, malformed or invalid.',
        },
      ],
    });
  });

  it("403 when the path's seller is not the token's seller", async () => {
    const r = await call(emu, token, 'GET', itemPath('A2OTHERSELLER1', 'NW-TEE-NAVY-M'), { query: { marketplaceIds: US } });
    expect(r.status).toBe(403);
    expect(r.json.errors[0].code).toBe('Unauthorized');
    const q = await call(emu, token, 'GET', '/listings/2021-08-01/restrictions', {
      query: { asin: 'B0DEMO0001', sellerId: 'A2OTHERSELLER1', marketplaceIds: US },
    });
    expect(q.status).toBe(403);
  });

  it('404 for unknown paths and 405 for a wrong method on a known path', async () => {
    const r = await call(emu, token, 'GET', '/nothing/here');
    expect(r.status).toBe(404);
    expect(r.json.errors[0].code).toBe('NotFound');
    const m = await call(emu, token, 'POST', '/sellers/v1/marketplaceParticipations');
    expect(m.status).toBe(405);
    expect(m.headers.get('allow')).toBe('GET');
  });
});

describe('token expiry', () => {
  it('an expired access token gets 403 Unauthorized; a refreshed one works', async () => {
    const clock = manualClock();
    await withEmulator({ tokenLifetimeSeconds: 60, clock }, async (emu) => {
      const r = await lwa(emu, {
        grant_type: 'refresh_token',
        refresh_token: emu.credentials.refreshToken,
        client_id: emu.credentials.clientId,
        client_secret: emu.credentials.clientSecret,
      });
      expect(r.json.expires_in).toBe(60);
      const t = r.json.access_token as string;
      expect((await call(emu, t, 'GET', '/sellers/v1/marketplaceParticipations')).status).toBe(200);
      clock.advance(59_000);
      expect((await call(emu, t, 'GET', '/sellers/v1/marketplaceParticipations')).status).toBe(200);
      clock.advance(1_000);
      const expired = await call(emu, t, 'GET', '/sellers/v1/marketplaceParticipations');
      expect(expired.status).toBe(403);
      expect(expired.json.errors[0].details).toBe('The access token you provided is revoked, malformed or invalid.');
      expect((await call(emu, await sellerToken(emu), 'GET', '/sellers/v1/marketplaceParticipations')).status).toBe(200);
    });
  });

  it('a real 1-second lifetime expires on the wall clock', async () => {
    await withEmulator({ tokenLifetimeSeconds: 1 }, async (emu) => {
      const t = await sellerToken(emu);
      expect((await call(emu, t, 'GET', '/sellers/v1/marketplaceParticipations')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await call(emu, t, 'GET', '/sellers/v1/marketplaceParticipations')).status).toBe(403);
    });
  });
});

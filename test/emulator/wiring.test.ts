import { describe, expect, it } from 'vitest';
import { OPERATIONS, buildPath } from '../../src/sp-api/operations.js';
import { call, sellerToken, withEmulator } from './helpers.js';

describe('emulator wiring', () => {
  it('routes every operation in the table to a handler', async () => {
    await withEmulator({ enforceRateLimits: false }, async (emu) => {
      const t = await sellerToken(emu);
      for (const spec of Object.values(OPERATIONS)) {
        const params = Object.fromEntries(
          [...spec.path.matchAll(/\{(\w+)\}/g)].map(([, p]) => [p!, p === 'sellerId' ? emu.credentials.sellerId : 'X1']),
        );
        const r = await call(
          emu,
          t,
          spec.method,
          buildPath(spec.name, params),
          spec.method === 'POST' || spec.method === 'PUT' || spec.method === 'PATCH' ? { body: {} } : {},
        );
        const details = String(r.json?.errors?.[0]?.details ?? '');
        expect(details, spec.name).not.toMatch(/No operation matches|not implemented/);
        expect(r.status, `${spec.name}: ${r.text}`).toBeLessThan(500);
        expect(r.headers.get('x-amzn-requestid'), spec.name).toBeTruthy();
      }
    });
  });

  it('exposes what the CLI prints', async () => {
    await withEmulator({}, async (emu) => {
      const { endpoint, lwaEndpoint } = emu;
      const { clientId, clientSecret, refreshToken, sellerId, marketplaceId } = emu.credentials;
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(lwaEndpoint).toBe(`${endpoint}/auth/o2/token`);
      expect(clientId).toMatch(/^amzn1\.application-oa2-client\./);
      expect(refreshToken).toMatch(/^Atzr\|/);
      expect(sellerId).toMatch(/^[A-Z0-9]{13,14}$/);
      expect(marketplaceId).toBe('ATVPDKIKX0DER');
      expect(clientSecret.length).toBeGreaterThan(20);
    });
  });
});

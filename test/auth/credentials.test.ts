import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfigPath, loadCredentials } from '../../src/auth/credentials.js';
import { ConfigError } from '../../src/lib/config-error.js';

const GOOD = {
  SP_API_CLIENT_ID: 'amzn1.application-oa2-client.0123456789abcdef',
  SP_API_CLIENT_SECRET: 'amzn1.oa2-cs.v1.supersecretvalue',
  SP_API_REFRESH_TOKEN: 'Atzr|IwEBIsecretrefreshtoken',
  SP_API_SELLER_ID: 'A1B2C3D4E5F6G7',
  SP_API_MARKETPLACE: 'DE',
};

const noFile = (extra: Record<string, string> = {}) => ({ ...GOOD, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'spcfg-')), ...extra });

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected ConfigError');
}

describe('loadCredentials', () => {
  it('loads from the environment and resolves a country code to the marketplace id and region', () => {
    const c = loadCredentials({ env: noFile() });
    expect(c).toMatchObject({ marketplaceId: 'A1PA6795UKMFR9', region: 'eu', sellerId: 'A1B2C3D4E5F6G7', sandbox: false });
    expect(c.endpoint).toBeUndefined();
  });

  it('defaults the config path to XDG_CONFIG_HOME or ~/.config', () => {
    expect(defaultConfigPath({ XDG_CONFIG_HOME: '/x' })).toBe('/x/sp-api-mcp/config.json');
    expect(defaultConfigPath({})).toMatch(/\.config\/sp-api-mcp\/config\.json$/);
  });

  it('reads a named profile, and environment variables override it field by field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spcfg-'));
    const file = join(dir, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        profiles: {
          shop: {
            clientId: GOOD.SP_API_CLIENT_ID,
            clientSecret: GOOD.SP_API_CLIENT_SECRET,
            refreshToken: GOOD.SP_API_REFRESH_TOKEN,
            sellerId: GOOD.SP_API_SELLER_ID,
            marketplace: 'JP',
            endpoint: 'http://127.0.0.1:9999',
            sandbox: true,
          },
        },
      }),
    );
    const c = loadCredentials({ env: {}, profile: 'shop', configFile: file });
    expect(c).toMatchObject({ marketplaceId: 'A1VC38T7YXB528', region: 'fe', endpoint: 'http://127.0.0.1:9999', sandbox: true });
    const o = loadCredentials({ env: { SP_API_MARKETPLACE: 'ATVPDKIKX0DER' }, profile: 'shop', configFile: file });
    expect(o.marketplaceId).toBe('ATVPDKIKX0DER');
    expect(o.region).toBe('na');
    const missing = errorOf(() => loadCredentials({ env: {}, profile: 'nope', configFile: file }));
    expect(missing.message).toContain('profiles: shop');
  });

  it('explains malformed values without echoing secrets', () => {
    const e = errorOf(() =>
      loadCredentials({
        env: noFile({
          SP_API_CLIENT_ID: 'my-client',
          SP_API_REFRESH_TOKEN: 'Atza|notarefreshtoken-secret',
          SP_API_SELLER_ID: 'abc',
          SP_API_MARKETPLACE: 'XX',
        }),
      }),
    );
    expect(e.message).toContain('amzn1.application-oa2-client.<hex>');
    expect(e.message).toContain('must start with "Atzr|"');
    expect(e.message).toContain('10-20 upper-case letters or digits');
    expect(e.message).toContain('"XX" is not a known marketplace');
    expect(e.message).toContain('US, MX, BR');
    expect(e.message).not.toContain('notarefreshtoken-secret');
    expect(e.message).not.toContain(GOOD.SP_API_CLIENT_SECRET);
  });

  it('lists every missing variable', () => {
    const e = errorOf(() => loadCredentials({ env: { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'spcfg-')) } }));
    expect(e.message).toMatch(
      /Missing SP_API_CLIENT_ID, SP_API_CLIENT_SECRET, SP_API_REFRESH_TOKEN, SP_API_SELLER_ID \(or SP_API_VENDOR_CODE\), SP_API_MARKETPLACE/,
    );
  });

  it('rejects plain-http endpoints except loopback, and malformed config files', () => {
    expect(errorOf(() => loadCredentials({ env: noFile({ SP_API_ENDPOINT: 'http://example.com' }) })).message).toContain('must use https');
    expect(loadCredentials({ env: noFile({ SP_API_ENDPOINT: 'http://localhost:8080/' }) }).endpoint).toBe('http://localhost:8080');
    const dir = mkdtempSync(join(tmpdir(), 'spcfg-'));
    writeFileSync(join(dir, 'bad.json'), '{"profiles": {"a": {"clientSecret": 42}}}');
    const e = errorOf(() => loadCredentials({ env: {}, profile: 'a', configFile: join(dir, 'bad.json') }));
    expect(e.message).toContain('profiles.a.clientSecret');
    expect(e.message).not.toContain('42');
  });
});

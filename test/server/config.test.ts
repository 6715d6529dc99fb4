import { describe, expect, it } from 'vitest';
import { buildConfig, configFromEnv } from '../../src/core/config.js';
import { ConfigError } from '../../src/lib/config-error.js';
import { stripUnsafe, sanitize } from '../../src/lib/sanitize.js';

describe('server config', () => {
  it('defaults to every capability, US, no allowlist', () => {
    const c = buildConfig({ dataDir: '/tmp/x' });
    expect(c.capabilities.has('listings.write')).toBe(true);
    expect(c.readOnly).toBe(false);
    expect(c.defaultMarketplace).toBe('ATVPDKIKX0DER');
    expect(c.marketplaces.size).toBe(0);
  });

  it('later layers win and country codes resolve', () => {
    const c = buildConfig({ marketplaces: 'US,DE', defaultMarketplace: 'US' }, { defaultMarketplace: 'DE', readOnly: 'true' });
    expect([...c.marketplaces]).toEqual(['ATVPDKIKX0DER', 'A1PA6795UKMFR9']);
    expect(c.defaultMarketplace).toBe('A1PA6795UKMFR9');
    expect(c.readOnly).toBe(true);
  });

  it('rejects unknown names instead of widening access', () => {
    expect(() => buildConfig({ capabilities: 'listings.read,listings.everything' })).toThrow(ConfigError);
    expect(() => buildConfig({ toolsets: 'nope' })).toThrow(/Unknown toolset "nope"/);
    expect(() => buildConfig({ marketplaces: 'XX' })).toThrow(/Unknown marketplace "XX"/);
    expect(() => buildConfig({ marketplaces: 'US', defaultMarketplace: 'DE' })).toThrow(/not in the marketplace allowlist/);
  });

  it('waits out throttling for 120 s unless told otherwise', () => {
    expect(buildConfig({}).throttleWaitSeconds).toBe(120);
    expect(buildConfig(configFromEnv({ SP_API_MCP_THROTTLE_WAIT_SECONDS: '300' })).throttleWaitSeconds).toBe(300);
    expect(buildConfig(configFromEnv({ SP_API_MCP_THROTTLE_WAIT_SECONDS: '300' }), { throttleWaitSeconds: '30' }).throttleWaitSeconds).toBe(30);
    expect(() => buildConfig({ throttleWaitSeconds: 'soon' })).toThrow(/--throttle-wait/);
  });
});

describe('sanitize', () => {
  it('removes BiDi overrides, zero-width and tag characters, keeps text and newlines', () => {
    const evil = 'Great\u202Eevil\u202C shirt\u200B\nline2\u{E0041}\uFEFF';
    expect(stripUnsafe(evil)).toBe('Greatevil shirt\nline2');
    expect(sanitize({ a: ['x\u2066y'], n: 3 })).toEqual({ a: ['xy'], n: 3 });
  });
});

// Every read tool through a real MCP client against the emulator over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { createThrottleRegistry } from '../../src/sp-api/throttle-backends.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('account_status', () => {
  it('reports a working connection, participations and throttle state', async () => {
    const r = await h.call('account_status');
    expect(r.isError).toBe(false);
    expect(r.data.connected).toBe(true);
    expect(r.data.sellerId).toBe(h.sellerId);
    const us = r.data.marketplaces.find((m: any) => m.id === 'ATVPDKIKX0DER');
    expect(us).toMatchObject({ countryCode: 'US', participating: true, allowedHere: true });
    expect(r.data.throttle.some((b: any) => String(b.bucket).includes('getMarketplaceParticipations'))).toBe(true);
    expect(r.data.buckets).toMatchObject({ backend: 'memory', shared: false, state: 'ok' });
  });

  it('answers connected=false with the reason when the refresh token is revoked', async () => {
    const bad = await startHarness();
    try {
      bad.emulator.revokeRefreshToken(bad.emulator.credentials.refreshToken);
      const r = await bad.call('account_status');
      expect(r.isError).toBe(false);
      expect(r.data.connected).toBe(false);
      expect(r.data.problem.code).toBe('TOKEN_EXPIRED');
      expect(r.data.problem.message).toMatch(/re-authori[sz]e/i);
      expect(r.text).not.toMatch(/Atz[ar]\|/);
    } finally {
      await bad.close();
    }
  });
});

describe('account_status with shared buckets', () => {
  it('says when the Redis holding the shared buckets is unreachable, and keeps working on local buckets', async () => {
    const throttle = await createThrottleRegistry({ redisUrl: 'redis://127.0.0.1:9' });
    const fb = await startHarness({ client: { throttle } });
    try {
      const r = await fb.call('account_status');
      expect(r.data.connected).toBe(true);
      expect(r.data.buckets).toMatchObject({ backend: 'redis', shared: false, state: 'fallback', safety: 0.485 });
      expect(r.data.buckets.message).toMatch(/Redis unreachable/);
    } finally {
      await fb.close();
      await throttle.close();
    }
  });
});

describe('catalog tools', () => {
  it('catalog_search by keywords returns trimmed items with paging', async () => {
    const r = await h.call('catalog_search', { keywords: ['shirt'], pageSize: 2 });
    expect(r.isError).toBe(false);
    expect(r.data.items.length).toBeGreaterThan(0);
    expect(r.data.items.length).toBeLessThanOrEqual(2);
    expect(r.data.items[0].asin).toMatch(/^[A-Z0-9]{10}$/);
    expect(r.data.items[0].title).toBeTruthy();
    if (r.data.numberOfResults > 2) {
      expect(r.data.nextPageToken).toBeTruthy();
      const p2 = await h.call('catalog_search', { keywords: ['shirt'], pageSize: 2, pageToken: r.data.nextPageToken });
      expect(p2.isError).toBe(false);
      expect(p2.data.items[0].asin).not.toBe(r.data.items[0].asin);
    }
  });

  it('catalog_search refuses keywords and identifiers together', async () => {
    const r = await h.call('catalog_search', { keywords: ['x'], identifiers: ['B0DEMO0001'], identifiersType: 'ASIN' });
    expect(r.isError).toBe(true);
    expect(r.data.error.code).toBe('INVALID_REQUEST');
  });

  it('catalog_get_item returns one item and NOT_FOUND for an unknown ASIN', async () => {
    const r = await h.call('catalog_get_item', { asin: 'B0DEMO0001', includeAttributes: true });
    expect(r.isError).toBe(false);
    expect(r.data.item.asin).toBe('B0DEMO0001');
    expect(r.data.item.productType).toBe('SHIRT');
    expect(r.data.item.attributes).toBeTypeOf('object');
    const missing = await h.call('catalog_get_item', { asin: 'B000000000' });
    expect(missing.isError).toBe(true);
    expect(missing.data.error.code).toBe('NOT_FOUND');
    expect(missing.data.error.requestId).toBeTruthy();
  });
});

describe('product type tools', () => {
  it('product_types_search finds SHIRT for shirt keywords', async () => {
    const r = await h.call('product_types_search', { keywords: ['shirt'] });
    expect(r.isError).toBe(false);
    expect(r.data.productTypes.map((p: any) => p.name)).toContain('SHIRT');
  });

  it('product_type_requirements summarises, caches the schema and exposes it as a resource', async () => {
    const r = await h.call('product_type_requirements', { productType: 'LUGGAGE', attributes: ['item_name'] });
    expect(r.isError).toBe(false);
    expect(r.data.required.map((a: any) => a.name)).toContain('item_name');
    expect(r.data.details[0].name).toBe('item_name');
    expect(r.data.schemaResource).toMatch(/^sp-api-mcp:\/\/product-types\//);
    const list = await h.mcp.listResources();
    expect(list.resources.map((x) => x.uri)).toContain(r.data.schemaResource);
    const read = await h.mcp.readResource({ uri: r.data.schemaResource });
    const schema = JSON.parse((read.contents[0] as { text: string }).text);
    expect(schema.properties.item_name).toBeTruthy();
    // The summary is much smaller than the schema it describes.
    expect(r.text.length).toBeLessThan((read.contents[0] as { text: string }).text.length);
  });

  it('rejects an unknown product type with a clear error', async () => {
    const r = await h.call('product_type_requirements', { productType: 'NO_SUCH_TYPE' });
    expect(r.isError).toBe(true);
    expect(['INVALID_REQUEST', 'NOT_FOUND']).toContain(r.data.error.code);
  });
});

describe('listings read tools', () => {
  it('listings_search pages through seeded listings', async () => {
    const r = await h.call('listings_search', { pageSize: 3 });
    expect(r.isError).toBe(false);
    expect(r.data.listings.length).toBe(3);
    expect(r.data.numberOfResults).toBeGreaterThan(3);
    expect(r.data.nextPageToken).toBeTruthy();
  });

  it('listings_get returns a seeded listing with price and quantity', async () => {
    const r = await h.call('listings_get', { sku: 'NW-TEE-NAVY-M', includeAttributes: true });
    expect(r.isError).toBe(false);
    expect(r.data.listing).toMatchObject({ sku: 'NW-TEE-NAVY-M', productType: 'SHIRT' });
    expect(r.data.listing.attributes.item_name).toBeTruthy();
    expect(r.data.listing.price.currencyCode).toBe('USD');
  });

  it('listings_get gives NOT_FOUND for a SKU that does not exist, and INVALID_REQUEST for one too long', async () => {
    const missing = await h.call('listings_get', { sku: 'NO-SUCH-SKU' });
    expect(missing.isError).toBe(true);
    expect(missing.data.error.code).toBe('NOT_FOUND');
    const long = await h.call('listings_get', { sku: 'X'.repeat(41) });
    expect(long.isError).toBe(true);
    expect(long.data.error.code).toBe('INVALID_REQUEST');
    expect(long.data.error.message).toMatch(/40 characters/);
  });

  it('listings_restrictions answers for an ASIN', async () => {
    const r = await h.call('listings_restrictions', { asin: 'B0DEMO0001' });
    expect(r.isError).toBe(false);
    expect(r.data.asin).toBe('B0DEMO0001');
    expect(typeof r.data.restricted).toBe('boolean');
  });
});

describe('bad input never crashes', () => {
  it('unknown key, wrong type, unknown marketplace', async () => {
    const unknownKey = await h.call('listings_get', { sku: 'A', bogus: 1 });
    expect(unknownKey.isError).toBe(true);
    expect(unknownKey.data.error.code).toBe('INVALID_REQUEST');
    const wrongType = await h.call('catalog_search', { keywords: 'shirt' });
    expect(wrongType.isError).toBe(true);
    expect(wrongType.data.error.code).toBe('INVALID_REQUEST');
    const mp = await h.call('listings_get', { sku: 'NW-TEE-NAVY-M', marketplace: 'XX' });
    expect(mp.isError).toBe(true);
    expect(mp.data.error.code).toBe('INVALID_REQUEST');
    expect(mp.data.error.message).toMatch(/Unknown marketplace "XX"/);
  });
});

describe('resources survive a restart', () => {
  it('offers schemas cached by an earlier server run', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-res-'));
    const first = await startHarness({ dataDir });
    const r = await first.call('product_type_requirements', { productType: 'KITCHEN' });
    await first.close();
    const second = await startHarness({ dataDir });
    try {
      const list = await second.mcp.listResources();
      expect(list.resources.map((x) => x.uri)).toContain(r.data.schemaResource);
      const read = await second.mcp.readResource({ uri: r.data.schemaResource });
      expect(JSON.parse((read.contents[0] as { text: string }).text).properties.item_name).toBeTruthy();
    } finally {
      await second.close();
    }
  });
});

// The in-memory schema cache is bounded: a schema pushed out by newer ones is no longer served from memory.
// Observed through the disk: with its file deleted, a schema still in memory comes back without a download,
// an evicted one has to be downloaded again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProductTypeSchema, MAX_SCHEMAS_IN_MEMORY } from '../../src/product-types/schema-cache.js';
import { ResourceStore } from '../../src/core/resources.js';
import type { SpApiClient } from '../../src/sp-api/client.js';

const dir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-schema-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let downloads = 0;
const client = {
  async getDefinitionsProductType(p: { productType: string }) {
    return {
      productType: p.productType,
      displayName: p.productType,
      locale: 'en_US',
      productTypeVersion: { version: 'V1' },
      schema: { checksum: `sum-${p.productType}`, link: { resource: `https://example.test/${p.productType}` } },
    };
  },
  async downloadProductTypeSchema(link: string) {
    downloads++;
    return { $id: link, type: 'object' };
  },
} as unknown as SpApiClient;

const resources = new ResourceStore(dir);
const load = (productType: string) => loadProductTypeSchema(client, resources, { productType, marketplaceId: 'ATVPDKIKX0DER', sellerId: 'S1' });
const dropFile = (uri: string) => rmSync(resources.get(uri)!.path);

describe('product type schema cache', () => {
  it('serves recent schemas from memory and forgets old ones beyond its bound', async () => {
    const first = await load('TYPE_0');
    expect(first.fromCache).toBe(false);
    dropFile(first.resource.uri);
    const fromMemory = await load('TYPE_0');
    expect(fromMemory.fromCache).toBe(true); // still in memory: no download although the file was gone
    expect(downloads).toBe(1);

    dropFile(first.resource.uri);
    for (let i = 1; i <= MAX_SCHEMAS_IN_MEMORY; i++) await load(`TYPE_${i}`);
    expect(downloads).toBe(1 + MAX_SCHEMAS_IN_MEMORY);
    const evicted = await load('TYPE_0');
    expect(evicted.fromCache).toBe(false); // pushed out of memory, so downloaded again
    expect(evicted.schema).toEqual({ $id: 'https://example.test/TYPE_0', type: 'object' });
    expect(downloads).toBe(2 + MAX_SCHEMAS_IN_MEMORY);
  });
});

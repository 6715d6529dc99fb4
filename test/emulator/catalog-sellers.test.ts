import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecker, modelsAvailable } from '../contract/openapi.js';
import { UK, US, call, sellerToken, startEmulator, type Reply, type RunningEmulator } from './helpers.js';

// Replies are checked against Amazon's models when they are beside the checkout; the emulator's own assertions run always.
const contract = modelsAvailable ? new ContractChecker() : undefined;
if (!contract) it.skip("[no ../shared/sp-api-models] replies are not checked against Amazon's models", () => {});
function valid(op: string, r: Reply): Reply {
  if (contract) expect(contract.validateResponse(op, r.status, r.json), `${op} ${r.status} ${r.text}`).toEqual([]);
  return r;
}

let emu: RunningEmulator;
let t: string;
beforeAll(async () => {
  emu = await startEmulator({ enforceRateLimits: false });
  t = await sellerToken(emu);
});
afterAll(() => emu.close());

describe('catalog items', () => {
  const search = (query: Record<string, string>) => call(emu, t, 'GET', '/catalog/2022-04-01/items', { query: { marketplaceIds: US, ...query } });

  it('gets an item with every dataset', async () => {
    const r = valid(
      'getCatalogItem',
      await call(emu, t, 'GET', '/catalog/2022-04-01/items/B0DEMO0017', {
        query: {
          marketplaceIds: US,
          includedData: 'attributes,classifications,dimensions,identifiers,images,productTypes,relationships,salesRanks,summaries',
        },
      }),
    );
    expect(r.json.asin).toBe('B0DEMO0017');
    expect(r.json.summaries[0]).toMatchObject({ marketplaceId: US, brand: 'Copperline', itemClassification: 'BASE_PRODUCT' });
    expect(r.json.productTypes).toEqual([{ marketplaceId: US, productType: 'KITCHEN' }]);
    expect(r.json.identifiers[0].identifiers.map((i: any) => i.identifierType).sort()).toEqual(['EAN', 'UPC']);
    expect(r.json.images[0].images[0].variant).toBe('MAIN');
  });

  it('404s an unknown ASIN with Amazon’s body', async () => {
    const r = valid('getCatalogItem', await call(emu, t, 'GET', '/catalog/2022-04-01/items/B000000000', { query: { marketplaceIds: US } }));
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ errors: [{ code: 'NOT_FOUND', message: `Requested item, B000000000, not found in marketplace(s) ${US}.` }] });
  });

  it('searches by keywords with refinements and pages', async () => {
    const r = valid('searchCatalogItems', await search({ keywords: 'luggage' }));
    expect(r.json.numberOfResults).toBeGreaterThanOrEqual(3);
    expect(r.json.refinements.brands.length).toBeGreaterThan(0);
    const first = valid('searchCatalogItems', await search({ keywords: 'summit trek', pageSize: '1' }));
    expect(first.json.items).toHaveLength(1);
    const second = await search({ keywords: 'summit trek', pageSize: '1', pageToken: first.json.pagination.nextToken });
    expect(second.status).toBe(200);
    expect(second.json.items[0].asin).not.toBe(first.json.items[0].asin);
    expect(second.json.pagination.previousToken).toBeTruthy();
    const brand = await search({ keywords: 'shirt', brandNames: 'Trailhead Basics' });
    expect(brand.json.items.every((i: any) => i.summaries[0].brand === 'Trailhead Basics')).toBe(true);
  });

  it('searches by identifiers (EAN, UPC, ASIN, SKU)', async () => {
    const item = (await call(emu, t, 'GET', '/catalog/2022-04-01/items/B0DEMO0025', { query: { marketplaceIds: US, includedData: 'identifiers' } }))
      .json;
    const ean = item.identifiers[0].identifiers.find((i: any) => i.identifierType === 'EAN').identifier;
    const r = valid('searchCatalogItems', await search({ identifiers: ean, identifiersType: 'EAN' }));
    expect(r.json.items.map((i: any) => i.asin)).toEqual(['B0DEMO0025']);
    const asin = await search({ identifiers: 'B0DEMO0001,B0DEMO0002', identifiersType: 'ASIN' });
    expect(asin.json.numberOfResults).toBe(2);
    const sku = await search({ identifiers: 'CL-SKILLET-10', identifiersType: 'SKU', sellerId: emu.credentials.sellerId });
    expect(sku.json.items.map((i: any) => i.asin)).toEqual(['B0DEMO0017']);
  });

  it('400 for invalid searches', async () => {
    const cases: Array<Record<string, string>> = [
      { keywords: 'tee', identifiers: 'B0DEMO0001', identifiersType: 'ASIN' },
      {},
      { keywords: 'tee', pageSize: '21' },
      { identifiers: 'B0DEMO0001' },
      { identifiers: 'X', identifiersType: 'SKU' },
      { keywords: 'tee', includedData: 'prices' },
      { keywords: 'tee', marketplaceIds: `${US},${UK}` },
    ];
    for (const q of cases) {
      const r = valid('searchCatalogItems', await search(q));
      expect(r.status, JSON.stringify(q)).toBe(400);
    }
  });
});

describe('product type definitions', () => {
  it('searches by keywords and by item name', async () => {
    const r = valid(
      'searchDefinitionsProductTypes',
      await call(emu, t, 'GET', '/definitions/2020-09-01/productTypes', { query: { marketplaceIds: US, keywords: 'luggage' } }),
    );
    expect(r.json.productTypes.map((p: any) => p.name)).toContain('LUGGAGE');
    expect(typeof r.json.productTypeVersion).toBe('string');
    const byName = await call(emu, t, 'GET', '/definitions/2020-09-01/productTypes', {
      query: { marketplaceIds: US, itemName: 'Hardside Carry-On Spinner Luggage 21 inch' },
    });
    expect(byName.json.productTypes[0].name).toBe('LUGGAGE');
    const both = await call(emu, t, 'GET', '/definitions/2020-09-01/productTypes', { query: { marketplaceIds: US, keywords: 'x', itemName: 'y' } });
    expect(both.status).toBe(400);
  });

  it('serves a definition whose schema link downloads with a matching checksum', async () => {
    const r = valid(
      'getDefinitionsProductType',
      await call(emu, t, 'GET', '/definitions/2020-09-01/productTypes/SHIRT', { query: { marketplaceIds: US } }),
    );
    expect(r.json).toMatchObject({
      productType: 'SHIRT',
      requirements: 'LISTING',
      requirementsEnforced: 'ENFORCED',
      locale: 'en_US',
      marketplaceIds: [US],
    });
    expect(r.json.productTypeVersion.latest).toBe(true);
    expect(r.json.schema.link.verb).toBe('GET');
    const res = await fetch(r.json.schema.link.resource);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const { createHash } = await import('node:crypto');
    expect(createHash('md5').update(bytes).digest('base64')).toBe(r.json.schema.checksum);
    const schema = JSON.parse(bytes.toString('utf8'));
    expect(schema.properties.item_name).toBeDefined();
    const meta = await fetch(r.json.metaSchema.link.resource);
    expect(meta.status).toBe(200);
    expect(
      createHash('md5')
        .update(Buffer.from(await meta.arrayBuffer()))
        .digest('base64'),
    ).toBe(r.json.metaSchema.checksum);
    // The UK schema is a different document (marketplace-specific enums).
    const uk = await call(emu, t, 'GET', '/definitions/2020-09-01/productTypes/SHIRT', { query: { marketplaceIds: UK } });
    expect(uk.json.locale).toBe('en_GB');
    expect(uk.json.schema.checksum).not.toBe(r.json.schema.checksum);
  });

  it('400 for an unknown product type or bad parameters', async () => {
    const unknown = valid(
      'getDefinitionsProductType',
      await call(emu, t, 'GET', '/definitions/2020-09-01/productTypes/INVALID', { query: { marketplaceIds: US } }),
    );
    expect(unknown.status).toBe(400);
    const bad: Array<Record<string, string>> = [{}, { marketplaceIds: `${US},${UK}` }, { marketplaceIds: US, requirements: 'ALL' }];
    for (const query of bad) {
      expect((await call(emu, t, 'GET', '/definitions/2020-09-01/productTypes/SHIRT', { query })).status).toBe(400);
    }
  });
});

describe('sellers and restrictions', () => {
  it('lists marketplace participations', async () => {
    const r = valid('getMarketplaceParticipations', await call(emu, t, 'GET', '/sellers/v1/marketplaceParticipations'));
    const countries = r.json.payload.map((p: any) => p.marketplace.countryCode).sort();
    expect(countries).toEqual(['CA', 'DE', 'JP', 'MX', 'UK', 'US']);
    const us = r.json.payload.find((p: any) => p.marketplace.id === US);
    expect(us).toEqual({
      marketplace: {
        id: US,
        name: 'Amazon.com',
        countryCode: 'US',
        defaultCurrencyCode: 'USD',
        defaultLanguageCode: 'en_US',
        domainName: 'www.amazon.com',
      },
      storeName: expect.any(String),
      participation: { isParticipating: true, hasSuspendedListings: false },
    });
  });

  const restrictions = (query: Record<string, string>) =>
    call(emu, t, 'GET', '/listings/2021-08-01/restrictions', { query: { sellerId: emu.credentials.sellerId, marketplaceIds: US, ...query } });

  it('reports no restriction, approval required and not eligible', async () => {
    const fine = valid('getListingsRestrictions', await restrictions({ asin: 'B0DEMO0001' }));
    expect(fine.json).toEqual({ restrictions: [] });
    const gated = valid('getListingsRestrictions', await restrictions({ asin: 'B0DEMO0008', conditionType: 'new_new' }));
    expect(gated.json.restrictions[0]).toMatchObject({ marketplaceId: US, conditionType: 'new_new', reasons: [{ reasonCode: 'APPROVAL_REQUIRED' }] });
    expect(gated.json.restrictions[0].reasons[0].links[0]).toMatchObject({ verb: 'GET', type: 'text/html' });
    const used = await restrictions({ asin: 'B0DEMO0008', conditionType: 'used_good' });
    expect(used.json.restrictions).toEqual([]);
    const never = valid('getListingsRestrictions', await restrictions({ asin: 'B0DEMO0024' }));
    expect(never.json.restrictions[0].reasons[0].reasonCode).toBe('NOT_ELIGIBLE');
    const missing = valid('getListingsRestrictions', await restrictions({ asin: 'B0ZZZZZZZZ' }));
    expect(missing.json.restrictions[0].reasons[0].reasonCode).toBe('ASIN_NOT_FOUND');
  });

  it('answers 400 with the model’s bare-array ErrorList', async () => {
    const r = valid('getListingsRestrictions', await restrictions({ asin: 'bad' }));
    expect(r.status).toBe(400);
    expect(r.json).toEqual([{ code: 'BAD_REQUEST', message: "Invalid 'asin' provided." }]);
  });
});

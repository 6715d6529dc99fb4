import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecker, modelsAvailable } from '../contract/openapi.js';
import {
  UK,
  BR,
  US,
  call,
  itemPath,
  manualClock,
  sellerToken,
  shirtAttributes,
  startEmulator,
  withEmulator,
  type Reply,
  type RunningEmulator,
} from './helpers.js';

// Replies are checked against Amazon's models when they are beside the checkout; the emulator's own assertions run always.
const contract = modelsAvailable ? new ContractChecker() : undefined;
if (!contract) it.skip("[no ../shared/sp-api-models] replies are not checked against Amazon's models", () => {});
function valid(op: string, r: Reply): Reply {
  if (contract) expect(contract.validateResponse(op, r.status, r.json), `${op} ${r.status} ${r.text}`).toEqual([]);
  return r;
}

describe('listings items', () => {
  let emu: RunningEmulator;
  let t: string;
  let seller: string;
  const clock = manualClock();
  beforeAll(async () => {
    emu = await startEmulator({ clock, enforceRateLimits: false, lateIssueMs: 2000 });
    t = await sellerToken(emu);
    seller = emu.credentials.sellerId;
  });
  afterAll(() => emu.close());

  const get = (sku: string, includedData = 'summaries,attributes,issues,offers,fulfillmentAvailability,productTypes,procurement,relationships') =>
    call(emu, t, 'GET', itemPath(seller, sku), { query: { marketplaceIds: US, includedData } });
  const put = (sku: string, body: unknown, query: Record<string, string> = {}) =>
    call(emu, t, 'PUT', itemPath(seller, sku), { query: { marketplaceIds: US, ...query }, body });
  const patch = (sku: string, patches: unknown, query: Record<string, string> = {}) =>
    call(emu, t, 'PATCH', itemPath(seller, sku), { query: { marketplaceIds: US, ...query }, body: { productType: 'SHIRT', patches } });

  it('serves seeded listings in Amazon’s Item shape', async () => {
    const r = valid('getListingsItem', await get('NW-TEE-NAVY-M'));
    expect(r.status).toBe(200);
    const s = r.json.summaries[0];
    expect(s).toMatchObject({
      marketplaceId: US,
      asin: 'B0DEMO0001',
      productType: 'SHIRT',
      conditionType: 'new_new',
      status: ['BUYABLE', 'DISCOVERABLE'],
    });
    expect(s.mainImage.link).toMatch(/^https:/);
    expect(r.json.offers[0].price).toEqual({ currencyCode: 'USD', amount: '19.99' });
    expect(r.json.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: 120 }]);
    expect(r.json.issues).toEqual([]);
    // default includedData is summaries only
    const d = await call(emu, t, 'GET', itemPath(seller, 'NW-TEE-NAVY-M'), { query: { marketplaceIds: US } });
    expect(Object.keys(d.json).sort()).toEqual(['sku', 'summaries']);
  });

  it('seed listings are valid for their product types except the one missing its main image', async () => {
    const all = emu.context.listings.all(seller);
    expect(all.length).toBeGreaterThanOrEqual(12);
    const withErrors = all.filter((l) => l.issues.some((i) => i.severity === 'ERROR')).map((l) => [l.sku, l.issues.map((i) => i.code)]);
    expect(withErrors).toEqual([['MW-CANDLE-CEDAR-8OZ', ['18027']]]);
    expect(emu.context.listings.get(seller, 'MW-CANDLE-CEDAR-8OZ')!.status).toEqual(['BUYABLE']);
  });

  it('404 with Amazon’s body for an unknown SKU', async () => {
    const r = valid('getListingsItem', await get('NOPE-1'));
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ errors: [{ code: 'NOT_FOUND', message: `SKU 'NOPE-1' not found in marketplace ${US}` }] });
  });

  it('VALIDATION_PREVIEW validates without storing', async () => {
    const ok = valid(
      'putListingsItem',
      await put('PREVIEW-SKU', { productType: 'SHIRT', attributes: shirtAttributes() }, { mode: 'VALIDATION_PREVIEW' }),
    );
    expect(ok.json.status).toBe('VALID');
    const { department: _d, ...missing } = shirtAttributes();
    const bad = valid('putListingsItem', await put('PREVIEW-SKU', { productType: 'SHIRT', attributes: missing }, { mode: 'VALIDATION_PREVIEW' }));
    expect(bad.json.status).toBe('INVALID');
    expect(bad.json.issues.some((i: any) => i.attributeNames?.includes('department') && i.severity === 'ERROR')).toBe(true);
    expect((await get('PREVIEW-SKU')).status).toBe(404);
  });

  it('put stores ACCEPTED listings; invalid ones get 200 INVALID and are not stored', async () => {
    const r = valid(
      'putListingsItem',
      await put('NEW-TEE-1', { productType: 'SHIRT', attributes: shirtAttributes() }, { includedData: 'identifiers,issues' }),
    );
    expect(r.json).toMatchObject({ sku: 'NEW-TEE-1', status: 'ACCEPTED', issues: [] });
    expect(r.json.submissionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.json.identifiers[0].marketplaceId).toBe(US);
    expect((await get('NEW-TEE-1')).json.summaries[0].itemName).toBe('Test Tee, Blue, Large');

    const bad = valid('putListingsItem', await put('NEW-TEE-BAD', { productType: 'SHIRT', attributes: { item_name: [{ value: 'x' }] } }));
    expect(bad.status).toBe(200);
    expect(bad.json.status).toBe('INVALID');
    expect(bad.json.issues.length).toBeGreaterThan(0);
    expect((await get('NEW-TEE-BAD')).status).toBe(404);
  });

  it('raises late issues after lateIssueMs (missing image, zero price)', async () => {
    const { main_product_image_locator: _i, ...noImage } = shirtAttributes();
    expect((await put('LATE-IMG', { productType: 'SHIRT', attributes: noImage })).json.status).toBe('ACCEPTED');
    const zero = shirtAttributes({
      purchasable_offer: [{ currency: 'USD', marketplace_id: US, our_price: [{ schedule: [{ value_with_tax: 0 }] }] }],
    });
    const zr = await put('LATE-PRICE', { productType: 'SHIRT', attributes: zero });
    expect(zr.json.status).toBe('ACCEPTED');
    expect((await get('LATE-IMG')).json.issues).toEqual([]);
    clock.advance(2000);
    const img = valid('getListingsItem', await get('LATE-IMG'));
    expect(img.json.issues.map((i: any) => i.code)).toEqual(['18027']);
    expect(img.json.summaries[0].status).toEqual(['BUYABLE']);
    expect(img.json.issues[0].enforcements).toEqual({ actions: [{ action: 'SEARCH_SUPPRESSED' }], exemption: { status: 'NOT_EXEMPT' } });
    expect(img.json.issues[0].marketplaceIds).toEqual([US]);
    const price = valid('getListingsItem', await get('LATE-PRICE'));
    expect(price.json.issues.map((i: any) => [i.code, i.categories])).toEqual([['90244', ['INVALID_PRICE']]]);
    expect(price.json.issues[0].enforcements.actions).toEqual([{ action: 'LISTING_SUPPRESSED' }]);
    expect(price.json.summaries[0].status).toEqual(['DISCOVERABLE']);
  });

  it('a cutting board carries a qualification issue whose enforcement is exempt until a date, and stays buyable', async () => {
    const r = valid('getListingsItem', await get('SS-BOARD-SET3'));
    expect(r.json.issues).toHaveLength(1);
    const [issue] = r.json.issues;
    expect(issue).toMatchObject({ severity: 'WARNING', categories: ['QUALIFICATION_REQUIRED'], marketplaceIds: [US] });
    expect(issue.enforcements.actions).toEqual([{ action: 'LISTING_SUPPRESSED' }]);
    expect(issue.enforcements.exemption.status).toBe('EXEMPT_UNTIL_EXPIRY_DATE');
    const days = (Date.parse(issue.enforcements.exemption.expiryDate) - clock.now()) / 86_400_000;
    expect(days).toBeGreaterThan(25);
    expect(days).toBeLessThanOrEqual(30);
    expect(r.json.summaries[0].status).toEqual(['BUYABLE', 'DISCOVERABLE']);
  });

  it('summaries of FBA listings carry an fnSku; offers in Japan carry points', async () => {
    const afn = valid('getListingsItem', await get('TB-MERINO-BLK-XL'));
    expect(afn.json.summaries[0].fnSku).toMatch(/^X00[0-9A-Z]{7}$/);
    expect(valid('getListingsItem', await get('NW-TEE-NAVY-M')).json.summaries[0].fnSku).toBeUndefined();
    const JP = 'A1VC38T7YXB528';
    const jp = shirtAttributes({
      purchasable_offer: [{ currency: 'JPY', marketplace_id: JP, our_price: [{ schedule: [{ value_with_tax: 2980 }] }] }],
    });
    expect(emu.context.listings.put(seller, 'JP-TEE', { productType: 'SHIRT', attributes: jp, marketplaceIds: [JP] }).status).toBe('ACCEPTED');
    const offer = valid(
      'getListingsItem',
      await call(emu, t, 'GET', itemPath(seller, 'JP-TEE'), { query: { marketplaceIds: JP, includedData: 'offers' } }),
    );
    expect(offer.json.offers[0]).toMatchObject({ marketplaceId: JP, price: { currencyCode: 'JPY', amount: '2980' }, points: { pointsNumber: 29 } });
    // Later tests count this seller's listings.
    emu.context.listings.delete(seller, 'JP-TEE', [JP]);
  });

  it('patches top-level attributes: replace, add, merge, delete with selectors', async () => {
    await put('PATCH-1', {
      productType: 'SHIRT',
      attributes: shirtAttributes({ bullet_point: [{ value: 'One', language_tag: 'en_US', marketplace_id: US }] }),
    });
    const r = valid(
      'patchListingsItem',
      await patch('PATCH-1', [
        { op: 'replace', path: '/attributes/item_name', value: [{ value: 'Renamed Tee', language_tag: 'en_US', marketplace_id: US }] },
        { op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }] },
        { op: 'add', path: '/attributes/generic_keyword', value: [{ value: 'tee', language_tag: 'en_US', marketplace_id: US }] },
      ]),
    );
    expect(r.json.status).toBe('ACCEPTED');
    const after = (await get('PATCH-1')).json;
    expect(after.summaries[0].itemName).toBe('Renamed Tee');
    expect(after.fulfillmentAvailability).toEqual([{ fulfillmentChannelCode: 'DEFAULT', quantity: 3 }]);
    expect(after.attributes.generic_keyword).toHaveLength(1);

    const del = await patch('PATCH-1', [
      { op: 'delete', path: '/attributes/generic_keyword', value: [{ marketplace_id: US, language_tag: 'en_US' }] },
    ]);
    expect(del.json.status).toBe('ACCEPTED');
    expect((await get('PATCH-1')).json.attributes.generic_keyword).toBeUndefined();

    const noSel = await patch('PATCH-1', [{ op: 'delete', path: '/attributes/color' }]);
    expect(noSel.json.status).toBe('INVALID');
    const emptySel = await patch('PATCH-1', [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ quantity: 9 }] }]);
    expect(emptySel.json.status).toBe('INVALID');
    // deleting a required attribute makes the result invalid, and nothing changes
    const req = await patch('PATCH-1', [{ op: 'delete', path: '/attributes/department', value: [{ marketplace_id: US }] }]);
    expect(req.json.status).toBe('INVALID');
    expect((await get('PATCH-1')).json.attributes.department).toBeDefined();
    // preview does not store
    const prev = await patch(
      'PATCH-1',
      [{ op: 'replace', path: '/attributes/item_name', value: [{ value: 'Preview Name', language_tag: 'en_US', marketplace_id: US }] }],
      { mode: 'VALIDATION_PREVIEW' },
    );
    expect(prev.json.status).toBe('VALID');
    expect((await get('PATCH-1')).json.summaries[0].itemName).toBe('Renamed Tee');
  });

  it('400 for malformed input', async () => {
    const cases: Array<[string, Promise<Reply>]> = [
      ['long sku', put('X'.repeat(41), { productType: 'SHIRT', attributes: shirtAttributes() })],
      ['no marketplaceIds', call(emu, t, 'GET', itemPath(seller, 'NW-TEE-NAVY-M'))],
      ['unknown marketplace', call(emu, t, 'GET', itemPath(seller, 'NW-TEE-NAVY-M'), { query: { marketplaceIds: 'XXXXXXXX' } })],
      ['not participating', call(emu, t, 'GET', itemPath(seller, 'NW-TEE-NAVY-M'), { query: { marketplaceIds: BR } })],
      ['malformed JSON', call(emu, t, 'PUT', itemPath(seller, 'J-1'), { query: { marketplaceIds: US }, rawBody: '{"productType":' })],
      ['missing productType', put('J-2', { attributes: {} })],
      ['empty patches', patch('J-3', [])],
      ['bad op', patch('NW-TEE-NAVY-M', [{ op: 'move', path: '/attributes/color', value: [] }])],
      ['nested path', patch('NW-TEE-NAVY-M', [{ op: 'replace', path: '/attributes/color/0/value', value: [{ value: 'x' }] }])],
      ['bad includedData', get('NW-TEE-NAVY-M', 'everything')],
    ];
    for (const [name, p] of cases) {
      const r = await p;
      expect(r.status, name).toBe(400);
      expect(r.json.errors[0].code, name).toBe('BAD_REQUEST');
      expect(r.json.errors[0].message, name).toBeTruthy();
    }
  });

  it('round-trips SKUs with spaces, slashes, #, +, % and unicode', async () => {
    for (const sku of ['my sku', 'a/b/c', 'HASH#1', 'PLUS+1', 'pct%20', 'ünï-тест-☃', "q?x=1&y'(*)!"]) {
      const r = await put(sku, { productType: 'SHIRT', attributes: shirtAttributes() });
      expect(r.json, sku).toMatchObject({ sku, status: 'ACCEPTED' });
      const g = await get(sku, 'summaries');
      expect(g.status, sku).toBe(200);
      expect(g.json.sku).toBe(sku);
      expect(emu.context.listings.get(seller, sku)).toBeDefined();
    }
    // '+' is literal in a path: 'PLUS 1' is another SKU.
    expect((await get('PLUS 1', 'summaries')).status).toBe(404);
  });

  it('checks only offer attributes for LISTING_OFFER_ONLY', async () => {
    const a = shirtAttributes();
    const offer = {
      condition_type: a['condition_type'],
      purchasable_offer: a['purchasable_offer'],
      fulfillment_availability: a['fulfillment_availability'],
    };
    const r = valid('putListingsItem', await put('OFFER-ONLY-1', { productType: 'SHIRT', requirements: 'LISTING_OFFER_ONLY', attributes: offer }));
    expect(r.json.status).toBe('ACCEPTED');
    const full = await put('OFFER-ONLY-2', { productType: 'SHIRT', attributes: offer });
    expect(full.json.status).toBe('INVALID');
    expect((await put('OFFER-ONLY-3', { productType: 'SHIRT', requirements: 'EVERYTHING', attributes: offer })).status).toBe(400);
  });

  it('deletes listings', async () => {
    await put('DEL-1', { productType: 'SHIRT', attributes: shirtAttributes() });
    const r = valid('deleteListingsItem', await call(emu, t, 'DELETE', itemPath(seller, 'DEL-1'), { query: { marketplaceIds: US } }));
    expect(r.json).toMatchObject({ sku: 'DEL-1', status: 'ACCEPTED' });
    expect((await get('DEL-1')).status).toBe(404);
  });

  it('searches with identifiers, filters, sorting and page tokens', async () => {
    const search = (query: Record<string, string>) =>
      call(emu, t, 'GET', `/listings/2021-08-01/items/${seller}`, { query: { marketplaceIds: US, ...query } });
    const bySku = valid(
      'searchListingsItems',
      await search({ identifiers: 'NW-TEE-NAVY-M,CL-SKILLET-10', identifiersType: 'SKU', includedData: 'summaries,issues' }),
    );
    expect(bySku.json.numberOfResults).toBe(2);
    expect(bySku.json.items.map((i: any) => i.sku).sort()).toEqual(['CL-SKILLET-10', 'NW-TEE-NAVY-M']);
    const byAsin = await search({ identifiers: 'B0DEMO0017', identifiersType: 'ASIN' });
    expect(byAsin.json.items.map((i: any) => i.sku)).toEqual(['CL-SKILLET-10']);

    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = valid(
        'searchListingsItems',
        await search({ pageSize: '5', sortBy: 'sku', sortOrder: 'ASC', ...(token ? { pageToken: token } : {}) }),
      );
      expect(r.json.items.length).toBeLessThanOrEqual(5);
      seen.push(...r.json.items.map((i: any) => i.sku));
      token = r.json.pagination?.nextToken;
      pages++;
    } while (token && pages < 20);
    const all = emu.context.listings
      .all(seller)
      .map((l) => l.sku)
      .sort();
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 5));

    const issues = await search({ withIssueSeverity: 'ERROR' });
    expect(issues.json.items.map((i: any) => i.sku)).toContain('MW-CANDLE-CEDAR-8OZ');
    expect((await search({ pageSize: '21' })).status).toBe(400);
    expect((await search({ pageToken: 'garbage' })).status).toBe(400);
    expect((await search({ identifiers: 'X' })).status).toBe(400);
  });

  it('only lists a seller’s listings in the marketplaces they have', async () => {
    const r = await call(emu, t, 'GET', itemPath(seller, 'NW-TEE-NAVY-M'), { query: { marketplaceIds: UK } });
    expect(r.status).toBe(404);
  });
});

describe('late issues on the wall clock', () => {
  it('uses the configured lateIssueMs', async () => {
    await withEmulator({ lateIssueMs: 150, enforceRateLimits: false }, async (emu) => {
      const t = await sellerToken(emu);
      const { main_product_image_locator: _i, ...noImage } = shirtAttributes();
      await call(emu, t, 'PUT', itemPath(emu.credentials.sellerId, 'L-1'), {
        query: { marketplaceIds: US },
        body: { productType: 'SHIRT', attributes: noImage },
      });
      expect(emu.context.listings.get(emu.credentials.sellerId, 'L-1')!.issues).toEqual([]);
      await new Promise((r) => setTimeout(r, 200));
      expect(emu.context.listings.get(emu.credentials.sellerId, 'L-1')!.issues.map((i) => i.code)).toEqual(['18027']);
    });
  });
});

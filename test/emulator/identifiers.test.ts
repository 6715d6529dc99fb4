// Product identifiers are checked the way Amazon checks them: length and check digit for the declared type,
// in VALIDATION_PREVIEW and in a real submission (issue 8106, Invalid StandardProductID value).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { US, call, itemPath, sellerToken, shirtAttributes, startEmulator, type RunningEmulator } from './helpers.js';

describe('emulator: product identifiers', () => {
  let emu: RunningEmulator;
  let t: string;
  beforeAll(async () => {
    emu = await startEmulator({ enforceRateLimits: false });
    t = await sellerToken(emu);
  });
  afterAll(() => emu.close());

  const put = (sku: string, id: { type: string; value: string }, mode?: string) =>
    call(emu, t, 'PUT', itemPath(emu.credentials.sellerId, sku), {
      query: { marketplaceIds: US, ...(mode ? { mode } : {}) },
      body: {
        productType: 'SHIRT',
        requirements: 'LISTING',
        attributes: shirtAttributes({ externally_assigned_product_identifier: [{ ...id, marketplace_id: US }] }),
      },
    });

  it('refuses a wrong check digit in VALIDATION_PREVIEW and in submission, with code 8106', async () => {
    for (const mode of ['VALIDATION_PREVIEW', undefined]) {
      const r = await put('ID-BAD-CHECK', { type: 'upc', value: '036000291453' }, mode);
      expect(r.status).toBe(200);
      expect(r.json.status).toBe('INVALID');
      const i = (r.json.issues as Array<{ code: string; message: string; attributeNames: string[] }>).find((x) => x.code === '8106');
      expect(i?.attributeNames).toEqual(['externally_assigned_product_identifier']);
      expect(i?.message).toMatch(/Invalid StandardProductID value.*check digit/);
    }
  });

  it('refuses a length that does not fit the type, and spreadsheet-destroyed numbers', async () => {
    expect((await put('ID-LEN', { type: 'upc', value: '4006381333931' })).json.status).toBe('INVALID'); // an EAN-13 as UPC
    expect((await put('ID-SCI', { type: 'ean', value: '4.00638E+12' })).json.status).toBe('INVALID');
    expect((await put('ID-SHORT', { type: 'ean', value: '400638133393' })).json.status).toBe('INVALID');
  });

  it('accepts valid UPC, EAN and GTIN-14 values', async () => {
    expect((await put('ID-UPC', { type: 'upc', value: '036000291452' })).json.status).toBe('ACCEPTED');
    expect((await put('ID-EAN', { type: 'ean', value: '4006381333931' })).json.status).toBe('ACCEPTED');
    expect((await put('ID-GTIN', { type: 'gtin', value: '10036000291459' })).json.status).toBe('ACCEPTED');
  });
});

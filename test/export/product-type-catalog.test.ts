// The emulator's 30+ table-built product types are found by product_types_search and summarised by
// product_type_requirements like the hand-written ones; a listing of a new type validates end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('table-built product types', () => {
  it('socks have somewhere to go: search by keyword and by title', async () => {
    const byKeyword = await h.call('product_types_search', { keywords: ['socks'] });
    expect(byKeyword.data.productTypes.map((p: { name: string }) => p.name)).toContain('SOCKS');
    const byTitle = await h.call('product_types_search', { itemName: 'Merino Wool Hiking Socks, 3 Pairs' });
    expect(byTitle.data.productTypes[0].name).toBe('SOCKS');
    for (const [kw, type] of [
      ['yoga mat', 'YOGA_MAT'],
      ['phone case', 'CELLULAR_PHONE_CASE'],
      ['lipstick', 'LIP_COLOR'],
      ['dog toy', 'PET_TOY'],
    ] as const) {
      const r = await h.call('product_types_search', { keywords: [kw] });
      expect(
        r.data.productTypes.map((p: { name: string }) => p.name),
        kw,
      ).toContain(type);
    }
  });

  it('requirements of a table-built type name its own required attributes and enums', async () => {
    const r = await h.call('product_type_requirements', { productType: 'SOCKS' });
    expect(r.isError, r.text).toBe(false);
    const text = JSON.stringify(r.data);
    for (const a of ['department', 'care_instructions', 'material', 'country_of_origin']) expect(text).toContain(a);
    expect(text).toContain('unisex-adult');
  });
});

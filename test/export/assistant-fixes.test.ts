// What confused assistants before: empty cells reported as missing columns, arrays given as templates, no-price
// listings, orphan batches, audit rows with a batch id as SKU; and the seller's questions asked in one form.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { renderValue } from '../../src/workflows/listing-diff.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const tee = (sku: string, extra: Record<string, string> = {}) => ({
  SKU: sku,
  Title: `Plain Tee ${sku}`,
  Brand: 'Northwind',
  Description: '<p>A <b>plain</b> tee.</p><ul><li>Cotton</li></ul>',
  Bullet: 'Soft cotton',
  Color: 'Blue',
  Size: 'M',
  Material: 'Cotton',
  Price: '21,50',
  Quantity: '4',
  EAN: '4006381333931',
  Image: 'https://example.com/t.jpg',
  ...extra,
});

const columns = [
  { attribute: 'item_name', column: ['Title', 'Size'] },
  { attribute: 'brand', column: 'Brand' },
  { attribute: 'product_description', column: 'Description' },
  { attribute: 'bullet_point', column: 'Bullet' },
  { attribute: 'color', column: 'Color' },
  { attribute: 'size', column: 'Size' },
  { attribute: 'material', column: 'Material' },
  // The shape the tool description shows, as an array: accepted as the one entry it holds.
  { attribute: 'purchasable_offer', column: 'Price', template: [{ currency: 'USD', our_price: [{ schedule: [{ value_with_tax: '{{number}}' }] }] }] },
  { attribute: 'fulfillment_availability', column: 'Quantity', template: { fulfillment_channel_code: 'DEFAULT', quantity: '{{integer}}' } },
  { attribute: 'externally_assigned_product_identifier', column: 'EAN', template: { type: '{{gtin_type}}', value: '{{gtin}}' } },
  { attribute: 'main_product_image_locator', column: 'Image', template: { media_location: '{{value}}' } },
];
const values = { item_type_keyword: [{ value: 't-shirts' }], condition_type: [{ value: 'new_new' }] };

describe('export_map on imperfect data', () => {
  it('says "empty for SKUs", accepts array templates, names every source column, cleans HTML, warns about no price', async () => {
    h = await startHarness();
    const rows = [tee('FIX-1'), tee('FIX-2', { Price: '' }), tee('FIX-3', { EAN: '4006381333932' })];
    const load = await h.call('export_load', { rows, minAttributes: 3 });
    const batchId = load.data.batchId;
    const facts = {
      ...values,
      country_of_origin: [{ value: 'PT' }],
      department: [{ value: 'mens' }],
      care_instructions: [{ value: 'machine_wash' }],
    };
    const r = await h.call('export_map', { batchId, groups: [{ productType: 'SHIRT', columns, values: facts }] });
    expect(r.isError, r.text).toBe(false);
    const problems = (r.data.problems as string[]).join('\n');
    expect(problems).toMatch(/Column "Price" \(for purchasable_offer\) is empty for SKUs FIX-2/);
    expect(problems).not.toMatch(/not in the source/);
    expect(problems).toMatch(/1 product\(s\) would be listed with no price.*FIX-2/);
    expect(r.data.issues.find((i: { code: string }) => i.code === '8106')?.skus).toEqual(['FIX-3']);
    const status = await h.call('export_status', { batchId });
    expect(status.data.byState).toMatchObject({ valid: 2, invalid: 1 }); // FIX-2 has no price and is still valid: warned above
    // The first product: price read by US convention from "21,50", HTML turned into text, item_name from two columns.
    const preview = await h.call('export_preview', { batchId, limit: 5 });
    const diffs = preview.data.confirm.diff_preview.products as Array<{ sku: string; changes: Array<{ attribute: string; after: string }> }>;
    const one = diffs.find((d) => d.sku === 'FIX-1')!;
    const after = (a: string) => one.changes.find((c) => c.attribute === a)?.after ?? '';
    expect(after('purchasable_offer')).toContain('21.5');
    expect(after('product_description')).toContain('A plain tee.');
    expect(after('product_description')).not.toContain('<p>');
    expect(after('item_name')).toContain('Plain Tee FIX-1, M');
    // What is not sent, and why; next names export_submit.
    expect(preview.data.confirm.diff_preview.notSent).toEqual([
      expect.objectContaining({ sku: 'FIX-3', state: 'invalid', why: expect.stringMatching(/StandardProductID/) }),
    ]);
    expect(preview.data.next).toMatch(/export_submit/);

    // A barcode given per product (an answer for one SKU) is checked the same way: a wrong one is never sent.
    const wrong = await h.call('export_map', {
      batchId,
      answers: [{ question: 'SHIRT/externally_assigned_product_identifier', skus: ['FIX-3'], value: { type: 'upc', value: '4006381333931' } }],
    });
    expect(wrong.data.issues.find((i: { code: string }) => i.code === '8106')?.skus).toEqual(['FIX-3']);
    // Skipped is never failed: total is the sum of the states.
    await h.call('export_map', { batchId, skip: [{ skus: ['FIX-3'], reason: 'the seller has no barcode yet' }] });
    const p2 = await h.call('export_preview', { batchId });
    const s = await h.call('export_submit', { batchId, confirmationToken: p2.data.confirmationToken, recheckAfterSeconds: 0 });
    expect(s.data.result.counts).toMatchObject({ total: 3, accepted: 2, failed: 0, skipped: 1 });
    // The audit rows of the batch write carry the batch in their own field.
    const audit = await h.call('audit_recent', { batch: batchId });
    expect(audit.data.entries.length).toBeGreaterThan(0);
    for (const e of audit.data.entries) {
      expect(e.batch).toBe(batchId);
      expect(e.sku).toBeUndefined();
    }
  });

  it('export_discard removes a batch loaded twice; the other stays', async () => {
    h = await startHarness();
    const a = await h.call('export_load', { rows: [tee('DUP-1')], minAttributes: 3 });
    const b = await h.call('export_load', { rows: [tee('DUP-1')], minAttributes: 3 });
    const d = await h.call('export_discard', { batchId: a.data.batchId });
    expect(d.data).toMatchObject({ discarded: true, products: 1, atAmazon: 0 });
    expect((await h.call('export_status', { batchId: a.data.batchId })).data.error.code).toBe('NOT_FOUND');
    expect((await h.call('export_status', { batchId: b.data.batchId })).isError).toBe(false);
    // Loading the same file twice names the earlier batch.
    const f1 = await h.call('export_load', { path: 'examples/woocommerce-products.csv' });
    const f2 = await h.call('export_load', { path: 'examples/woocommerce-products.csv' });
    expect(f1.data.earlierBatches).toBeUndefined();
    expect(f2.data.earlierBatches).toEqual([expect.objectContaining({ batchId: f1.data.batchId, products: f1.data.counts.loaded })]);
    expect(f2.data.next).toMatch(/export_discard/);
  });

  it('asks the seller the group questions in one form, with the schema choices, and applies the answers', async () => {
    const forms: Array<{ message: string; requestedSchema: any }> = [];
    h = await startHarness({
      onElicit: (p) => {
        forms.push(p as never);
        const props = (p.requestedSchema as { properties: Record<string, { title: string; oneOf?: Array<{ const: string; title: string }> }> })
          .properties;
        const content: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(props)) {
          if (v.title.startsWith('Country of Origin')) content[k] = 'PT';
          if (v.title.startsWith('Department')) content[k] = v.oneOf!.find((o) => o.title === 'Unisex Adult')!.const;
          if (v.title.startsWith('Care Instructions')) content[k] = 'machine_wash';
        }
        return { action: 'accept', content };
      },
    });
    const rows = [tee('ASK-1'), tee('ASK-2')];
    const load = await h.call('export_load', { rows, minAttributes: 3 });
    const r = await h.call('export_map', { batchId: load.data.batchId, groups: [{ productType: 'SHIRT', columns, values }], askSeller: true });
    expect(r.isError, r.text).toBe(false);
    expect(forms).toHaveLength(1);
    const titles = Object.values(forms[0]!.requestedSchema.properties).map((p: any) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['Country of Origin (SHIRT)', 'Department (SHIRT)', 'Care Instructions (SHIRT)']));
    // Choices straight from the schema, "Unknown" included.
    const country = Object.values(forms[0]!.requestedSchema.properties).find((p: any) => p.title.startsWith('Country')) as any;
    expect(country.oneOf.map((o: { title: string }) => o.title)).toContain('Unknown');
    expect(r.data.asked).toEqual({ action: 'accept', answered: 3 });
    expect(r.data.counts.valid).toBe(2);
    // The answers joined the mapping memory: a later batch sees them as previous answers.
    const again = await h.call('export_load', { rows: [tee('ASK-3')], minAttributes: 3 });
    const q = await h.call('export_map', { batchId: again.data.batchId, groups: [{ productType: 'SHIRT', columns, values }] });
    expect(q.data.questions.find((x: { id: string }) => x.id === 'SHIRT/country_of_origin')?.previousAnswer).toBe('PT');
  });
});

describe('diffs shown for approval', () => {
  it('cut long values at a word and say how long they are and where to read them whole', () => {
    const text = renderValue([{ value: 'word '.repeat(100) }]);
    expect(text).toMatch(/… \[shortened here: \d+ characters in all; .*export_report/);
    expect(text).not.toMatch(/wor …/);
  });
});

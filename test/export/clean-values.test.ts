// Identifier checks, price parsing by marketplace convention, and HTML to text.
import { describe, expect, it } from 'vitest';
import { checkGtin, gs1CheckDigit } from '../../src/lib/gtin.js';
import { htmlToText, parseDecimal } from '../../src/workflows/export/clean-values.js';

describe('checkGtin', () => {
  it('accepts valid UPC-A, EAN-8, EAN-13, GTIN-14, ISBN-10 and ISBN-13 with their Amazon type', () => {
    expect(checkGtin('036000291452')).toMatchObject({ ok: true, kind: 'UPC-A', type: 'upc' });
    expect(checkGtin('96385074')).toMatchObject({ ok: true, kind: 'EAN-8', type: 'ean' });
    expect(checkGtin('4006381333931')).toMatchObject({ ok: true, kind: 'EAN-13', type: 'ean' });
    expect(checkGtin('10036000291459')).toMatchObject({ ok: true, kind: 'GTIN-14', type: 'gtin' });
    expect(checkGtin('0-306-40615-2')).toMatchObject({ ok: true, kind: 'ISBN-10', type: 'isbn', digits: '0306406152' });
    expect(checkGtin('978-0-306-40615-7')).toMatchObject({ ok: true, kind: 'ISBN-13', type: 'isbn' });
  });
  it('rejects wrong check digits and lengths, and never guesses digits a spreadsheet destroyed', () => {
    expect(checkGtin('4006381333932')).toMatchObject({ ok: false, kind: 'EAN-13' });
    expect(checkGtin('036000291453').ok).toBe(false);
    expect(checkGtin('36000291452')).toMatchObject({ ok: false });
    expect((checkGtin('36000291452') as { problem: string }).problem).toMatch(/leading zero/);
    expect(checkGtin('4.00638E+12')).toMatchObject({ ok: false, damaged: true });
    expect(checkGtin('ABC123').ok).toBe(false);
    expect(gs1CheckDigit('400638133393')).toBe(1);
  });
});

describe('parseDecimal', () => {
  it('reads prices by the marketplace convention and flags what is ambiguous', () => {
    expect(parseDecimal('$24.00', '.')).toMatchObject({ value: 24, note: expect.stringMatching(/currency/) });
    expect(parseDecimal('24,90', '.')).toMatchObject({ value: 24.9 });
    expect(parseDecimal('1.299,00 €', ',')).toEqual({ value: 1299, note: 'currency symbol removed' });
    expect(parseDecimal('1,299', '.')).toMatchObject({ value: 1299, ambiguous: expect.stringMatching(/1299 or 1.299/) });
    expect(parseDecimal('1,299', ',')).toMatchObject({ value: 1.299, ambiguous: expect.any(String) });
    expect(parseDecimal('abc', '.').problem).toBeDefined();
  });
});

describe('htmlToText', () => {
  it('keeps paragraphs as lines and list items as bullets, decodes entities, drops scripts', () => {
    expect(htmlToText('<p>Soft &amp; warm.</p><ul><li>Cotton</li><li>Wash at 30&deg;C</li></ul><script>x()</script>')).toBe(
      'Soft & warm.\n\n• Cotton\n• Wash at 30°C',
    );
    expect(htmlToText('<div>One<br>Two</div>')).toBe('One\nTwo');
  });
});

describe("Amazon's own files", () => {
  it('an inventory file (template rows) and a listings report are recognised with their SKU and name columns', async () => {
    const { tableFromGrid } = await import('../../src/workflows/export/table.js');
    const { recognize } = await import('../../src/workflows/export/formats.js');
    const grid = [
      ['TemplateType=fptcustom', 'Version=2024.0301', 'TemplateSignature=U0hJUlQ='],
      [
        'Product Type',
        'Seller SKU',
        'Brand Name',
        'Product Name',
        'Product ID',
        'Product ID Type',
        'Standard Price',
        'Quantity',
        'Parentage',
        'Parent SKU',
        'Color',
        'Size',
      ],
      [
        'feed_product_type',
        'item_sku',
        'brand_name',
        'item_name',
        'external_product_id',
        'external_product_id_type',
        'standard_price',
        'quantity',
        'parent_child',
        'parent_sku',
        'color_name',
        'size_name',
      ],
      ['shirt', 'AZ-TEE', 'Acme', 'Acme Tee', '', '', '', '', 'parent', '', '', ''],
      ['shirt', 'AZ-TEE-M', 'Acme', 'Acme Tee, M', '036000291452', 'UPC', '19,99', '5', 'child', 'AZ-TEE', 'Blue', 'M'],
    ].map((values, i) => ({ row: i + 1, values }));
    const table = tableFromGrid(grid);
    expect(table.columns[1]).toBe('item_sku');
    const r = recognize(table, { currency: 'USD', decimal: '.' });
    expect(r.format).toBe('amazon_inventory_file');
    expect(r.products.map((p) => [p.sku, p.family?.role])).toEqual([
      ['AZ-TEE', 'parent'],
      ['AZ-TEE-M', 'child'],
    ]);
    expect(r.proposedColumns.map((m) => m.attribute)).toEqual(
      expect.arrayContaining(['externally_assigned_product_identifier', 'purchasable_offer']),
    );

    const report = tableFromGrid(
      [
        ['item-name', 'seller-sku', 'price', 'quantity', 'asin1', 'product-id'],
        ['Acme Tee, M', 'AZ-TEE-M', '19.99', '5', 'B0TEST0001', 'B0TEST0001'],
      ].map((values, i) => ({ row: i + 1, values })),
    );
    const l = recognize(report, { currency: 'USD', decimal: '.' });
    expect(l.format).toBe('amazon_listings_report');
    expect(l.skuColumn).toBe('seller-sku');
    expect(l.products).toHaveLength(1);
  });
});

describe('answers for facts with a unit', () => {
  it('"350 ml" becomes a value with the unit of the schema', async () => {
    const { answerEntry } = await import('../../src/workflows/export/questions.js');
    const { productTypeSchema } = await import('../../src/emulator/seed/product-types/index.js');
    const schema = productTypeSchema('DRINKING_CUP') as Record<string, unknown>;
    expect(answerEntry(schema, 'capacity', '350 ml')).toEqual({ entry: { value: 350, unit: 'milliliters' } });
    expect(answerEntry(schema, 'capacity', '12 fl oz')).toEqual({ entry: { value: 12, unit: 'fluid_ounces' } });
    expect(answerEntry(schema, 'capacity', 'big').problem).toMatch(/several fields/);
    expect(answerEntry(schema, 'country_of_origin', 'Unknown')).toEqual({ entry: { value: 'unknown' } });
  });
});

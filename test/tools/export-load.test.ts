// export_load through a real MCP client: every source format, the awkward files sellers really have, the
// per-row and per-file errors, and mapping memory coming back as suggestions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { startHarness, type Harness } from '../helpers/harness.js';
import { SqliteExportStore } from '../../src/store/export-store.js';
import { openDatabase } from '../../src/store/db.js';
import { allowedRoots } from '../../src/workflows/export/source-file.js';
import { formatNumber } from '../../src/workflows/export/read-xlsx.js';

let h: Harness;
let store: SqliteExportStore;
let dir: string;
// Ten attribute columns every good test row fills, so minimum data passes.
const ATTRS = ['Brand', 'Color', 'Size', 'Material', 'Price', 'Quantity', 'EAN', 'Weight', 'Country', 'Description'];
const attrs = (i: number) => ['Acme', 'Blue', 'M', 'Cotton', '19.90', String(i), `00${4000000000 + i}`, '0.2 kg', 'Portugal', `Shirt number ${i}`];

beforeAll(async () => {
  h = await startHarness();
  store = new SqliteExportStore(openDatabase(h.dataDir));
  mkdirSync(resolve('.tmp'), { recursive: true });
  dir = mkdtempSync(resolve('.tmp', 'export-load-'));
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('allowed roots', () => {
  it('defaults to the working directory and reads SP_API_MCP_EXPORT_ROOTS', () => {
    expect(allowedRoots({})).toEqual([process.cwd()]);
    expect(allowedRoots({ SP_API_MCP_EXPORT_ROOTS: ['/a', '/b/c'].join(process.platform === 'win32' ? ';' : ':') })).toEqual(['/a', '/b/c']);
  });
});

describe('export_load: formats', () => {
  it('CSV with BOM, semicolons, quoted newlines and leading-zero EANs keeps every value as written', async () => {
    const csv =
      '\uFEFFSKU;Title;' +
      ATTRS.join(';') +
      '\r\n' +
      'A-001;"Shirt, blue";' +
      attrs(1).join(';') +
      '\r\n' +
      'A-002;"Two-line\r\ntitle";Acme;Red;L;Linen;"1.50";007;0012345678905;0.30 kg;Portugal;"Line one\nline two; with semicolon"\r\n';
    const r = await h.call('export_load', { path: file('bom.csv', csv) });
    expect(r.isError, r.text).toBe(false);
    expect(r.data).toMatchObject({ format: 'csv', skuColumn: 'SKU', nameColumn: 'Title', counts: { rows: 2, loaded: 2, rejected: 0 } });
    expect(r.data.warnings.join(' ')).toMatch(/semicolon/);
    expect(r.data.batchId).toMatch(/^b_/);
    const ean = r.data.columns.find((c: any) => c.name === 'EAN');
    expect(ean).toMatchObject({ filled: 2, samples: ['004000000001', '0012345678905'] });
    const products = await store.products(r.data.batchId);
    expect(products.map((p) => p.sku)).toEqual(['A-001', 'A-002']);
    expect(products[1]!).toMatchObject({ rowIndex: 3, name: 'Two-line\r\ntitle' });
    expect(products[1]!.source).toMatchObject({
      Price: '1.50',
      Quantity: '007',
      EAN: '0012345678905',
      Description: 'Line one\nline two; with semicolon',
    });
    expect((await store.getBatch(r.data.batchId))!.columns).toEqual(['SKU', 'Title', ...ATTRS]);
  });

  it('tab-separated values are detected too', async () => {
    const tsv = ['SKU', 'Product Name', ...ATTRS].join('\t') + '\n' + ['T-1', 'Tee', ...attrs(1)].join('\t') + '\n';
    const r = await h.call('export_load', { path: file('tabs.txt', tsv) });
    expect(r.data).toMatchObject({ nameColumn: 'Product Name', counts: { loaded: 1 } });
    expect(r.data.warnings.join(' ')).toMatch(/tab-separated/);
    const sep = 'sep=;\n' + ['SKU', 'Title', ...ATTRS].join(';') + '\n' + ['P-1', 'Pipe, comma', ...attrs(1)].join(';') + '\n';
    const s = await h.call('export_load', { path: file('sep.csv', sep) });
    expect(s.data.counts).toMatchObject({ loaded: 1 });
    expect((await store.products(s.data.batchId))[0]).toMatchObject({ rowIndex: 2, name: 'Pipe, comma' });
  });

  it('XLSX: first non-empty row is the header; numbers as displayed, dates ISO, formulas, rich text and links flattened', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['not products']);
    const ws = wb.addWorksheet('Products');
    ws.addRow([]);
    ws.addRow(['Seller SKU', 'item_name', 'EAN', 'Price', 'Launch', 'Qty', 'Link', 'Rich', 'Flag', 'Pct', 'Brand', 'Color', 'Material']);
    const row = ws.addRow([
      'X-1',
      'Merino Jumper',
      42834100105,
      24.9,
      new Date(Date.UTC(2024, 2, 1)),
      { formula: 'B3*0+12', result: 12 },
      { text: 'Spec sheet', hyperlink: 'https://example.com/spec' },
      { richText: [{ text: 'Soft ', font: { bold: true } }, { text: 'wool' }] },
      true,
      0.25,
      'Acme',
      'Grey',
      'Merino',
    ]);
    row.getCell(3).numFmt = '0000000000000';
    row.getCell(4).numFmt = '"$"#,##0.00';
    row.getCell(10).numFmt = '0%';
    const p = join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(p);

    const first = await h.call('export_load', { path: p });
    expect(first.isError).toBe(true);
    expect(first.data.error.message).toMatch(/No SKU column/);

    const r = await h.call('export_load', { path: p, sheet: 'products' });
    expect(r.isError, r.text).toBe(false);
    expect(r.data).toMatchObject({ format: 'xlsx', skuColumn: 'Seller SKU', nameColumn: 'item_name', counts: { loaded: 1 } });
    const [product] = await store.products(r.data.batchId);
    expect(product!.rowIndex).toBe(3);
    expect(product!.source).toEqual({
      'Seller SKU': 'X-1',
      item_name: 'Merino Jumper',
      EAN: '0042834100105',
      Price: '24.90',
      Launch: '2024-03-01',
      Qty: '12',
      Link: 'Spec sheet',
      Rich: 'Soft wool',
      Flag: 'TRUE',
      Pct: '25%',
      Brand: 'Acme',
      Color: 'Grey',
      Material: 'Merino',
    });

    const missing = await h.call('export_load', { path: p, sheet: 'Sheet9' });
    expect(missing.data.error.message).toMatch(/no sheet "Sheet9".*Notes, Products/);
  });

  it('number formats: grouping and currency dropped, decimals and zero padding kept', () => {
    expect(formatNumber(1234.5, '#,##0.00')).toBe('1234.50');
    expect(formatNumber(1234.5, '[$€-407] #,##0.00;[RED]-#,##0.00')).toBe('1234.50');
    expect(formatNumber(12, '00000')).toBe('00012');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(2.5, '0.0#')).toBe('2.5');
    expect(formatNumber(4006381333931, 'General')).toBe('4006381333931');
  });

  it('JSON: {products:[...]} with numbers and nested values as text; a non-object item is rejected', async () => {
    const products = [
      {
        sku: 'J-1',
        title: 'Mug',
        brand: 'Acme',
        size: 12,
        tags: ['a', 'b'],
        dims: { w: 1 },
        color: 'Red',
        material: 'Clay',
        price: 9.5,
        qty: 3,
        ean: '0012345678905',
        origin: 'PT',
      },
      'not an object',
    ];
    const r = await h.call('export_load', { path: file('p.json', JSON.stringify({ products })) });
    expect(r.data).toMatchObject({ format: 'json', counts: { rows: 2, loaded: 1, rejected: 1 } });
    expect(r.data.rejected[0]).toMatchObject({ row: 2, problems: [expect.stringMatching(/not an object/)] });
    expect((await store.products(r.data.batchId))[0]!.source).toMatchObject({
      size: '12',
      tags: '["a","b"]',
      dims: '{"w":1}',
      price: '9.5',
      ean: '0012345678905',
    });
  });

  it('inline rows with a custom minimum, explicit columns and a marketplace', async () => {
    const r = await h.call('export_load', {
      rows: [
        { Artikel: 'I-1', Bezeichnung: 'Kissen', Farbe: 'Rot', Preis: 12 },
        { Artikel: 'I-2', Bezeichnung: 'Decke', Farbe: null, Preis: 30 },
      ],
      skuColumn: 'artikel',
      nameColumn: 'Bezeichnung',
      minAttributes: 2,
      marketplace: 'DE',
    });
    expect(r.isError, r.text).toBe(false);
    expect(r.data).toMatchObject({
      format: 'inline',
      source: 'inline rows',
      marketplaceId: 'A1PA6795UKMFR9',
      skuColumn: 'Artikel',
      counts: { loaded: 1, rejected: 1 },
    });
    expect(r.data.rejected[0]).toMatchObject({
      row: 2,
      sku: 'I-2',
      problems: ['only 1 filled attribute column(s) besides SKU and name; at least 2 needed'],
    });
  });

  it('refuses both or neither of path and rows, and an unknown column argument', async () => {
    expect((await h.call('export_load', {})).data.error.code).toBe('INVALID_REQUEST');
    expect((await h.call('export_load', { path: 'x.csv', rows: [{ a: '1' }] })).data.error.message).toMatch(/exactly one/);
    const r = await h.call('export_load', { rows: [{ SKU: '1', Title: 't' }], nameColumn: 'Name' });
    expect(r.data.error.message).toMatch(/nameColumn "Name" is not a column.*SKU, Title/);
  });
});

describe('export_load: bad rows are rejected, good rows go through', () => {
  it('duplicate SKUs, missing names, too few attributes, bad SKUs, duplicate headers and blank rows', async () => {
    const header = ['SKU', 'Title', ...ATTRS, 'Color'].join(',');
    const line = (sku: string, title: string, n = 10) => [sku, title, ...attrs(1).slice(0, n), ...Array(10 - n).fill(''), 'Navy'].join(',');
    const csv = [
      header,
      line('G-1', 'Good one'), // row 2
      line('G-1', 'Same SKU again'), // row 3
      ',,,,,,,,,,,,', // blank, skipped
      line('G-2', ''), // row 5
      line('G-3', 'Too thin', 3), // row 6: 3 + Color (2) = 4 attributes
      line(' G-4', 'Spaced SKU'), // row 7
      line('G'.repeat(41), 'Long SKU'), // row 8
      line('', 'No SKU'), // row 9
      line('G-5', 'Good two'), // row 10
      line('G-1', 'Third time'), // row 11
    ].join('\n');
    const r = await h.call('export_load', { path: file('bad-rows.csv', csv) });
    expect(r.isError, r.text).toBe(false);
    expect(r.data.counts).toMatchObject({ rows: 9, loaded: 2, rejected: 7 });
    expect(r.data.warnings.join(' ')).toMatch(/"Color" → "Color \(2\)"/);
    expect(r.data.columns.map((c: any) => c.name)).toContain('Color (2)');
    const byRow = Object.fromEntries(r.data.rejected.map((x: any) => [x.row, x]));
    expect(byRow[3]).toMatchObject({ sku: 'G-1', problems: ['duplicate SKU, first seen on row 2'] });
    expect(byRow[11].problems).toEqual(['duplicate SKU, first seen on row 2']);
    expect(byRow[5].problems[0]).toMatch(/missing name/);
    expect(byRow[6].problems[0]).toMatch(/only 4 filled attribute column\(s\).*at least 10/);
    expect(byRow[7].problems[0]).toMatch(/leading or trailing spaces/);
    expect(byRow[8].problems[0]).toMatch(/41 characters; Amazon allows at most 40/);
    expect(byRow[9]).not.toHaveProperty('sku');
    expect(byRow[9].problems[0]).toMatch(/missing SKU/);
    expect((await store.products(r.data.batchId)).map((p) => p.sku)).toEqual(['G-1', 'G-5']);
    expect(await store.rejects(r.data.batchId)).toHaveLength(7);
    expect(await store.counts(r.data.batchId)).toMatchObject({ total: 2, rejected: 7 });
  });

  it('windows-1252 bytes are decoded with a warning instead of failing', async () => {
    const csv = ['SKU,Title,' + ATTRS.join(','), 'W-1,Café Größe Übertopf,' + attrs(1).join(','), 'W-1,Dup,' + attrs(2).join(',')].join('\r\n');
    const r = await h.call('export_load', { path: file('latin.csv', iconv.encode(csv, 'windows-1252')) });
    expect(r.isError, r.text).toBe(false);
    expect(r.data.warnings[0]).toMatch(/not valid UTF-8 \(first bad byte on line 2\).*Windows-1252/);
    expect(r.data.columns.find((c: any) => c.name === 'Title').samples[0]).toBe('Café Größe Übertopf');
    expect(r.data.counts).toMatchObject({ loaded: 1, rejected: 1 });
  });

  it('keeps the reply small for thousands of rejected rows', async () => {
    const lines = ['SKU,Title,Brand'];
    for (let i = 0; i < 5000; i++) lines.push(`S-${i},Name ${i},Acme`);
    const r = await h.call('export_load', { path: file('thin.csv', lines.join('\n')) });
    expect(r.data.counts).toMatchObject({ rows: 5000, loaded: 0, rejected: 5000 });
    expect(r.data.rejected).toHaveLength(50);
    expect(r.data.moreRejected).toBe(4950);
    expect(r.data.next).toMatch(/No product passed/);
    expect(r.text.length).toBeLessThan(20_000);
  });
});

describe('export_load: per-file errors', () => {
  it('a file over the size limit is refused before it is read', async () => {
    const p = file('huge.csv', 'SKU,Title\n');
    truncateSync(p, 51 * 1024 * 1024); // sparse: instant, no 51 MB written
    const r = await h.call('export_load', { path: p });
    expect(r.isError).toBe(true);
    expect(r.data.error).toMatchObject({ code: 'INVALID_REQUEST', bytes: 51 * 1024 * 1024, maxBytes: 50 * 1024 * 1024 });
    expect(r.data.error.message).toMatch(/huge\.csv is 51\.0 MB; the limit is 50\.0 MB.*Split the file/);
  });

  it('more than 25,000 product rows is refused with BATCH_TOO_LARGE', async () => {
    const lines = ['SKU,Title'];
    for (let i = 0; i < 25_001; i++) lines.push(`R${i},n`);
    const r = await h.call('export_load', { path: file('many.csv', lines.join('\n')) });
    expect(r.data.error.code).toBe('BATCH_TOO_LARGE');
    expect(r.data.error.message).toMatch(/25,001 product rows.*at most 25,000/);
  });

  it('paths outside the allowed roots, also through a symlink, are refused naming the roots', async () => {
    const etc = await h.call('export_load', { path: '/etc/passwd' });
    expect(etc.data.error.code).toBe('INVALID_REQUEST');
    expect(etc.data.error.message).toContain(`/etc/passwd is outside the allowed folders. export_load only reads files under: ${process.cwd()}`);
    expect(etc.data.error.allowedRoots).toEqual([process.cwd()]);

    const outsideDir = mkdtempSync(join(tmpdir(), 'export-load-outside-'));
    try {
      const secret = join(outsideDir, 'secret.csv');
      writeFileSync(secret, 'SKU,Title\n1,x\n');
      const link = join(dir, 'link.csv');
      symlinkSync(secret, link);
      const r = await h.call('export_load', { path: link });
      expect(r.data.error.code).toBe('INVALID_REQUEST');
      expect(r.data.error.message).toMatch(/link\.csv is a link to .*secret\.csv, which is outside the allowed folders/);
      const rel = await h.call('export_load', { path: '../../../../../../etc/hosts' });
      expect(rel.data.error.message).toMatch(/outside the allowed folders/);
    } finally {
      rmSync(outsideDir, { recursive: true, force: true });
    }
  });

  it('SP_API_MCP_EXPORT_ROOTS and SP_API_MCP_EXPORT_MAX_BYTES change the limits', async () => {
    const outsideDir = mkdtempSync(join(tmpdir(), 'export-load-root-'));
    const p = join(outsideDir, 'ok.csv');
    writeFileSync(p, ['SKU,Title,' + ATTRS.join(','), 'E-1,Env,' + attrs(1).join(',')].join('\n'));
    process.env.SP_API_MCP_EXPORT_ROOTS = outsideDir;
    try {
      expect((await h.call('export_load', { path: p })).data.counts).toMatchObject({ loaded: 1 });
      process.env.SP_API_MCP_EXPORT_MAX_BYTES = '10';
      expect((await h.call('export_load', { path: p })).data.error.message).toMatch(/the limit is 0\.0 MB/);
    } finally {
      delete process.env.SP_API_MCP_EXPORT_ROOTS;
      delete process.env.SP_API_MCP_EXPORT_MAX_BYTES;
      rmSync(outsideDir, { recursive: true, force: true });
    }
  });

  it('missing files, folders and unsupported formats get clear errors', async () => {
    expect((await h.call('export_load', { path: join(dir, 'nope.csv') })).data.error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/File not found/),
    });
    expect((await h.call('export_load', { path: dir })).data.error.message).toMatch(/is a folder/);
    expect((await h.call('export_load', { path: file('old.xls', 'x') })).data.error.message).toMatch(/\.xls files are not supported/);
    expect((await h.call('export_load', { path: file('bad.json', '{"products": [') })).data.error.message).toMatch(/not valid JSON/);
    expect((await h.call('export_load', { path: file('broken.xlsx', 'PK not a zip') })).data.error.message).toMatch(/not a readable \.xlsx/);
    expect((await h.call('export_load', { path: file('empty.csv', '\n\n') })).data.error.message).toMatch(/empty/);
  });
});

describe('export_load: sample data and mapping memory', () => {
  it('loads the shipped sample CSV and XLSX identically: 20 products, variation family, leading zeros', async () => {
    const csv = await h.call('export_load', { path: 'examples/products.csv' });
    const xlsx = await h.call('export_load', { path: 'examples/products.xlsx' });
    for (const r of [csv, xlsx]) {
      expect(r.isError, r.text).toBe(false);
      expect(r.data.counts).toMatchObject({ rows: 20, loaded: 20, rejected: 0 });
      expect(r.data.warnings).toEqual([]);
    }
    const a = await store.products(csv.data.batchId);
    const b = await store.products(xlsx.data.batchId);
    expect(b.map((p) => p.source)).toEqual(a.map((p) => p.source));
    expect(a.filter((p) => p.source['Parent SKU'] === 'AF-OXFORD-SKY')).toHaveLength(3);
    expect(a.find((p) => p.sku === 'AF-OXFORD-SKY-S')!.source).toMatchObject({ EAN: '0428341000105', Price: '49.00' });
    expect(a.find((p) => p.sku === 'HM-VASE-STONE-S')!.source.Price).toBe('0.00');
  });

  it('proposes remembered mappings for the seller on the next load', async () => {
    await store.remember(h.sellerId, {
      productType: 'SHIRT',
      sourceColumn: 'Country of Origin',
      attribute: 'country_of_origin',
      translations: { Portugal: 'PT', India: 'IN' },
    });
    await store.remember(h.sellerId, {
      productType: 'SHIRT',
      sourceColumn: 'Country of Origin',
      attribute: 'country_of_origin',
      translations: { Vietnam: 'VN' },
    });
    await store.remember('OTHER_SELLER', { productType: 'SHIRT', sourceColumn: 'Color', attribute: 'color', translations: {} });
    const r = await h.call('export_load', { path: 'examples/products.csv' });
    expect(r.data.suggestions).toEqual([
      {
        column: 'Country of Origin',
        productType: 'SHIRT',
        attribute: 'country_of_origin',
        accepted: 2,
        translations: { Portugal: 'PT', India: 'IN', Vietnam: 'VN' },
      },
    ]);
    expect(r.data.next).toMatch(/reuse the suggested/);
  });
});

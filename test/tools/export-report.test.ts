// export_report over MCP: both reports written as CSV and JSON, listed and readable as resources; the
// list_products prompt names the export tools in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { startHarness, type Harness } from '../helpers/harness.js';
import { openDatabase } from '../../src/store/db.js';
import { SqliteExportStore } from '../../src/store/export-store.js';
import { csvCell } from '../../src/workflows/export/csv-write.js';

const NAME = 'Tee, "Navy"\nlarge';
const at = '2025-01-01T00:00:00.000Z';

let h: Harness;
let batchId: string;

beforeAll(async () => {
  h = await startHarness();
  const store = new SqliteExportStore(openDatabase(h.dataDir));
  const src = (sku: string, title: string, extra: Record<string, string> = {}) => ({
    SKU: sku,
    Title: title,
    Colour: 'Navy Blue',
    Price: '19,99',
    Material: 'Stoneware',
    Unused: 'x',
    ...extra,
  });
  const batch = await store.createBatch({
    sellerId: h.sellerId,
    marketplaceId: h.marketplaceId,
    source: 'products.csv',
    columns: ['SKU', 'Title', 'Colour', 'Price', 'Material', 'Unused'],
    products: [
      { sku: 'TEE-1', rowIndex: 2, name: NAME, source: src('TEE-1', NAME) },
      { sku: 'TEE-2', rowIndex: 3, name: 'Tee two', source: src('TEE-2', 'Tee two') },
      { sku: 'MUG-1', rowIndex: 4, name: 'Mug', source: src('MUG-1', 'Mug') },
      { sku: 'MUG-2', rowIndex: 6, name: 'Mug two', source: src('MUG-2', 'Mug two') },
    ],
    rejects: [{ rowIndex: 5, sku: 'BAD-1', problems: ['No name', 'Only 2 filled columns; at least 10 needed'] }],
  });
  batchId = batch.id;
  const mp = { marketplace_id: h.marketplaceId };
  await store.updateProduct(batchId, 'TEE-1', {
    productType: 'SHIRT',
    attributes: {
      item_name: [{ value: NAME, language_tag: 'en_US', ...mp }],
      color: [{ value: 'navy', ...mp }],
      list_price: [{ currency: 'USD', value: 19.99, ...mp }],
      bullet_point: [
        { value: 'Soft cotton', ...mp },
        { value: 'Breathable', ...mp },
      ],
      model_name: [{ value: '=1+1', ...mp }],
    },
    origins: {
      item_name: { origin: 'mapped', column: 'Title' },
      color: { origin: 'mapped', column: 'Colour' },
      list_price: { origin: 'mapped', column: 'Price' },
      bullet_point: { origin: 'generated' },
      model_name: { origin: 'generated' },
    },
    state: 'accepted',
    submission: { path: 'api', submissionId: 'sub-1', requestId: 'req-1', status: 'ACCEPTED', at },
  });
  await store.updateProduct(batchId, 'TEE-2', {
    productType: 'SHIRT',
    attributes: {
      item_name: [{ value: 'Tee two', ...mp }],
      color: [{ value: 'navy', ...mp }],
      list_price: [{ currency: 'USD', value: 19.99, ...mp }],
    },
    origins: { item_name: { origin: 'mapped', column: 'Title' }, color: { origin: 'generated' }, list_price: { origin: 'mapped', column: 'Price' } },
    state: 'accepted',
    submission: { path: 'feed', feedId: 'F-1', messageId: 2, status: 'DONE', at },
  });
  await store.updateProduct(batchId, 'MUG-1', {
    productType: 'MUG',
    attributes: { item_name: [{ value: 'Mug', ...mp }], material: [{ value: 'Stoneware', ...mp }] },
    origins: { item_name: { origin: 'mapped', column: 'Title' }, material: { origin: 'mapped', column: 'Material' } },
    state: 'failed',
    issues: [{ code: '90220', message: "'brand' is required but not supplied.", severity: 'ERROR', attributeNames: ['brand'], source: 'amazon' }],
    submission: { path: 'api', submissionId: 'sub-3', requestId: 'req-3', status: 'INVALID', at },
    incrementAttempts: true,
  });
});

afterAll(async () => h?.close());

describe('export_report', () => {
  let r: Awaited<ReturnType<Harness['call']>>;
  const file = (report: string, format: string) => r.data.reports.find((x: any) => x.report === report && x.format === format);

  beforeAll(async () => {
    r = await h.call('export_report', { batchId });
  });

  it('writes four files under the data directory and replies small', () => {
    expect(r.isError, r.text).toBe(false);
    expect(r.data.reports).toHaveLength(4);
    for (const f of r.data.reports) {
      expect(f.path.startsWith(h.dataDir)).toBe(true);
      expect(existsSync(f.path)).toBe(true);
      expect(f.uri).toMatch(/^sp-api-mcp:\/\/export-reports\//);
    }
    expect(r.data.counts).toMatchObject({
      products: 4,
      rejected: 1,
      values: 10,
      mappedValues: 7,
      generatedValues: 3,
      byState: { accepted: 2, failed: 1, loaded: 1 },
    });
    expect(r.data.preview.submission.length).toBeLessThanOrEqual(5);
    expect(r.data.preview.submission.find((p: any) => p.sku === 'BAD-1')).toMatchObject({ row: 5, state: 'rejected' });
    expect(r.data.unusedColumns).toEqual(['SKU', 'Unused']);
    expect(r.text.length).toBeLessThan(5000);
  });

  it('Submission Report CSV: one row per product and rejected row, values, origins, results, issues', () => {
    const raw = readFileSync(file('submission', 'csv').path, 'utf8');
    expect(raw.startsWith('\uFEFF')).toBe(true);
    expect(raw).toContain('"Tee, ""Navy""\nlarge"');
    const rows = parse(raw, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => x.sku)).toEqual(['TEE-1', 'TEE-2', 'MUG-1', 'BAD-1', 'MUG-2']);
    const [tee1, tee2, mug1, bad, mug2] = rows as [
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
    ];
    expect(tee1).toMatchObject({
      name: NAME,
      product_type: 'SHIRT',
      state: 'accepted',
      submission_path: 'api',
      submission_status: 'ACCEPTED',
      submission_id: 'sub-1',
      request_id: 'req-1',
    });
    expect(tee1.item_name).toBe(NAME);
    expect(tee1['item_name (origin)']).toBe('mapped: Title');
    expect(tee1.list_price).toBe('19.99 USD');
    expect(tee1.bullet_point).toBe('Soft cotton | Breathable');
    expect(tee1['bullet_point (origin)']).toBe('generated');
    expect(tee1.model_name).toBe("'=1+1");
    expect(tee1.generated_attributes).toBe('bullet_point, model_name');
    expect(tee2).toMatchObject({ submission_path: 'feed', feed_id: 'F-1', submission_status: 'DONE', 'color (origin)': 'generated', model_name: '' });
    expect(mug1).toMatchObject({
      state: 'failed',
      attempts: '1',
      submission_status: 'INVALID',
      material: 'Stoneware',
      'material (origin)': 'mapped: Material',
    });
    expect(mug1.issues).toBe("ERROR 90220: 'brand' is required but not supplied. [brand]");
    expect(bad).toMatchObject({ row: '5', state: 'rejected', issues: 'No name\nOnly 2 filled columns; at least 10 needed' });
    expect(mug2).toMatchObject({ state: 'loaded', product_type: '', generated_attributes: '' });
  });

  it('Submission Report JSON keeps the full attributes and origins', () => {
    const json = JSON.parse(readFileSync(file('submission', 'json').path, 'utf8'));
    expect(json).toMatchObject({ report: 'submission', batchId, marketplaceId: h.marketplaceId });
    const tee1 = json.products.find((p: any) => p.sku === 'TEE-1');
    expect(tee1.attributes.list_price).toEqual([{ currency: 'USD', value: 19.99, marketplace_id: h.marketplaceId }]);
    expect(tee1.origins.item_name).toEqual({ origin: 'mapped', column: 'Title' });
    expect(tee1.generated).toEqual(['bullet_point', 'model_name']);
    expect(tee1.submission).toMatchObject({ path: 'api', submissionId: 'sub-1' });
    expect(json.products.find((p: any) => p.sku === 'MUG-1').issues[0]).toMatchObject({ code: '90220', attributeNames: ['brand'] });
    expect(json.rejected).toEqual([{ row: 5, sku: 'BAD-1', state: 'rejected', problems: ['No name', 'Only 2 filled columns; at least 10 needed'] }]);
  });

  it('Attribute Mapping Report counts mapped vs generated per product type, column and attribute', () => {
    const rows = parse(readFileSync(file('mapping', 'csv').path, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    const key = (x: Record<string, string>) =>
      `${x.product_type}|${x.source_column}|${x.amazon_attribute}|${x.products}|${x.mapped}|${x.generated}|${x.generated_only}|${x.accepted}|${x.failed}`;
    expect(rows.map(key)).toEqual([
      'MUG|Title|item_name|1|1|0|no|0|1',
      'MUG|Material|material|1|1|0|no|0|1',
      'SHIRT||bullet_point|1|0|1|yes|1|0',
      'SHIRT||color|1|0|1|no|1|0',
      'SHIRT|Colour|color|1|1|0|no|1|0',
      'SHIRT|Title|item_name|2|2|0|no|2|0',
      'SHIRT|Price|list_price|2|2|0|no|2|0',
      'SHIRT||model_name|1|0|1|yes|1|0',
    ]);
    expect(rows.find((x) => x.amazon_attribute === 'color' && x.source_column === 'Colour')!.examples).toBe('Navy Blue → navy');
    const json = JSON.parse(readFileSync(file('mapping', 'json').path, 'utf8'));
    expect(json.mappings).toHaveLength(8);
    expect(json.unusedColumns).toEqual(['SKU', 'Unused']);
  });

  it('lists the reports as MCP resources and serves them', async () => {
    const { resources } = await h.mcp.listResources();
    const uris = resources.map((x) => x.uri);
    for (const f of r.data.reports) expect(uris).toContain(f.uri);
    const listed = resources.find((x) => x.uri === file('submission', 'csv').uri)!;
    expect(listed.mimeType).toBe('text/csv');
    const read = await h.mcp.readResource({ uri: file('mapping', 'json').uri });
    const content = read.contents[0] as { mimeType?: string; text: string };
    expect(content.mimeType).toBe('application/json');
    expect(JSON.parse(content.text).report).toBe('attribute-mapping');
  });

  it('writes only the format asked for, and rewrites in place when called again', async () => {
    const again = await h.call('export_report', { batchId, format: 'csv' });
    expect(again.isError).toBe(false);
    expect(again.data.reports.map((x: any) => `${x.report}.${x.format}`)).toEqual(['submission.csv', 'mapping.csv']);
    expect(again.data.reports[0].path).toBe(file('submission', 'csv').path);
  });

  it('refuses an unknown batch with NOT_FOUND', async () => {
    const res = await h.call('export_report', { batchId: 'b_000000000000' });
    expect(res.isError).toBe(true);
    expect(res.data.error.code).toBe('NOT_FOUND');
    expect(res.data.error.message).toMatch(/export_load/);
  });
});

describe('CSV cells', () => {
  it('quotes per RFC 4180 and defuses formulas but not plain numbers', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)");
    expect(csvCell('+1-2')).toBe("'+1-2");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('-cmd|calc,x')).toBe(`"'-cmd|calc,x"`);
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('Crème brûlée')).toBe('Crème brûlée');
  });
});

describe('list_products prompt', () => {
  it('is listed with its arguments', async () => {
    const { prompts } = await h.mcp.listPrompts();
    const p = prompts.find((x) => x.name === 'list_products');
    expect(p).toBeTruthy();
    expect(p!.arguments?.map((a) => a.name).sort()).toEqual(['file', 'marketplace']);
  });

  it('walks through the export tools in order', async () => {
    const res = await h.mcp.getPrompt({ name: 'list_products', arguments: { file: 'products.xlsx', marketplace: 'DE' } });
    const text = res.messages.map((m) => (m.content as { text?: string }).text ?? '').join('\n');
    expect(text).toContain('products.xlsx');
    expect(text).toContain('"DE"');
    const order = [
      'export_load',
      'product_types_search',
      'product_type_requirements',
      'export_map',
      'export_preview',
      'export_submit',
      'export_status',
      'export_report',
    ];
    const positions = order.map((t) => text.indexOf(t));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toMatch(/never invent/i);
  });
});

// Reports as tools, through a real MCP client against the emulator: each known type parsed, charsets, gzip quirks,
// expired links, FATAL/CANCELLED, progress, cancellation, paging and reply size; account_health on top.
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedListings } from '../../src/emulator/seed/listings.js';
import { estimateTokens } from '../../src/workflows/report-tables.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';
const GERMAN = 'Herren T-Shirt „Café“ – Größe M, weiß, 5 € Rabatt, Öko';
const JAPANESE = 'メンズ クルーネック Tシャツ ネイビー 日本製';
const DAY = 86_400_000;

let h: Harness;
// The emulator's clock can be moved forward to expire presigned URLs deterministically.
let skew = 0;

beforeAll(async () => {
  h = await startHarness({
    emulator: { jobStepMs: 50, rateScale: 1000, clock: { now: () => Date.now() + skew } },
    // Many reports in one run: Amazon's createReport plan (1/min, burst 15) would make the test wait.
    client: { throttle: false },
  });
  const shirt = seedListings()[0]!;
  const local = (title: string, mp: string, currency: string, price: number) => ({
    ...shirt.attributes,
    item_name: [{ value: title, language_tag: mp === DE ? 'de_DE' : 'ja_JP', marketplace_id: mp }],
    purchasable_offer: [{ currency, marketplace_id: mp, our_price: [{ schedule: [{ value_with_tax: price }] }] }],
  });
  const put = (sku: string, title: string, mp: string, currency: string, price: number) =>
    h.emulator.context.listings.put(h.sellerId, sku, {
      productType: shirt.productType,
      attributes: local(title, mp, currency, price),
      marketplaceIds: [mp],
    });
  expect([put('DE-TEE-1', GERMAN, DE, 'EUR', 19.99).status, put('JP-TEE-1', JAPANESE, JP, 'JPY', 2980).status]).toEqual(['ACCEPTED', 'ACCEPTED']);
});
afterAll(async () => h?.close());

const col = (data: Record<string, any>, name: string) => data.page.columns.indexOf(name) as number;
const columnType = (data: Record<string, any>, table: string, name: string) =>
  data.tables.find((t: { name: string }) => t.name === table).columns.find((c: { name: string }) => c.name === name)?.type;

describe('reports_request parses each known report type', () => {
  it('GET_MERCHANT_LISTINGS_ALL_DATA: TSV with typed columns', async () => {
    const r = await h.call('reports_request', { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', limit: 100 });
    expect(r.isError, r.text).toBe(false);
    expect(r.data.status).toBe('DONE');
    expect(r.data.document).toMatchObject({ format: 'tsv', parser: 'GET_MERCHANT_LISTINGS_ALL_DATA', charset: 'utf-8' });
    expect(columnType(r.data, 'rows', 'price')).toBe('number');
    expect(columnType(r.data, 'rows', 'quantity')).toBe('number');
    expect(columnType(r.data, 'rows', 'item-is-marketplace')).toBe('boolean');
    expect(columnType(r.data, 'rows', 'item-condition')).toBe('string'); // a code, not a quantity
    expect(columnType(r.data, 'rows', 'open-date')).toBe('string');
    const tee = r.data.page.rows.find((row: unknown[]) => row[col(r.data, 'seller-sku')] === 'NW-TEE-NAVY-M');
    expect(tee[col(r.data, 'price')]).toBe(19.99);
    expect(tee[col(r.data, 'item-is-marketplace')]).toBe(true);
    expect(tee[col(r.data, 'item-name')]).toContain('Northwind');
    expect(r.data.page.rows.some((row: unknown[]) => row[col(r.data, 'seller-sku')] === 'DE-TEE-1')).toBe(false);
  });

  it('GET_FLAT_FILE_OPEN_LISTINGS_DATA: sku/asin text, price/quantity numbers', async () => {
    const r = await h.call('reports_request', { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA' });
    expect(r.data.document.parser).toBe('GET_FLAT_FILE_OPEN_LISTINGS_DATA');
    expect(r.data.page.columns).toEqual(['sku', 'asin', 'price', 'quantity']);
    expect(r.data.tables[0].columns.map((c: { type: string }) => c.type)).toEqual(['string', 'string', 'number', 'number']);
    expect(r.data.page.rows.find((row: unknown[]) => row[0] === 'NW-TEE-NAVY-M')[2]).toBe(19.99);
  });

  it('GET_SALES_AND_TRAFFIC_REPORT: byDate and byAsin tables with totals', async () => {
    const r = await h.call('reports_request', {
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      dataStartTime: new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10),
      dataEndTime: new Date().toISOString().slice(0, 10),
      reportOptions: { asinGranularity: 'SKU' },
    });
    expect(r.isError, r.text).toBe(false);
    expect(r.data.document).toMatchObject({ format: 'json', parser: 'GET_SALES_AND_TRAFFIC_REPORT', compressed: true });
    expect(r.data.tables.map((t: { name: string }) => t.name)).toEqual(['byDate', 'byAsin']);
    expect(r.data.summary.currency).toBe('USD');
    expect(r.data.summary.totals.unitsOrdered).toBeGreaterThan(0);
    expect(columnType(r.data, 'byDate', 'orderedProductSales')).toBe('number');
    expect(columnType(r.data, 'byAsin', 'sku')).toBe('string');
    expect(r.data.page.table).toBe('byDate');
    const sum = r.data.page.rows.reduce((s: number, row: number[]) => s + (row[col(r.data, 'unitsOrdered')] ?? 0), 0);
    expect(r.data.page.total).toBeGreaterThanOrEqual(30);
    if (r.data.page.nextOffset === undefined) expect(sum).toBe(r.data.summary.totals.unitsOrdered);

    const asins = await h.call('reports_get', { reportId: r.data.reportId, table: 'byAsin', columns: ['parentAsin', 'sku', 'unitsOrdered'] });
    expect(asins.data.page.columns).toEqual(['parentAsin', 'sku', 'unitsOrdered']);
    expect(asins.data.page.rows.length).toBeGreaterThan(0);
  });

  it('GET_V2_SELLER_PERFORMANCE_REPORT: metrics table and at-risk summary', async () => {
    const r = await h.call('reports_request', { reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT' });
    expect(r.data.document.parser).toBe('GET_V2_SELLER_PERFORMANCE_REPORT');
    expect(r.data.page.table).toBe('metrics');
    expect(r.data.summary.marketplaces[0].metricsAtRisk).toEqual(expect.arrayContaining(['lateShipmentRate', 'listingPolicyViolations']));
    expect(r.data.page.rows[0][col(r.data, 'atRisk')]).toBe(true);
  });

  it('any other type still comes back (generic parser); unknown columns are refused with the known ones', async () => {
    const r = await h.call('reports_get', {
      reportId: (await h.call('reports_request', { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', wait: false })).data.reportId,
      wait: true,
      columns: ['nope'],
    });
    expect(r.isError).toBe(true);
    expect(r.data.error.code).toBe('INVALID_REQUEST');
    expect(r.data.error.message).toMatch(/Known columns: sku, asin, price, quantity/);
  });
});

describe('charsets and compression', () => {
  it('decodes a Cp1252 DE report and a Shift_JIS JP report', async () => {
    const de = await h.call('reports_request', {
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      marketplaces: ['DE'],
      columns: ['seller-sku', 'item-name', 'price'],
    });
    expect(de.data.document.charset).toBe('windows-1252');
    expect(de.data.page.rows).toContainEqual(['DE-TEE-1', GERMAN, 19.99]);
    const jp = await h.call('reports_request', {
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      marketplaces: ['JP'],
      columns: ['seller-sku', 'item-name', 'price'],
    });
    expect(jp.data.document.charset).toBe('cp932');
    expect(jp.data.page.rows).toContainEqual(['JP-TEE-1', JAPANESE, 2980]);
    // The saved file is UTF-8.
    const res = await h.mcp.readResource({ uri: jp.data.document.resourceUri });
    expect((res.contents[0] as { text: string }).text).toContain(JAPANESE);
  });

  it('reads a document labelled GZIP that is not gzipped, and gzip that is not labelled', async () => {
    const notGz = await h.call('reports_request', {
      reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA',
      reportOptions: { emulatorQuirk: 'GZIP_LABEL_NOT_GZIPPED' },
    });
    expect(notGz.isError, notGz.text).toBe(false);
    expect(notGz.data.document.compressed).toBe(false);
    expect(notGz.data.page.columns).toEqual(['sku', 'asin', 'price', 'quantity']);
    const unlabelled = await h.call('reports_request', {
      reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT',
      reportOptions: { emulatorQuirk: 'GZIP_UNLABELLED' },
    });
    expect(unlabelled.data.document.compressed).toBe(true);
    expect(unlabelled.data.document.parser).toBe('GET_V2_SELLER_PERFORMANCE_REPORT');
  });

  it('re-fetches the document descriptor when the download URL has expired', async () => {
    // Deterministic expiry: between getReportDocument and the download, the emulator clock jumps past the 300 s lifetime.
    const original = h.spApi.downloadDocument.bind(h.spApi);
    let downloads = 0;
    h.spApi.downloadDocument = (async (...a: Parameters<typeof original>) => {
      if (++downloads === 1) skew += 400_000;
      return original(...a);
    }) as typeof original;
    const before = h.emulator.stats().byOperation.getReportDocument?.requests ?? 0;
    try {
      const r = await h.call('reports_request', { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA' });
      expect(r.isError, r.text).toBe(false);
      expect(r.data.page.rows.length).toBeGreaterThan(0);
    } finally {
      h.spApi.downloadDocument = original;
    }
    expect(downloads).toBe(2);
    expect((h.emulator.stats().byOperation.getReportDocument?.requests ?? 0) - before).toBe(2);
  });
});

describe('unfinished reports', () => {
  it('FATAL: reads and returns the error document', async () => {
    const r = await h.call('reports_request', {
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      reportOptions: { emulatorQuirk: 'FATAL_WITH_ERROR_DOCUMENT' },
    });
    expect(r.isError, r.text).toBe(false);
    expect(r.data.status).toBe('FATAL');
    expect(r.data.errorDetails).toMatch(/the emulator was asked to fail it/);
    expect(r.data.explanation).toMatch(/FATAL/);
    expect(r.data.page).toBeUndefined();
  });

  it('CANCELLED: explained (no data)', async () => {
    const r = await h.call('reports_request', { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', reportOptions: { emulatorQuirk: 'NO_DATA' } });
    expect(r.data.status).toBe('CANCELLED');
    expect(r.data.explanation).toMatch(/no data/);
  });

  it('validates the date range before asking Amazon', async () => {
    const before = h.emulator.stats().byOperation.createReport?.requests ?? 0;
    const r = await h.call('reports_request', { reportType: 'GET_SALES_AND_TRAFFIC_REPORT', dataStartTime: '2024-05-10', dataEndTime: '2024-05-01' });
    expect(r.data.error.code).toBe('INVALID_REQUEST');
    const o = await h.call('reports_request', { reportType: 'GET_SALES_AND_TRAFFIC_REPORT', reportOptions: { dateGranularity: 'HOUR' } });
    expect(o.data.error.message).toMatch(/dateGranularity must be one of DAY, WEEK, MONTH/);
    expect(h.emulator.stats().byOperation.createReport?.requests ?? 0).toBe(before);
  });

  it('wait:false returns the id at once; reports_get waits, and reports_list finds it', async () => {
    const started = await h.call('reports_request', { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', wait: false });
    expect(['IN_QUEUE', 'IN_PROGRESS']).toContain(started.data.status);
    expect(started.data.next).toMatch(/reports_get/);
    const got = await h.call('reports_get', { reportId: started.data.reportId, wait: true });
    expect(got.data.status).toBe('DONE');
    const list = await h.call('reports_list', { reportTypes: ['GET_FLAT_FILE_OPEN_LISTINGS_DATA'], pageSize: 50 });
    expect(list.data.reports.map((r: { reportId: string }) => r.reportId)).toContain(started.data.reportId);
  });
});

describe('waiting', () => {
  it('sends progress notifications while polling', async () => {
    const updates: Array<{ progress: number; message?: string }> = [];
    const res = await h.mcp.callTool(
      { name: 'reports_request', arguments: { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA' } },
      { onprogress: (p) => updates.push(p as { progress: number; message?: string }) },
    );
    expect(res.isError).not.toBe(true);
    expect(updates.some((u) => /Report \S+ is IN_(QUEUE|PROGRESS)/.test(u.message ?? ''))).toBe(true);
    for (let i = 1; i < updates.length; i++) expect(updates[i]!.progress).toBeGreaterThan(updates[i - 1]!.progress);
  });

  it('cancelling mid-poll stops polling', async () => {
    h.emulator.context.jobStepMs = 60_000;
    try {
      const controller = new AbortController();
      const updates: unknown[] = [];
      const pending = h.mcp.callTool(
        { name: 'reports_request', arguments: { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA' } },
        { signal: controller.signal, onprogress: (p) => updates.push(p) },
      );
      await new Promise((r) => setTimeout(r, 900));
      controller.abort();
      await expect(pending).rejects.toThrow();
      expect(updates.length).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 100));
      const polls = h.emulator.stats().byOperation.getReport?.requests ?? 0;
      await new Promise((r) => setTimeout(r, 1500));
      expect(h.emulator.stats().byOperation.getReport?.requests ?? 0).toBe(polls);
    } finally {
      h.emulator.context.jobStepMs = 50;
    }
  });
});

describe('a huge report', () => {
  it('keeps every reply under ~25k tokens and exposes the whole report as a resource', async () => {
    const r = await h.call('reports_request', { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', reportOptions: { emulatorRows: '20000' }, limit: 500 });
    expect(r.isError, r.text).toBe(false);
    expect(r.data.page.total).toBe(20000);
    expect(r.data.page.nextOffset).toBe(r.data.page.rows.length);
    expect(r.text.length).toBeLessThan(90_000);
    expect(estimateTokens(r.text)).toBeLessThan(25_000);

    const { resources } = await h.mcp.listResources();
    expect(resources.map((x) => x.uri)).toContain(r.data.document.resourceUri);
    const file = await h.mcp.readResource({ uri: r.data.document.resourceUri });
    expect((file.contents[0] as { text: string }).text.trimEnd().split('\n')).toHaveLength(20001);

    const tail = await h.call('reports_get', { reportId: r.data.reportId, offset: 19_990, limit: 500, columns: ['seller-sku', 'price'] });
    expect(tail.data.page.rows).toHaveLength(10);
    expect(tail.data.page.rows[9][0]).toBe('EMU-ROW-020000');
    expect(tail.data.page.nextOffset).toBeUndefined();
    const mid = await h.call('reports_get', { reportId: r.data.reportId, offset: 5000, limit: 500 });
    expect(estimateTokens(mid.text)).toBeLessThan(25_000);
  });
});

describe('paging from the parsed form', () => {
  // The saved text is parsed once; later pages come from the parsed form while the file is unchanged (same size
  // and mtime). Shown by rewriting the file behind the server's back: same size and mtime → old rows; else new rows.
  const MTIME = new Date('2030-01-01T00:00:00Z');
  const savedFile = (uri: string, ext: string) => join(h.dataDir, 'resources', 'reports', `${uri.split('/').pop()}.${ext}`);
  const skus = (r: { data: Record<string, any> }) => r.data.page.rows.map((row: unknown[]) => row[0]);

  it('does not re-read or re-parse the saved report for later pages, and notices when the file changes', async () => {
    const first = await h.call('reports_request', { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', columns: ['sku', 'price'] });
    expect(first.isError, first.text).toBe(false);
    const file = savedFile(first.data.document.resourceUri, 'tsv');
    const original = readFileSync(file, 'utf8');
    expect(original).toContain('NW-TEE-NAVY-M');
    const get = (offset = 0) => h.call('reports_get', { reportId: first.data.reportId, offset, columns: ['sku', 'price'] });
    const downloads = () => h.emulator.stats().byOperation.getReportDocument?.requests ?? 0;
    const before = downloads();

    utimesSync(file, MTIME, MTIME); // a known mtime; this page parses the file again since it differs
    expect(skus(await get())).toEqual(skus(first));

    writeFileSync(file, original.replace('NW-TEE-NAVY-M', 'ZZ-TEE-NAVY-M'));
    utimesSync(file, MTIME, MTIME);
    const cached = await get();
    expect(skus(cached)).toContain('NW-TEE-NAVY-M');
    expect(skus(cached)).not.toContain('ZZ-TEE-NAVY-M');
    expect((await get(1)).data.page.rows).toEqual(first.data.page.rows.slice(1));

    writeFileSync(file, original.replace('NW-TEE-NAVY-M', 'ZZ-TEE-NAVY-M-CHANGED'));
    const changed = await get();
    expect(skus(changed)).toContain('ZZ-TEE-NAVY-M-CHANGED');
    expect(skus(changed)).not.toContain('NW-TEE-NAVY-M');
    expect(changed.data.document.bytes).toBe(first.data.document.bytes); // from meta.json: the downloaded size
    expect(downloads()).toBe(before);

    // Gone from disk: downloaded again, as before the cache existed.
    rmSync(file);
    const again = await get();
    expect(skus(again)).toEqual(skus(first));
    expect(downloads()).toBe(before + 1);
  });

  it('account_health reads the parsed form too', async () => {
    const first = await h.call('account_health', {});
    expect(first.isError, first.text).toBe(false);
    const file = savedFile(first.data.resourceUri, 'json');
    const original = readFileSync(file, 'utf8');
    utimesSync(file, MTIME, MTIME);
    expect((await h.call('account_health', { reportId: first.data.reportId })).data.marketplaces).toEqual(first.data.marketplaces);
    writeFileSync(file, original.replaceAll('"POOR"', '"GOOD"'));
    utimesSync(file, MTIME, MTIME);
    expect((await h.call('account_health', { reportId: first.data.reportId })).data.marketplaces).toEqual(first.data.marketplaces);
  });
});

describe('account_health', () => {
  it('summarises the seller performance report with metrics at risk first', async () => {
    const r = await h.call('account_health', {});
    expect(r.isError, r.text).toBe(false);
    const us = r.data.marketplaces[0];
    expect(us.marketplaceId).toBe('ATVPDKIKX0DER');
    expect(us.accountStatus).toBe('NORMAL');
    expect(us.accountHealthRating).toEqual({ status: 'GOOD', score: 228 });
    expect(us.metricsAtRisk.map((m: { metric: string }) => m.metric)).toEqual(
      expect.arrayContaining(['lateShipmentRate', 'listingPolicyViolations']),
    );
    expect(us.metricsAtRisk.every((m: { status: string }) => m.status === 'POOR')).toBe(true);
    expect(us.otherMetrics.every((m: { status: string }) => ['GOOD', 'NONE'].includes(m.status))).toBe(true);
    expect(us.metricsAtRisk.find((m: { metric: string }) => m.metric === 'lateShipmentRate')).toMatchObject({
      status: 'POOR',
      targetCondition: 'LESS_THAN',
      targetValue: 0.04,
    });
    expect(us.metricsAtRisk.find((m: { metric: string }) => m.metric === 'lateShipmentRate').value).toBeGreaterThan(0.04);
    expect(us.otherMetrics.map((m: { metric: string }) => m.metric)).toContain('orderDefectRate.mfn');
    // The same report can be summarised again by id without a new request.
    const again = await h.call('account_health', { reportId: r.data.reportId });
    expect(again.data.marketplaces).toEqual(r.data.marketplaces);
  });
});

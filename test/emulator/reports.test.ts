import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedListings } from '../../src/emulator/seed/listings.js';
import { DE, FakeClock, FR, getDocument, JP, openSession, pollUntil, UK, US, type Session } from './sp-http.js';

const R = '/reports/2021-06-30';
const DAY = 86_400_000;
const MERCHANT_COLUMNS =
  'item-name\titem-description\tlisting-id\tseller-sku\tprice\tquantity\topen-date\timage-url\titem-is-marketplace\t' +
  'product-id-type\tzshop-shipping-fee\titem-note\titem-condition\tzshop-category1\tzshop-browse-path\t' +
  'zshop-storefront-feature\tasin1\tasin2\tasin3\twill-ship-internationally\texpedited-shipping\tzshop-boldface\t' +
  'product-id\tbid-for-featured-placement\tadd-delete\tpending-quantity\tfulfillment-channel\tmerchant-shipping-group\tstatus';

async function runReport(s: Session, spec: Record<string, unknown>): Promise<any> {
  const created = await s.call('POST', `${R}/reports`, { body: spec });
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  const r = await pollUntil(
    () => s.call('GET', `${R}/reports/${created.body.reportId}`),
    (r) => ['DONE', 'FATAL', 'CANCELLED'].includes(r.body.processingStatus),
  );
  return r.body;
}

/** Downloads a report document; returns the raw bytes after honouring compressionAlgorithm. */
async function download(s: Session, reportDocumentId: string): Promise<{ meta: any; bytes: Buffer; contentType: string }> {
  const meta = await s.call('GET', `${R}/documents/${reportDocumentId}`);
  expect(meta.status).toBe(200);
  const file = await getDocument(meta.body.url);
  expect(file.status).toBe(200);
  return { meta: meta.body, bytes: meta.body.compressionAlgorithm === 'GZIP' ? gunzipSync(file.bytes) : file.bytes, contentType: file.contentType };
}

describe('reports over HTTP', () => {
  let s: Session;
  const shirt = seedListings()[0]!;
  const GERMAN = 'Herren T-Shirt „Café“ – Größe M, weiß, 5 € Rabatt, Öko';
  const JAPANESE = 'メンズ クルーネック Tシャツ ネイビー 日本製';

  beforeAll(async () => {
    s = await openSession({ jobStepMs: 20 });
    // Localised listings so the EU/JP reports carry characters outside ASCII.
    const local = (title: string, mp: string, currency: string, price: number) => ({
      ...shirt.attributes,
      item_name: [{ value: title, language_tag: mp === DE ? 'de_DE' : 'ja_JP', marketplace_id: mp }],
      purchasable_offer: [{ currency, marketplace_id: mp, our_price: [{ schedule: [{ value_with_tax: price }] }] }],
    });
    const de = s.emu.context.listings.put(s.sellerId, 'DE-TEE-1', {
      productType: shirt.productType,
      attributes: local(GERMAN, DE, 'EUR', 19.99),
      marketplaceIds: [DE],
    });
    const jp = s.emu.context.listings.put(s.sellerId, 'JP-TEE-1', {
      productType: shirt.productType,
      attributes: local(JAPANESE, JP, 'JPY', 2980),
      marketplaceIds: [JP],
    });
    expect([de.status, jp.status]).toEqual(['ACCEPTED', 'ACCEPTED']);
  });
  afterAll(() => s.close());
  afterEach(() => {
    expect(s.modelIssues.splice(0)).toEqual([]);
  });

  it('GET_MERCHANT_LISTINGS_ALL_DATA for US is UTF-8 TSV with Amazon’s columns', async () => {
    const report = await runReport(s, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] });
    expect(report.processingStatus).toBe('DONE');
    expect(report).toMatchObject({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US] });
    const { meta, bytes, contentType } = await download(s, report.reportDocumentId);
    expect(meta.compressionAlgorithm).toBeUndefined();
    expect(contentType).toMatch(/charset=UTF-8/i);
    const lines = bytes.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(MERCHANT_COLUMNS);
    const rows = lines.slice(1).map((l) => l.split('\t'));
    expect(rows.every((r) => r.length === 29)).toBe(true);
    const tee = rows.find((r) => r[3] === 'NW-TEE-NAVY-M')!;
    expect(tee[0]).toContain('Northwind Apparel');
    expect(tee[4]).toBe('19.99');
    expect(tee[16]).toMatch(/^B0/);
    expect(tee[26]).toBe('DEFAULT');
    expect(rows.some((r) => r[3] === 'DE-TEE-1')).toBe(false);
  });

  it('encodes DE reports in Cp1252 and JP reports in Shift_JIS (Windows-31J), as Amazon does', async () => {
    const de = await runReport(s, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [DE] });
    const deDoc = await download(s, de.reportDocumentId);
    expect(deDoc.contentType).toMatch(/charset=Cp1252/);
    expect(deDoc.bytes.includes(iconv.encode(GERMAN, 'cp1252'))).toBe(true);
    expect(deDoc.bytes.includes(Buffer.from(GERMAN, 'utf8'))).toBe(false);
    const deText = iconv.decode(deDoc.bytes, 'cp1252');
    expect(deText.split('\n')[1]!.split('\t')[0]).toBe(GERMAN);
    expect(deText).toContain('DE-TEE-1\t19.99');

    const jp = await runReport(s, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [JP] });
    const jpDoc = await download(s, jp.reportDocumentId);
    expect(jpDoc.contentType).toMatch(/charset=Windows-31J/);
    expect(jpDoc.bytes.includes(iconv.encode(JAPANESE, 'Shift_JIS'))).toBe(true);
    expect(iconv.decode(jpDoc.bytes, 'cp932').split('\n')[1]!.split('\t')[0]).toBe(JAPANESE);

    const open = await runReport(s, { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', marketplaceIds: [UK] });
    expect((await download(s, open.reportDocumentId)).contentType).toMatch(/charset=Cp1252/);
  });

  it('GET_FLAT_FILE_OPEN_LISTINGS_DATA lists sku, asin, price, quantity', async () => {
    const report = await runReport(s, { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', marketplaceIds: [US] });
    const lines = (await download(s, report.reportDocumentId)).bytes.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('sku\tasin\tprice\tquantity');
    const grey = lines.find((l) => l.startsWith('NW-TEE-GREY-L\t'))!.split('\t');
    expect(grey[2]).toBe('19.99');
    expect(grey[3]).toBe('85');
  });

  it('GET_SALES_AND_TRAFFIC_REPORT is gzipped JSON built from the orders', async () => {
    const now = Date.now();
    const start = new Date(now - 30 * DAY).toISOString();
    const end = new Date(now - 1000).toISOString();
    const report = await runReport(s, {
      reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
      marketplaceIds: [US],
      dataStartTime: start,
      dataEndTime: end,
      reportOptions: { dateGranularity: 'DAY', asinGranularity: 'SKU' },
    });
    expect(report.processingStatus).toBe('DONE');
    const { meta, bytes } = await download(s, report.reportDocumentId);
    expect(meta.compressionAlgorithm).toBe('GZIP');
    const json = JSON.parse(bytes.toString('utf8'));
    expect(json.reportSpecification).toMatchObject({ reportType: 'GET_SALES_AND_TRAFFIC_REPORT', marketplaceIds: [US] });
    expect(json.reportSpecification.reportOptions).toEqual({ dateGranularity: 'DAY', asinGranularity: 'SKU' });
    expect(json.salesAndTrafficByDate.length).toBeGreaterThanOrEqual(30);

    const orders = s.emu.context.orders.filter(
      (o) =>
        o.marketplaceId === US &&
        o.orderStatus !== 'Canceled' &&
        Date.parse(o.purchaseDate) >= Date.parse(start) &&
        Date.parse(o.purchaseDate) <= Date.parse(end),
    );
    expect(orders.length).toBeGreaterThan(0);
    const units = orders.flatMap((o) => o.items).reduce((n, i) => n + i.quantity, 0);
    const cents = orders.flatMap((o) => o.items).reduce((n, i) => n + Math.round(Number(i.itemPrice.amount) * 100), 0);
    const byDate = json.salesAndTrafficByDate as any[];
    expect(byDate.reduce((n, d) => n + d.salesByDate.unitsOrdered, 0)).toBe(units);
    expect(Math.round(byDate.reduce((n, d) => n + d.salesByDate.orderedProductSales.amount * 100, 0))).toBe(cents);
    expect(byDate[0].salesByDate.orderedProductSales.currencyCode).toBe('USD');
    expect(byDate[0].trafficByDate.sessions).toBeGreaterThan(0);
    const byAsin = json.salesAndTrafficByAsin as any[];
    expect(byAsin.reduce((n, a) => n + a.salesByAsin.unitsOrdered, 0)).toBe(units);
    expect(byAsin[0]).toHaveProperty('sku');
    expect(byAsin[0]).toHaveProperty('parentAsin');
  });

  it('GET_V2_SELLER_PERFORMANCE_REPORT has account health with at least one metric at risk', async () => {
    const report = await runReport(s, { reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT', marketplaceIds: [US] });
    const json = JSON.parse((await download(s, report.reportDocumentId)).bytes.toString('utf8'));
    expect(json.accountStatuses).toEqual([{ marketplaceId: US, status: 'NORMAL' }]);
    const m = json.performanceMetrics[0];
    expect(m.marketplaceId).toBe(US);
    expect(m.accountHealthRating.ahrStatus).toBeTruthy();
    for (const k of ['orderDefectRate', 'lateShipmentRate', 'preFulfillmentCancellationRate', 'validTrackingRate', 'listingPolicyViolations']) {
      expect(m).toHaveProperty(k);
    }
    expect(m.lateShipmentRate.rate).toBeGreaterThan(m.lateShipmentRate.targetValue);
    expect(m.lateShipmentRate.status).toBe('POOR');
    expect(m.listingPolicyViolations).toMatchObject({ status: 'POOR', defectsCount: 1 });
  });

  it('applies the emulator quirks deterministically', async () => {
    const base = { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', marketplaceIds: [US] };
    const labelled = await runReport(s, { ...base, reportOptions: { emulatorQuirk: 'GZIP_LABEL_NOT_GZIPPED' } });
    const meta1 = await s.call('GET', `${R}/documents/${labelled.reportDocumentId}`);
    expect(meta1.body.compressionAlgorithm).toBe('GZIP');
    const raw1 = (await getDocument(meta1.body.url)).bytes;
    expect(raw1.toString('utf8').startsWith('sku\tasin')).toBe(true);

    const unlabelled = await runReport(s, { ...base, reportOptions: { emulatorQuirk: 'GZIP_UNLABELLED' } });
    const meta2 = await s.call('GET', `${R}/documents/${unlabelled.reportDocumentId}`);
    expect(meta2.body.compressionAlgorithm).toBeUndefined();
    const raw2 = (await getDocument(meta2.body.url)).bytes;
    expect([raw2[0], raw2[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(raw2).toString('utf8').startsWith('sku\tasin')).toBe(true);

    const fatal = await runReport(s, { ...base, reportOptions: { emulatorQuirk: 'FATAL_WITH_ERROR_DOCUMENT' } });
    expect(fatal.processingStatus).toBe('FATAL');
    const err = JSON.parse((await download(s, fatal.reportDocumentId)).bytes.toString('utf8'));
    expect(err.errorDetails).toMatch(/failed/);

    const none = await runReport(s, { ...base, reportOptions: { emulatorQuirk: 'NO_DATA' } });
    expect(none.processingStatus).toBe('CANCELLED');
    expect(none.reportDocumentId).toBeUndefined();

    const big = await runReport(s, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [US], reportOptions: { emulatorRows: '2500' } });
    const lines = (await download(s, big.reportDocumentId)).bytes.toString('utf8').trimEnd().split('\n');
    expect(lines.length).toBe(2501);
    expect(lines[2500]!.split('\t')).toHaveLength(29);

    const bad = await s.call('POST', `${R}/reports`, { body: { ...base, reportOptions: { emulatorQuirk: 'NOPE' } } });
    expect(bad.status).toBe(400);
  });

  it('rejects invalid createReport requests with 400', async () => {
    const future = new Date(Date.now() + DAY).toISOString();
    const bad = [
      {},
      { reportType: 'GET_NOT_A_REPORT', marketplaceIds: [US] },
      { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA' },
      { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', marketplaceIds: ['NOT_A_MARKETPLACE'] },
      { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', marketplaceIds: [FR] }, // the demo seller does not sell there
      {
        reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
        marketplaceIds: [US],
        dataStartTime: '2025-02-01T00:00:00Z',
        dataEndTime: '2025-01-01T00:00:00Z',
      },
      { reportType: 'GET_SALES_AND_TRAFFIC_REPORT', marketplaceIds: [US], dataStartTime: 'last week' },
      { reportType: 'GET_SALES_AND_TRAFFIC_REPORT', marketplaceIds: [US], dataEndTime: future },
      { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', marketplaceIds: [US], reportOptions: { emulatorRows: 'many' } },
      { reportType: 'GET_SALES_AND_TRAFFIC_REPORT', marketplaceIds: [US], reportOptions: { dateGranularity: 'HOUR' } },
    ];
    for (const body of bad) {
      const r = await s.call('POST', `${R}/reports`, { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors[0].message).toBeTruthy();
    }
    expect((await s.call('GET', `${R}/reports/1`)).status).toBe(404);
    expect((await s.call('GET', `${R}/documents/nope`)).status).toBe(404);
  });

  it('pages getReports and filters by status', async () => {
    for (let i = 0; i < 3; i++) await runReport(s, { reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT', marketplaceIds: [UK] });
    const first = await s.call('GET', `${R}/reports`, {
      query: { reportTypes: 'GET_V2_SELLER_PERFORMANCE_REPORT', marketplaceIds: UK, pageSize: '2' },
    });
    expect(first.status).toBe(200);
    expect(first.body.reports).toHaveLength(2);
    const second = await s.call('GET', `${R}/reports`, { query: { nextToken: first.body.nextToken } });
    expect(second.body.reports).toHaveLength(1);
    expect(second.body.nextToken).toBeUndefined();
    const ids = [...first.body.reports, ...second.body.reports].map((r: any) => r.reportId);
    expect(new Set(ids).size).toBe(3);
    expect((await s.call('GET', `${R}/reports`)).status).toBe(400);
    expect((await s.call('GET', `${R}/reports`, { query: { nextToken: first.body.nextToken, reportTypes: 'X' } })).status).toBe(400);
    const cancelled = await s.call('GET', `${R}/reports`, {
      query: { reportTypes: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', processingStatuses: 'CANCELLED' },
    });
    expect(cancelled.body.reports.length).toBe(1);
  });
});

describe('reports on a controlled clock', () => {
  it('cancels only IN_QUEUE reports and mints a fresh 5-minute URL on every getReportDocument', async () => {
    const clock = new FakeClock(Date.parse('2025-06-15T12:00:00Z'));
    const s = await openSession({ clock, jobStepMs: 10_000 });
    try {
      const spec = { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', marketplaceIds: [US] };
      const a = (await s.call('POST', `${R}/reports`, { body: spec })).body.reportId;
      const b = (await s.call('POST', `${R}/reports`, { body: spec })).body.reportId;
      const get = async (id: string) => (await s.call('GET', `${R}/reports/${id}`)).body;
      expect((await get(a)).processingStatus).toBe('IN_QUEUE');
      expect((await s.call('DELETE', `${R}/reports/${b}`)).status).toBe(200);
      expect((await get(b)).processingStatus).toBe('CANCELLED');
      clock.advance(10_000);
      expect((await get(a)).processingStatus).toBe('IN_PROGRESS');
      expect((await s.call('DELETE', `${R}/reports/${a}`)).status).toBe(400);
      clock.advance(10_000);
      const done = await get(a);
      expect(done.processingStatus).toBe('DONE');

      const url1 = (await s.call('GET', `${R}/documents/${done.reportDocumentId}`)).body.url;
      expect((await getDocument(url1)).status).toBe(200);
      clock.advance(301_000);
      expect((await getDocument(url1)).status).toBe(403);
      const url2 = (await s.call('GET', `${R}/documents/${done.reportDocumentId}`)).body.url;
      expect(url2).not.toBe(url1);
      expect((await getDocument(url2)).status).toBe(200);
      expect(s.modelIssues).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

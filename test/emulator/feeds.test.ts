import { gunzipSync, gzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedListings } from '../../src/emulator/seed/listings.js';
import { FakeClock, getDocument, loadModelFile, openSession, pollUntil, putDocument, US, type Session } from './sp-http.js';

const F = '/feeds/2021-06-30';
const JSON_TYPE = 'application/json; charset=UTF-8';
const reportSchema = loadModelFile('schemas/feeds/listings-feed-processing-report-schema-v2.json');
const validateReport = reportSchema ? new Ajv({ strict: false, allErrors: true }).compile(reportSchema as object) : undefined;

function expectOfficialShape(report: unknown): void {
  if (!validateReport) return;
  const ok = validateReport(report);
  expect(validateReport.errors ?? [], JSON.stringify(validateReport.errors)).toEqual([]);
  expect(ok).toBe(true);
}

async function submitFeed(s: Session, content: Buffer | string, opts: { feedType?: string; contentType?: string } = {}): Promise<string> {
  const contentType = opts.contentType ?? JSON_TYPE;
  const doc = await s.call('POST', `${F}/documents`, { body: { contentType } });
  expect(doc.status).toBe(201);
  expect(await putDocument(doc.body.url, contentType, content)).toBe(200);
  const feed = await s.call('POST', `${F}/feeds`, {
    body: { feedType: opts.feedType ?? 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: doc.body.feedDocumentId },
  });
  expect(feed.status).toBe(202);
  return feed.body.feedId as string;
}

async function finished(s: Session, feedId: string): Promise<any> {
  const r = await pollUntil(
    () => s.call('GET', `${F}/feeds/${feedId}`),
    (r) => ['DONE', 'FATAL', 'CANCELLED'].includes(r.body.processingStatus),
  );
  return r.body;
}

async function resultReport(s: Session, feed: any): Promise<any> {
  const doc = await s.call('GET', `${F}/documents/${feed.resultFeedDocumentId}`);
  expect(doc.status).toBe(200);
  expect(doc.body.compressionAlgorithm).toBe('GZIP');
  const file = await getDocument(doc.body.url);
  expect(file.status).toBe(200);
  return JSON.parse(gunzipSync(file.bytes).toString('utf8'));
}

describe('feeds over HTTP', () => {
  let s: Session;
  const shirt = seedListings()[0]!;

  beforeAll(async () => {
    s = await openSession({ jobStepMs: 25 });
  });
  afterAll(() => s.close());
  afterEach(() => {
    expect(s.modelIssues.splice(0)).toEqual([]);
  });

  it('runs a JSON_LISTINGS_FEED end to end and reports in the official processing-report shape', async () => {
    const feedDoc = {
      header: { sellerId: s.sellerId, version: '2.0', report: { includedData: ['summaries', 'issues'], apiVersion: '2021-08-01' } },
      messages: [
        { messageId: 1, sku: 'FEED-NEW-1', operationType: 'UPDATE', productType: shirt.productType, attributes: shirt.attributes },
        {
          messageId: 2,
          sku: 'NW-TEE-GREY-L',
          operationType: 'PATCH',
          productType: 'SHIRT',
          patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7 }] }],
        },
        {
          messageId: 3,
          sku: 'NW-TEE-NAVY-M',
          operationType: 'PARTIAL_UPDATE',
          productType: 'SHIRT',
          attributes: { fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }] },
        },
        { messageId: 4, sku: 'SS-BOARD-SET3', operationType: 'DELETE' },
        {
          messageId: 5,
          sku: 'NO-SUCH-SKU',
          operationType: 'PATCH',
          productType: 'SHIRT',
          patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 1 }] }],
        },
      ],
    };
    const feedId = await submitFeed(s, JSON.stringify(feedDoc));
    const first = await s.call('GET', `${F}/feeds/${feedId}`);
    expect(first.status).toBe(200);
    expect(['IN_QUEUE', 'IN_PROGRESS', 'DONE']).toContain(first.body.processingStatus);
    expect(first.body).toMatchObject({ feedId, feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US] });

    const feed = await finished(s, feedId);
    expect(feed.processingStatus).toBe('DONE');
    expect(feed.processingStartTime).toBeDefined();
    expect(feed.processingEndTime).toBeDefined();
    const report = await resultReport(s, feed);
    expectOfficialShape(report);
    expect(report.header).toMatchObject({ sellerId: s.sellerId, version: '2.0', feedId });
    expect(report.summary).toMatchObject({ messagesProcessed: 5, messagesAccepted: 4, messagesInvalid: 1 });
    expect(report.issues.some((i: any) => i.messageId === 5 && i.severity === 'ERROR')).toBe(true);
    expect(report.items.map((i: any) => i.sku).sort()).toEqual(['FEED-NEW-1', 'NW-TEE-GREY-L', 'NW-TEE-NAVY-M']);
    expect(report.items[0].summaries[0].marketplaceId).toBe(US);
    expect(report.summary.itemSummary.items).toBe(3);

    const q = { marketplaceIds: US, includedData: 'summaries,attributes' };
    const created = await s.call('GET', `/listings/2021-08-01/items/${s.sellerId}/FEED-NEW-1`, { query: q });
    expect(created.status).toBe(200);
    expect(created.body.sku).toBe('FEED-NEW-1');
    const patched = await s.call('GET', `/listings/2021-08-01/items/${s.sellerId}/NW-TEE-GREY-L`, { query: q });
    expect(patched.body.attributes.fulfillment_availability[0].quantity).toBe(7);
    const partial = await s.call('GET', `/listings/2021-08-01/items/${s.sellerId}/NW-TEE-NAVY-M`, { query: q });
    expect(partial.body.attributes.fulfillment_availability[0].quantity).toBe(3);
    expect(partial.body.attributes.item_name).toBeDefined(); // PARTIAL_UPDATE keeps the other attributes
    const deleted = await s.call('GET', `/listings/2021-08-01/items/${s.sellerId}/SS-BOARD-SET3`, { query: q });
    expect(deleted.status).toBe(404);
  });

  it('accepts gzip-compressed uploads', async () => {
    const doc = {
      header: { sellerId: s.sellerId, version: '2.0' },
      messages: [{ messageId: 1, sku: 'FEED-GZ-1', operationType: 'UPDATE', productType: shirt.productType, attributes: shirt.attributes }],
    };
    const feed = await finished(s, await submitFeed(s, gzipSync(JSON.stringify(doc))));
    expect(feed.processingStatus).toBe('DONE');
    const report = await resultReport(s, feed);
    expectOfficialShape(report);
    expect(report.summary).toMatchObject({ messagesProcessed: 1, messagesAccepted: 1, messagesInvalid: 0 });
    expect(report.items).toBeUndefined();
  });

  const msg = { messageId: 1, sku: 'X-1', operationType: 'DELETE' };
  it.each([
    ['unparseable JSON', '{"header": {', /not valid JSON/],
    ['another seller in the header', JSON.stringify({ header: { sellerId: 'A2OTHERSELLER', version: '2.0' }, messages: [msg] }), /sellerId/],
    ['version 1.0', JSON.stringify({ header: { sellerId: 'SELF', version: '1.0' }, messages: [msg] }), /version/],
    ['no messages', JSON.stringify({ header: { sellerId: 'SELF', version: '2.0' }, messages: [] }), /messages/],
    [
      'a duplicate messageId',
      JSON.stringify({ header: { sellerId: 'SELF', version: '2.0' }, messages: [msg, { ...msg, sku: 'X-2' }] }),
      /not unique/,
    ],
    [
      'attributes on a DELETE',
      JSON.stringify({ header: { sellerId: 'SELF', version: '2.0' }, messages: [{ ...msg, attributes: { a: [{ value: 1 }] } }] }),
      /not allowed with DELETE/,
    ],
    [
      'an UPDATE without productType',
      JSON.stringify({
        header: { sellerId: 'SELF', version: '2.0' },
        messages: [{ messageId: 1, sku: 'X', operationType: 'UPDATE', attributes: { a: [{}] } }],
      }),
      /requires "productType"/,
    ],
  ])('fails the feed as FATAL for %s, with a report explaining why', async (_name, content, why) => {
    const feed = await finished(s, await submitFeed(s, content.replace('"SELF"', JSON.stringify(s.sellerId))));
    expect(feed.processingStatus).toBe('FATAL');
    const report = await resultReport(s, feed);
    expectOfficialShape(report);
    expect(report.summary.messagesAccepted).toBe(0);
    expect(report.issues[0].severity).toBe('ERROR');
    expect(report.issues.map((i: any) => i.message).join('\n')).toMatch(why);
  });

  it('gives other feed types a plain processing summary', async () => {
    const tsv = 'sku\tquantity\nA\t1\nB\t2\n';
    const feed = await finished(
      s,
      await submitFeed(s, tsv, { feedType: 'POST_FLAT_FILE_INVLOADER_DATA', contentType: 'text/tab-separated-values; charset=UTF-8' }),
    );
    expect(feed.processingStatus).toBe('DONE');
    const doc = await s.call('GET', `${F}/documents/${feed.resultFeedDocumentId}`);
    const text = gunzipSync((await getDocument(doc.body.url)).bytes).toString('utf8');
    expect(text).toContain('Number of records processed\t\t2');
  });

  it('rejects bad createFeed and createFeedDocument requests with 400', async () => {
    const docReply = await s.call('POST', `${F}/documents`, { body: { contentType: JSON_TYPE } });
    const id = docReply.body.feedDocumentId;
    const base = { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: id };
    const bad = [
      {},
      { ...base, inputFeedDocumentId: undefined },
      { ...base, marketplaceIds: [] },
      { ...base, marketplaceIds: ['XX'] },
      { ...base, marketplaceIds: Array(26).fill(US) },
      { ...base, feedType: 'NOT_A_FEED' },
      { ...base, inputFeedDocumentId: 'amzn1.tortuga.4.na.unknown' },
      base, // nothing uploaded yet
    ];
    for (const body of bad) {
      const r = await s.call('POST', `${F}/feeds`, { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors[0].code).toBeTruthy();
    }
    expect((await s.call('POST', `${F}/documents`, { body: {} })).status).toBe(400);
    // The upload must carry the declared content type (S3 presigned PUT).
    expect(await putDocument(docReply.body.url, 'text/plain', '{}')).toBe(403);
    expect((await s.call('GET', `${F}/feeds/999`)).status).toBe(404);
    expect((await s.call('GET', `${F}/documents/${id}`)).status).toBe(404);
  });

  it('pages getFeeds with nextToken and enforces its parameter rules', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await submitFeed(s, `sku\n${i}\n`, { feedType: 'POST_ORDER_FULFILLMENT_DATA', contentType: 'text/plain' }));
    const seen: string[] = [];
    let r = await s.call('GET', `${F}/feeds`, { query: { feedTypes: 'POST_ORDER_FULFILLMENT_DATA', pageSize: '2' } });
    expect(r.status).toBe(200);
    for (;;) {
      expect(r.body.feeds.length).toBeLessThanOrEqual(2);
      seen.push(...r.body.feeds.map((f: any) => f.feedId));
      if (!r.body.nextToken) break;
      r = await s.call('GET', `${F}/feeds`, { query: { nextToken: r.body.nextToken } });
      expect(r.status).toBe(200);
    }
    expect(seen.sort()).toEqual([...ids].sort());

    const first = await s.call('GET', `${F}/feeds`, { query: { feedTypes: 'POST_ORDER_FULFILLMENT_DATA', pageSize: '2' } });
    const mixed = await s.call('GET', `${F}/feeds`, { query: { nextToken: first.body.nextToken, pageSize: '2' } });
    expect(mixed.status).toBe(400);
    expect((await s.call('GET', `${F}/feeds`)).status).toBe(400);
    expect((await s.call('GET', `${F}/feeds`, { query: { feedTypes: 'A', pageSize: '101' } })).status).toBe(400);
    expect((await s.call('GET', `${F}/feeds`, { query: { feedTypes: Array(11).fill('A') } })).status).toBe(400);
    expect((await s.call('GET', `${F}/feeds`, { query: { feedTypes: 'A', processingStatuses: 'FINISHED' } })).status).toBe(400);
    expect((await s.call('GET', `${F}/feeds`, { query: { feedTypes: 'A', createdSince: 'yesterday' } })).status).toBe(400);
    const done = await s.call('GET', `${F}/feeds`, {
      query: { feedTypes: ['POST_ORDER_FULFILLMENT_DATA', 'JSON_LISTINGS_FEED'], processingStatuses: 'FATAL', pageSize: '100' },
    });
    expect(done.body.feeds.length).toBeGreaterThan(0);
    expect(done.body.feeds.every((f: any) => f.processingStatus === 'FATAL' && f.feedType === 'JSON_LISTINGS_FEED')).toBe(true);
  });
});

describe('feed lifecycle on a controlled clock', () => {
  it('moves IN_QUEUE → IN_PROGRESS → DONE by time, cancels only IN_QUEUE feeds, and applies a feed once', async () => {
    const clock = new FakeClock(Date.parse('2025-06-15T12:00:00Z'));
    const s = await openSession({ clock, jobStepMs: 60_000 });
    try {
      const shirt = seedListings()[0]!;
      const make = (sku: string) =>
        JSON.stringify({
          header: { sellerId: s.sellerId, version: '2.0' },
          messages: [{ messageId: 1, sku, operationType: 'UPDATE', productType: shirt.productType, attributes: shirt.attributes }],
        });
      const a = await submitFeed(s, make('CLOCK-A'));
      const b = await submitFeed(s, make('CLOCK-B'));
      const status = async (id: string) => (await s.call('GET', `${F}/feeds/${id}`)).body.processingStatus;
      expect(await status(a)).toBe('IN_QUEUE');

      const cancel = await s.call('DELETE', `${F}/feeds/${b}`);
      expect(cancel.status).toBe(200);
      expect(await status(b)).toBe('CANCELLED');

      clock.advance(60_000);
      expect(await status(a)).toBe('IN_PROGRESS');
      const late = await s.call('DELETE', `${F}/feeds/${a}`);
      expect(late.status).toBe(400);
      expect(late.body.errors[0].message).toMatch(/IN_QUEUE/);
      const getItem = (sku: string) => s.call('GET', `/listings/2021-08-01/items/${s.sellerId}/${sku}`, { query: { marketplaceIds: US } });
      expect((await getItem('CLOCK-A')).status).toBe(404);

      clock.advance(60_000);
      const done = (await s.call('GET', `${F}/feeds/${a}`)).body;
      expect(done.processingStatus).toBe('DONE');
      expect(Date.parse(done.processingEndTime) - Date.parse(done.createdTime)).toBe(120_000);
      expect((await getItem('CLOCK-A')).status).toBe(200);
      expect((await getItem('CLOCK-B')).status).toBe(404);

      // Reading again must not re-apply the feed: a later change survives.
      s.emu.context.listings.delete(s.sellerId, 'CLOCK-A', [US]);
      await s.call('GET', `${F}/feeds/${a}`);
      await s.call('GET', `${F}/feeds`, { query: { feedTypes: 'JSON_LISTINGS_FEED' } });
      expect((await getItem('CLOCK-A')).status).toBe(404);
      expect(await status(b)).toBe('CANCELLED');
      expect((await s.call('DELETE', `${F}/feeds/${b}`)).status).toBe(400);
      expect(s.modelIssues).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

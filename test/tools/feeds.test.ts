// JSON_LISTINGS_FEED through the confirm flow, the envelope check before upload (compared with Amazon's own schema),
// and feeds_status / feeds_list over a real MCP client against the emulator.
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEnvelope } from '../../src/workflows/listings-feed.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { haveModel, modelPath } from '../helpers/models.js';

const SCHEMAS = modelPath('schemas/feeds');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ emulator: { jobStepMs: 50 } });
});
afterAll(async () => h?.close());

const quantity = (sku: string, q: number) => ({
  sku,
  operationType: 'PATCH',
  productType: 'SHIRT',
  patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: q }] }],
});
const stored = (sku: string) => h.emulator.context.listings.get(h.sellerId, sku);

async function untilProcessed(feedId: string): Promise<Record<string, any>> {
  for (let i = 0; i < 50; i++) {
    const r = await h.call('feeds_status', { feedId });
    expect(r.isError, r.text).toBe(false);
    if (['DONE', 'FATAL', 'CANCELLED'].includes(r.data.status)) return r.data;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('feed did not finish');
}

describe('feeds_submit_listings', () => {
  it('refuses an invalid envelope before anything is uploaded', async () => {
    const r = await h.call('feeds_submit_listings', {
      messages: [
        { messageId: 1, sku: 'A', operationType: 'UPDATE', productType: 'SHIRT' },
        {
          messageId: 1,
          sku: 'B',
          operationType: 'PATCH',
          productType: 'SHIRT',
          requirements: 'LISTING',
          patches: [{ op: 'replace', path: '/attributes/x', value: [{}] }],
        },
        { messageId: 3, sku: 'C', operationType: 'DELETE', attributes: { item_name: [] } },
        { messageId: 4, sku: '', operationType: 'UPSERT' },
      ],
    });
    expect(r.isError).toBe(true);
    expect(r.data.error.code).toBe('INVALID_REQUEST');
    const msg = r.data.error.message as string;
    expect(msg).toMatch(/nothing was uploaded/);
    expect(msg).toMatch(/messages\[0\] \(messageId 1, sku "A"\)\.attributes: UPDATE requires "attributes"/);
    expect(msg).toMatch(/"requirements" is not allowed with PATCH/);
    expect(msg).toMatch(/messageId 1 is used twice/);
    expect(msg).toMatch(/"attributes" is not allowed with DELETE/);
    expect(msg).toMatch(/messages\[3\].*operationType/);
    expect(h.emulator.stats().byOperation.createFeedDocument?.requests ?? 0).toBe(0);
    expect(h.emulator.stats().byOperation.createFeed?.requests ?? 0).toBe(0);
  });

  it('previews counts per operation and diffs page by page, then submits after confirmation; feeds_status summarises per SKU', async () => {
    const messages = [quantity('NW-TEE-NAVY-M', 77), quantity('NO-SUCH-SKU', 1), { sku: 'NW-TEE-GREY-L', operationType: 'DELETE' }];
    const page1 = await h.call('feeds_submit_listings', { messages, diffLimit: 2 });
    expect(page1.isError, page1.text).toBe(false);
    expect(page1.data.phase).toBe('preview');
    expect(page1.data.confirm.summary).toMatch(/JSON_LISTINGS_FEED of 3 message\(s\) for 3 SKU\(s\).*PATCH 2, DELETE 1/);
    const dp = page1.data.confirm.diff_preview;
    expect(dp.operations).toEqual({ PATCH: 2, DELETE: 1 });
    expect(dp.diffs).toHaveLength(2);
    expect(dp.nextDiffOffset).toBe(2);
    expect(dp.diffs[0]).toMatchObject({ messageId: 1, sku: 'NW-TEE-NAVY-M', listing: 'existing' });
    expect(dp.diffs[0].effects[0].after).toContain('77');
    expect(dp.diffs[1]).toMatchObject({ sku: 'NO-SUCH-SKU', listing: 'not found' });
    expect(h.emulator.stats().byOperation.createFeedDocument?.requests ?? 0).toBe(0);

    const page2 = await h.call('feeds_submit_listings', { messages, diffOffset: 2 });
    expect(page2.data.confirm.diff_preview.diffs[0]).toMatchObject({ sku: 'NW-TEE-GREY-L', operationType: 'DELETE', listing: 'existing' });

    const done = await h.call('feeds_submit_listings', { messages, confirmationToken: page1.data.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    expect(done.data.phase).toBe('executed');
    expect(done.data.result).toMatchObject({ status: 'SUBMITTED', messages: 3 });
    const feedId = done.data.result.feedId as string;

    const status = await untilProcessed(feedId);
    expect(status.status).toBe('DONE');
    expect(status.result.summary).toMatchObject({ messagesProcessed: 3, messagesAccepted: 2, messagesInvalid: 1 });
    expect(status.result.issuesBySku[0]).toMatchObject({ sku: 'NO-SUCH-SKU', messageIds: [2], errors: 1 });
    expect(status.result.resourceUri).toMatch(/^sp-api-mcp:\/\/feeds\//);
    expect(status.next).toMatch(/listings_get/);
    const fa = stored('NW-TEE-NAVY-M')?.attributes.fulfillment_availability as Array<{ quantity: number }>;
    expect(fa[0]!.quantity).toBe(77);
    expect(stored('NW-TEE-GREY-L')).toBeUndefined();

    // The processing report asked for issues (header.report.includedData).
    const upload = JSON.parse(
      readFileSync(join(h.dataDir, 'resources', 'feeds', (status.result.resourceUri as string).split('/').pop() + '.json'), 'utf8'),
    );
    expect(upload.header.report).toEqual({ includedData: ['issues'], apiVersion: '2021-08-01' });

    const only = await h.call('feeds_status', { feedId, sku: 'NW-TEE-NAVY-M' });
    expect(only.data.result.issuesBySku).toEqual([]);
    const list = await h.call('feeds_list', {});
    expect(list.data.feeds.map((f: { feedId: string }) => f.feedId)).toContain(feedId);
    expect(list.data.feeds.find((f: { feedId: string }) => f.feedId === feedId)).toMatchObject({ status: 'DONE', hasResult: true });

    const audit = await h.call('audit_recent', { event: 'result' });
    expect(audit.data.entries[0]).toMatchObject({ tool: 'feeds_submit_listings', status: 'SUBMITTED' });
  });

  it('feeds_status pages from the parsed processing report, not the file again', async () => {
    const messages = [quantity('NW-TEE-NAVY-M', 5), quantity('NO-SUCH-SKU', 1)];
    const preview = await h.call('feeds_submit_listings', { messages });
    const done = await h.call('feeds_submit_listings', { messages, confirmationToken: preview.data.confirmationToken });
    expect(done.isError, done.text).toBe(false);
    const feedId = done.data.result.feedId as string;
    const status = await untilProcessed(feedId);
    const file = join(h.dataDir, 'resources', 'feeds', `${(status.result.resourceUri as string).split('/').pop()}.json`);
    const original = readFileSync(file, 'utf8');
    const mtime = new Date('2030-01-01T00:00:00Z');
    utimesSync(file, mtime, mtime); // a known mtime; the next call parses the file again since it differs
    expect((await h.call('feeds_status', { feedId })).data.result).toEqual(status.result);

    // Same size and mtime: still the parsed form. Another size: parsed again.
    writeFileSync(file, original.replace('NO-SUCH-SKU', 'NO-SUCH-SKX'));
    utimesSync(file, mtime, mtime);
    expect((await h.call('feeds_status', { feedId })).data.result.issuesBySku[0].sku).toBe('NO-SUCH-SKU');
    writeFileSync(file, original.replace('NO-SUCH-SKU', 'NO-SUCH-SKU-CHANGED'));
    expect((await h.call('feeds_status', { feedId })).data.result.issuesBySku[0].sku).toBe('NO-SUCH-SKU-CHANGED');
  });

  it('counts every message against the batch limit', async () => {
    const small = await startHarness({ emulator: { jobStepMs: 50 }, config: { maxBatchSize: 2 } });
    try {
      const r = await small.call('feeds_submit_listings', { messages: [quantity('A', 1), quantity('B', 1), quantity('C', 1)] });
      expect(r.data.error.code).toBe('BATCH_TOO_LARGE');
      expect(small.emulator.stats().byOperation.createFeedDocument?.requests ?? 0).toBe(0);
    } finally {
      await small.close();
    }
  });
});

describe("the envelope check agrees with Amazon's listings-feed schema", () => {
  it.skipIf(!haveModel('schemas/feeds/listings-feed-schema-v2.json', "comparing our envelope check with Amazon's feed schema is"))(
    'on valid and invalid feeds',
    () => {
      // CJS default export under ESM/NodeNext.
      const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as new (o: object) => {
        compile(s: object): (d: unknown) => boolean;
      };
      const ajv = new Ajv({ strict: false, allErrors: true });
      const amazon = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, 'listings-feed-schema-v2.json'), 'utf8')));
      const example = JSON.parse(readFileSync(join(SCHEMAS, 'listings-feed-schema-v2.example.json'), 'utf8'));
      const header = { sellerId: 'A1', version: '2.0' };
      const feeds: unknown[] = [
        example,
        { header, messages: [quantity('A', 1)] },
        { header, messages: [{ messageId: 1, sku: 'A', operationType: 'DELETE' }] },
        {
          header: { ...header, report: { includedData: ['issues'], apiVersion: '2021-08-01' } },
          messages: [{ messageId: 1, sku: 'A', operationType: 'DELETE' }],
        },
        { header, messages: [] },
        { header: { sellerId: 'A1', version: '1.0' }, messages: [{ messageId: 1, sku: 'A', operationType: 'DELETE' }] },
        {
          header: { ...header, report: { includedData: [], apiVersion: '2021-08-01' } },
          messages: [{ messageId: 1, sku: 'A', operationType: 'DELETE' }],
        },
        { header, messages: [{ messageId: 0, sku: 'A', operationType: 'DELETE' }] },
        { header, messages: [{ messageId: 1, sku: '', operationType: 'DELETE' }] },
        { header, messages: [{ messageId: 1, sku: 'A', operationType: 'DELETE', productType: 'SHIRT' }] },
        { header, messages: [{ messageId: 1, sku: 'A', operationType: 'UPDATE', productType: 'SHIRT', attributes: {} }] },
        {
          header,
          messages: [
            { messageId: 1, sku: 'A', operationType: 'PARTIAL_UPDATE', productType: 'SHIRT', attributes: { a: [] }, requirements: 'LISTING' },
          ],
        },
        { header, messages: [{ messageId: 1, sku: 'A', operationType: 'PATCH', productType: 'SHIRT', patches: [] }] },
        {
          header,
          messages: [{ messageId: 1, sku: 'A', operationType: 'PATCH', productType: 'SHIRT', patches: [{ op: 'move', path: '/attributes/a' }] }],
        },
        {
          header,
          messages: [
            { messageId: 1, sku: 'A', operationType: 'PATCH', productType: 'SHIRT', patches: [{ op: 'add', path: '/attributes/a', value: [1] }] },
          ],
        },
        { header, messages: [{ messageId: 1, sku: 'A', operationType: 'UPDATE', productType: 'SHIRT', attributes: { a: [] }, extra: true }] },
      ];
      for (const feed of feeds) {
        expect(checkEnvelope(feed).length === 0, JSON.stringify(feed)).toBe(amazon(feed) === true);
      }
    },
  );
});

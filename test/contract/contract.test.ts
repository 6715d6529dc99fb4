// Contract: every request our client sends and every response the emulator returns, in a scenario that touches
// every operation, is checked against Amazon's official models (../shared/sp-api-models).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator } from '../../src/emulator/types.js';
import { SpApiClient } from '../../src/sp-api/client.js';
import { ThrottleRegistry } from '../../src/sp-api/throttle.js';
import { submitFeedDocument } from '../../src/sp-api/feeds.js';
import { matchOperation, OPERATION_NAMES } from '../../src/sp-api/operations.js';
import { ContractChecker, MODELS_DIR, modelsAvailable } from './openapi.js';
import { startRecordingProxy, type Exchange } from './recording-proxy.js';

if (!modelsAvailable) console.warn(`[skip] Amazon's models not found at ${MODELS_DIR}: contract tests are skipped.`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!modelsAvailable)('contract with Amazon models', () => {
  let emulator: RunningEmulator;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let client: SpApiClient;
  let checker: ContractChecker;

  beforeAll(async () => {
    checker = new ContractChecker();
    emulator = await startEmulator({ jobStepMs: 50, lateIssueMs: 50 });
    proxy = await startRecordingProxy(emulator.endpoint);
    client = new SpApiClient({
      credentials: { ...emulator.credentials },
      endpoint: proxy.url,
      lwaEndpoint: emulator.lwaEndpoint,
      throttle: new ThrottleRegistry(),
      maxRetries: 0,
    });
    await runScenario(client, emulator);
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await proxy?.close();
    await emulator?.close();
  });

  it('the scenario exercised every operation we call', () => {
    const seen = new Set(proxy.exchanges.map((x) => matchOperation(x.method, x.rawPath)?.spec.name).filter(Boolean));
    expect([...OPERATION_NAMES].filter((n) => !seen.has(n))).toEqual([]);
  });

  it('every request matches the model (path, query, body)', () => {
    const problems: string[] = [];
    for (const x of proxy.exchanges) {
      const m = matchOperation(x.method, x.rawPath);
      if (!m) {
        problems.push(`${x.method} ${x.rawPath}: no operation`);
        continue;
      }
      const body = x.requestBody.length ? JSON.parse(x.requestBody.toString('utf8')) : undefined;
      for (const p of checker.validateRequest(m.spec.name, { method: x.method, pathParams: m.params, query: x.query, body })) {
        problems.push(`${m.spec.name}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every response matches the model for its status code, with the documented headers', () => {
    const problems: string[] = [];
    for (const x of proxy.exchanges) {
      const m = matchOperation(x.method, x.rawPath);
      if (!m) continue;
      const text = x.responseBody.toString('utf8');
      const body = text ? JSON.parse(text) : undefined;
      for (const p of checker.validateResponse(m.spec.name, x.status, body)) problems.push(`${m.spec.name} ${x.status}: ${p}`);
      if (!x.responseHeaders['x-amzn-requestid']) problems.push(`${m.spec.name} ${x.status}: no x-amzn-RequestId`);
      if (x.status >= 200 && x.status < 300 && !x.responseHeaders['x-amzn-ratelimit-limit'])
        problems.push(`${m.spec.name}: no x-amzn-RateLimit-Limit on ${x.status}`);
    }
    expect(problems).toEqual([]);
  });

  it('covers error responses too (404 and 400 bodies)', () => {
    const statuses = new Set(proxy.exchanges.map((x: Exchange) => x.status));
    expect(statuses.has(404)).toBe(true);
    expect(statuses.has(400)).toBe(true);
  });
});

async function runScenario(client: SpApiClient, emulator: RunningEmulator): Promise<void> {
  const sellerId = emulator.credentials.sellerId;
  const mp = emulator.credentials.marketplaceId;
  const ignore = async (p: Promise<unknown>) => p.catch(() => undefined);

  await client.getMarketplaceParticipations();
  await client.searchCatalogItems({ marketplaceIds: [mp], keywords: ['shirt'], includedData: ['summaries', 'images', 'productTypes'], pageSize: 5 });
  await client.searchCatalogItems({ marketplaceIds: [mp], identifiers: ['B0DEMO0001'], identifiersType: 'ASIN' });
  await client.getCatalogItem({ asin: 'B0DEMO0001', marketplaceIds: [mp], includedData: ['summaries', 'attributes', 'identifiers'] });
  await ignore(client.getCatalogItem({ asin: 'B000000000', marketplaceIds: [mp] }));
  await client.searchDefinitionsProductTypes({ marketplaceIds: [mp], keywords: ['shirt'] });
  const def = await client.getDefinitionsProductType({ productType: 'SHIRT', marketplaceIds: [mp], sellerId, requirements: 'LISTING' });
  const schema = (await client.downloadProductTypeSchema(def.schema.link.resource, def.schema.checksum)) as { required?: string[] };
  expect(schema.required?.length).toBeGreaterThan(0);
  await ignore(client.getDefinitionsProductType({ productType: 'NO_SUCH_TYPE', marketplaceIds: [mp] }));

  const existing = await client.getListingsItem({
    sellerId,
    sku: 'NW-TEE-NAVY-M',
    marketplaceIds: [mp],
    includedData: ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability'],
  });
  await ignore(client.getListingsItem({ sellerId, sku: 'NO SUCH/SKU#1', marketplaceIds: [mp] }));
  const attributes = existing.attributes as Record<string, unknown>;
  const sku = 'CONTRACT TEST/ü#1';
  await client.putListingsItem({
    sellerId,
    sku,
    marketplaceIds: [mp],
    mode: 'VALIDATION_PREVIEW',
    body: { productType: 'SHIRT', requirements: 'LISTING', attributes },
  });
  await client.putListingsItem({ sellerId, sku, marketplaceIds: [mp], body: { productType: 'SHIRT', requirements: 'LISTING', attributes } });
  await client.putListingsItem({
    sellerId,
    sku: 'CONTRACT-INVALID',
    marketplaceIds: [mp],
    body: { productType: 'SHIRT', requirements: 'LISTING', attributes: { item_name: attributes.item_name } },
  });
  await client.patchListingsItem({
    sellerId,
    sku,
    marketplaceIds: [mp],
    body: {
      productType: 'SHIRT',
      patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7 }] }],
    },
  });
  await client.searchListingsItems({ sellerId, marketplaceIds: [mp], pageSize: 5, includedData: ['summaries', 'issues'] });
  await client.deleteListingsItem({ sellerId, sku, marketplaceIds: [mp] });
  await client.getListingsRestrictions({ asin: 'B0DEMO0001', sellerId, marketplaceIds: [mp] });

  const content = JSON.stringify({
    header: { sellerId, version: '2.0', report: { includedData: ['issues'], apiVersion: '2021-08-01' } },
    messages: [{ messageId: 1, sku: 'CONTRACT-FEED-1', operationType: 'UPDATE', productType: 'SHIRT', attributes }],
  });
  const submitted = await submitFeedDocument(client, {
    feedType: 'JSON_LISTINGS_FEED',
    marketplaceIds: [mp],
    content,
    contentType: 'application/json',
  });
  let feed = await client.getFeed({ feedId: submitted.feedId });
  for (let i = 0; i < 100 && !['DONE', 'FATAL', 'CANCELLED'].includes(feed.processingStatus); i++) {
    await sleep(50);
    feed = await client.getFeed({ feedId: submitted.feedId });
  }
  if (feed.resultFeedDocumentId) await client.getFeedDocument({ feedDocumentId: feed.resultFeedDocumentId });
  const second = await submitFeedDocument(client, { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [mp], content, contentType: 'application/json' });
  await ignore(client.cancelFeed({ feedId: second.feedId }));
  await client.getFeeds({ feedTypes: ['JSON_LISTINGS_FEED'], pageSize: 10 });
  await ignore(client.getFeed({ feedId: '999999999' }));

  const { reportId } = await client.createReport({ reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [mp] });
  let report = await client.getReport({ reportId });
  for (let i = 0; i < 100 && !['DONE', 'FATAL', 'CANCELLED'].includes(report.processingStatus); i++) {
    await sleep(50);
    report = await client.getReport({ reportId });
  }
  if (report.reportDocumentId) await client.getReportDocument({ reportDocumentId: report.reportDocumentId });
  const r2 = await client.createReport({ reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', marketplaceIds: [mp] });
  await ignore(client.cancelReport({ reportId: r2.reportId }));
  await client.getReports({ reportTypes: ['GET_MERCHANT_LISTINGS_ALL_DATA'] });
  await ignore(client.createReport({ reportType: 'NOT_A_REPORT_TYPE', marketplaceIds: [mp] }));

  const now = Date.now();
  const eligible = emulator.context.orders.find(
    (o) =>
      o.orderStatus === 'Shipped' &&
      o.marketplaceId === mp &&
      o.earliestDeliveryDate &&
      o.latestDeliveryDate &&
      now >= Date.parse(o.earliestDeliveryDate) + 5 * 86_400_000 &&
      now <= Date.parse(o.latestDeliveryDate) + 30 * 86_400_000,
  );
  expect(eligible).toBeTruthy();
  await client.getSolicitationActionsForOrder({ amazonOrderId: eligible!.amazonOrderId, marketplaceIds: [mp] });
  await client.createProductReviewAndSellerFeedbackSolicitation({ amazonOrderId: eligible!.amazonOrderId, marketplaceIds: [mp] });
  await ignore(client.createProductReviewAndSellerFeedbackSolicitation({ amazonOrderId: eligible!.amazonOrderId, marketplaceIds: [mp] }));

  const end = new Date(now);
  const start = new Date(now - 30 * 86_400_000);
  await client.getOrderMetrics({ marketplaceIds: [mp], interval: `${start.toISOString()}--${end.toISOString()}`, granularity: 'Total' });
  // Last: it rotates the app's secret (the old one stays valid for the grace period).
  await client.rotateApplicationClientSecret();

  // Product Pricing batches: a known and an unknown entry in each (per-entry 404 inside a 200).
  await client.getFeaturedOfferExpectedPriceBatch({
    requests: [
      { sku: 'NW-TEE-NAVY-M', marketplaceId: mp },
      { sku: 'NO-SUCH-SKU', marketplaceId: mp },
    ],
  });
  await client.getCompetitiveSummary({
    requests: [
      { asin: 'B0DEMO0001', marketplaceId: mp, includedData: ['featuredBuyingOptions', 'lowestPricedOffers', 'referencePrices'] },
      { asin: 'B000000000', marketplaceId: mp, includedData: ['featuredBuyingOptions'] },
    ],
  });

  await client.getInventorySummaries({ details: true });
  await client.getInventorySummaries({ sellerSkus: ['TB-MERINO-BLK-XL', 'NW-TEE-NAVY-M'] });
  await ignore(client.getInventorySummaries({ startDateTime: '2001-01-01T00:00:00Z' }));

  const since = new Date(now - 60 * 86_400_000).toISOString();
  const orders = await client.getOrders({ marketplaceIds: [mp], createdAfter: since, maxResultsPerPage: 5 });
  expect(orders.payload.NextToken).toBeTruthy();
  await client.getOrders({ marketplaceIds: [mp], nextToken: orders.payload.NextToken! });
  await client.getOrders({ marketplaceIds: [mp], lastUpdatedAfter: since });
  await client.getOrderItems({ orderId: orders.payload.Orders[0]!.AmazonOrderId });
  await ignore(client.getOrderItems({ orderId: '999-0000000-0000000' }));

  const docs = await client.searchContentDocuments({});
  const key = docs.contentMetadataRecords[0]!.contentReferenceKey;
  await client.getContentDocument({ contentReferenceKey: key, includedDataSet: ['CONTENTS', 'METADATA'] });
  await client.listContentDocumentAsinRelations({ contentReferenceKey: key, includedDataSet: ['METADATA'] });
  await ignore(client.getContentDocument({ contentReferenceKey: 'no-such-key', includedDataSet: ['METADATA'] }));
  const contentDocument = {
    name: 'Contract test',
    contentType: 'EBC' as const,
    locale: 'en-US',
    contentModuleList: [
      {
        contentModuleType: 'STANDARD_TEXT',
        standardText: { headline: { value: 'Made well', decoratorSet: [] }, body: { textList: [{ value: 'Sturdy and simple.', decoratorSet: [] }] } },
      },
    ],
  };
  await client.validateContentDocumentAsinRelations({ asinSet: ['B0DEMO0001', 'B000000000'], contentDocument });
  const created = await client.createContentDocument({ contentDocument });
  await client.updateContentDocument({
    contentReferenceKey: created.contentReferenceKey,
    contentDocument: { ...contentDocument, name: 'Contract test 2' },
  });
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const md5 = createHash('md5').update(png).digest('base64');
  const dest = await client.createUploadDestinationForResource({
    resource: 'aplus/2020-11-01/contentDocuments',
    contentMD5: md5,
    contentType: 'image/png',
  });
  await client.uploadFeedDocument(dest.payload, png, 'image/png');
  await ignore(
    client.createUploadDestinationForResource({ resource: 'aplus/2020-11-01/contentDocuments', contentMD5: md5, contentType: 'text/plain' }),
  );
  await client.postContentDocumentAsinRelations({ contentReferenceKey: created.contentReferenceKey, asinSet: ['B0DEMO0001'] });
  await client.postContentDocumentApprovalSubmission({ contentReferenceKey: created.contentReferenceKey });
  await ignore(client.postContentDocumentApprovalSubmission({ contentReferenceKey: created.contentReferenceKey }));
  await ignore(
    client.createContentDocument({
      contentDocument: {
        ...contentDocument,
        contentModuleList: [
          { contentModuleType: 'STANDARD_TEXT', standardText: { body: { textList: [{ value: 'The #1 best seller', decoratorSet: [] }] } } },
        ],
      },
    }),
  );
}

describe.skipIf(!modelsAvailable)('the contract checker itself', () => {
  it('catches a wrong response, an unknown query parameter, a bad enum and a bad body', () => {
    const c = new ContractChecker();
    expect(c.validateResponse('getListingsItem', 200, { foo: 1 }).join()).toMatch(/sku/);
    expect(c.validateResponse('getListingsItem', 418, {})).not.toEqual([]);
    expect(
      c
        .validateRequest('getListingsItem', {
          method: 'GET',
          pathParams: { sellerId: 'A', sku: 'B' },
          query: new URLSearchParams('marketplaceIds=X&bogus=1'),
        })
        .join(),
    ).toMatch(/bogus/);
    expect(
      c
        .validateRequest('getListingsItem', {
          method: 'GET',
          pathParams: { sellerId: 'A', sku: 'B' },
          query: new URLSearchParams('marketplaceIds=X&includedData=nope'),
        })
        .join(),
    ).toMatch(/enum/);
    expect(
      c
        .validateRequest('putListingsItem', {
          method: 'PUT',
          pathParams: { sellerId: 'A', sku: 'B' },
          query: new URLSearchParams('marketplaceIds=X'),
          body: { attributes: {} },
        })
        .join(),
    ).toMatch(/productType/);
  });
});

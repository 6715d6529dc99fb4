// Registry-wide: every tool's structuredContent must match the outputSchema it lists, over real replies from the
// emulator that carry the fullest shapes Amazon's models allow (issues with categories, enforcements and exemptions,
// offers, summaries, report and feed results, ...), each write tool in every phase it can reach. A schema that
// forbids part of Amazon's data makes an MCP client reject the whole reply (-32602), so no tool may drift.
//
// Calls go out as raw tools/call requests and are checked here with the SDK client's engine (Ajv 2020), so a
// failure lists every problem rather than the client's first. The SDK client does the same check only for tools it
// has listed; the last describe proves that, because it is why a forbidden issue field once slipped past every test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { inSolicitationWindow } from '../../src/emulator/areas/solicitations.js';
import { generatedRows } from '../../src/cli/bench/products.js';
import { groupMappings, productValues } from '../../src/cli/demo-assistant.js';
import * as S from '../../src/sp-api/schemas.js';
import { trimListing } from '../../src/tools/listings/listing-view.js';
import { trimCatalogItem } from '../../src/tools/catalog/catalog-item.js';
import { interpretSubmission, mergeIssues } from '../../src/workflows/listing-writes.js';
import { ContractChecker, MODELS_DIR, modelsAvailable } from '../contract/openapi.js';
import { fullCatalogItem, fullListingsItem, fullSubmissionResponse } from '../helpers/amazon-samples.js';
import { outputSchemaChecker } from '../helpers/output-schema.js';
import { startHarness, type Harness } from '../helpers/harness.js';

type Data = Record<string, any>;

let h: Harness;
let check: (tool: string, data: unknown) => string[];
const covered = new Set<string>();

beforeAll(async () => {
  h = await startHarness({ emulator: { jobStepMs: 50, lateIssueMs: 50, rateScale: 1000 } });
  const { tools } = await h.mcp.listTools();
  check = outputSchemaChecker(tools as Array<{ name: string; outputSchema?: Record<string, unknown> }>);
}, 60_000);
afterAll(async () => h?.close());

/** Calls a tool, requires success, checks its structuredContent against its listed schema and the paths that prove the reply is full. */
async function call(tool: string, args: Data, mustHave: string[] = []): Promise<Data> {
  const res = await h.mcp.request({ method: 'tools/call', params: { name: tool, arguments: args } }, { timeout: 120_000 });
  const text = (res.content as Array<{ text?: string }>).map((c) => c.text ?? '').join('');
  expect(res.isError ?? false, `${tool} failed: ${text}`).toBe(false);
  const data = res.structuredContent as Data | undefined;
  expect(data, `${tool} returned no structuredContent`).toBeTruthy();
  expect(check(tool, data)).toEqual([]);
  for (const path of mustHave) expect(at(data, path), `${tool}: ${path} missing from ${text.slice(0, 2000)}`).toBeDefined();
  covered.add(tool);
  return data!;
}

/** Dotted path with numeric indexes, e.g. "listing.issues.0.enforcements". */
function at(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Data)[k] : undefined), data);
}

/** Calls a write tool: preview, then execute with the confirmation token. */
async function previewAndExecute(
  tool: string,
  args: Data,
  mustHave: { preview?: string[]; executed?: string[] } = {},
): Promise<{ preview: Data; executed: Data }> {
  const preview = await call(tool, args, ['confirm.summary', 'confirm.diff_preview', 'confirmationToken', 'expiresAt', ...(mustHave.preview ?? [])]);
  expect(preview.phase).toBe('preview');
  const executed = await call(tool, { ...args, confirmationToken: preview.confirmationToken }, [
    'confirmedBy',
    'result',
    ...(mustHave.executed ?? []),
  ]);
  expect(executed.phase).toBe('executed');
  return { preview, executed };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("every tool's structuredContent matches its listed outputSchema (emulator replies)", () => {
  it('account and catalog', async () => {
    await call('account_status', {}, ['marketplaces.0.countryCode', 'throttle.0.bucket']);
    await call('catalog_search', { keywords: ['shirt'], pageSize: 2 }, [
      'items.0.title',
      'items.0.brand',
      'items.0.productType',
      'items.0.classification',
      'items.0.mainImage',
      'items.0.identifiers.0.type',
      'nextPageToken',
    ]);
    await call('catalog_get_item', { asin: 'B0DEMO0001', includeAttributes: true }, [
      'item.salesRank',
      'item.attributes',
      'item.color',
      'item.size',
      'item.manufacturer',
      'item.modelNumber',
      'item.identifiers.0.value',
    ]);
  });

  it('product types', async () => {
    await call('product_types_search', { keywords: ['shirt'] }, ['productTypes.0.displayName']);
    await call('product_type_requirements', { productType: 'SHIRT', attributes: ['item_name', 'department', 'no_such_attribute'] }, [
      'required.0.shape',
      'conditional',
      'optional',
      'details.0.name',
      'unknownAttributes.0',
      'schemaResource',
    ]);
  });

  it('listings reads: issues with categories, enforcements, exemptions and marketplaces', async () => {
    await call('listings_get', { sku: 'MW-CANDLE-CEDAR-8OZ', includeAttributes: true }, [
      'listing.issues.0.categories.0',
      'listing.issues.0.enforcements.actions.0.action',
      'listing.issues.0.enforcements.exemption.status',
      'listing.issues.0.marketplaceIds.0',
      'listing.attributes',
      'listing.price.amount',
      'listing.quantity',
      'listing.asin',
      'listing.status',
    ]);
    await call('listings_get', { sku: 'SS-BOARD-SET3' }, [
      'listing.issues.0.enforcements.exemption.expiryDate',
      'listing.mainImage',
      'listing.conditionType',
    ]);
    await call('listings_get', { sku: 'TB-MERINO-BLK-XL' }, ['listing.fulfillmentChannel']);
    await call('listings_search', { withIssueSeverity: ['ERROR', 'WARNING'], pageSize: 20 }, [
      'listings.0.issues.0.enforcements',
      'listings.1.issues.0.enforcements',
    ]);
    await call('listings_search', { pageSize: 2 }, ['nextPageToken', 'numberOfResults']);
    await call('listings_restrictions', { asin: 'B0DEMO0008' }, [
      'restrictions.0.conditionType',
      'restrictions.0.reasons.0.reasonCode',
      'restrictions.0.reasons.0.links.0',
    ]);
  });

  it("listings_validate with Amazon's preview issues", async () => {
    const got = await call('listings_get', { sku: 'NW-TEE-NAVY-M', includeAttributes: true });
    const { item_name: _name, ...attributes } = got.listing.attributes as Data;
    const r = await call('listings_validate', { sku: 'NW-TEE-NAVY-M', productType: 'SHIRT', attributes, preview: true }, [
      'amazonStatus',
      'issues.0.attributeNames',
    ]);
    expect(r.issues.some((i: Data) => i.source === 'amazon' && i.categories?.length)).toBe(true);
  });

  it('listing writes in each phase', async () => {
    const shirt = (await call('listings_get', { sku: 'NW-TEE-NAVY-M', includeAttributes: true })).listing.attributes as Data;
    await previewAndExecute('listings_put', { sku: 'OUT-NEW-1', productType: 'SHIRT', attributes: shirt }, { executed: ['result.submissionId'] });
    const { department: _d, ...invalid } = shirt;
    const blocked = await call('listings_put', { sku: 'OUT-NEW-2', productType: 'SHIRT', attributes: invalid }, ['confirm.diff_preview.issues']);
    expect(blocked.phase).toBe('blocked');
    await previewAndExecute(
      'listings_patch',
      {
        sku: 'NW-TEE-GREY-L',
        productType: 'SHIRT',
        patches: [
          {
            op: 'replace',
            attribute: 'purchasable_offer',
            value: [{ marketplace_id: h.marketplaceId, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 21.5 }] }] }],
          },
        ],
      },
      { preview: ['confirm.diff_preview.effects'] },
    );
    await previewAndExecute(
      'listings_images',
      { sku: 'NW-TEE-GREY-L', productType: 'SHIRT', main: 'https://images.example.com/tee.jpg', other: ['https://images.example.com/tee-2.jpg'] },
      { preview: ['confirm.diff_preview.images.0.before', 'confirm.diff_preview.effects'] },
    );
    await previewAndExecute(
      'inventory_update',
      {
        rows: [
          { sku: 'NW-TEE-GREY-L', quantity: 3, price: 20.5, handlingTime: 2 },
          { sku: 'NOPE-1', quantity: 1 },
        ],
      },
      { preview: ['confirm.diff_preview.table.0.quantity', 'confirm.diff_preview.leftOut.0.problem'], executed: ['result.results.0.sku'] },
    );
    await previewAndExecute('listings_delete', { sku: 'BH-POUROVER-34' }, { preview: ['confirm.diff_preview.removed'] });
    await call('audit_recent', { limit: 3 }, ['entries.0.detail', 'entries.0.requestId', 'nextBeforeId']);
  });

  it('reports, including a failed one and account health', async () => {
    const listing = await call('reports_request', { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', limit: 2 }, [
      'document.resourceUri',
      'tables.0.columns.0.type',
      'page.rows.0',
      'page.nextOffset',
      'marketplaceIds',
      'createdTime',
    ]);
    await call('reports_get', { reportId: listing.reportId, offset: 2, limit: 2, columns: ['seller-sku', 'price'] }, ['page.rows.0']);
    const from = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await call('reports_request', { reportType: 'GET_SALES_AND_TRAFFIC_REPORT', dataStartTime: from, reportOptions: { asinGranularity: 'SKU' } }, [
      'summary',
      'dataStartTime',
      'dataEndTime',
    ]);
    await call('reports_request', { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', reportOptions: { emulatorQuirk: 'FATAL_WITH_ERROR_DOCUMENT' } }, [
      'explanation',
      'errorDetails',
    ]);
    const queued = await call('reports_request', { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', wait: false });
    await call('reports_get', { reportId: queued.reportId, wait: true }, ['document']);
    await call('reports_list', { reportTypes: ['GET_MERCHANT_LISTINGS_ALL_DATA', 'GET_SALES_AND_TRAFFIC_REPORT'], pageSize: 2 }, [
      'reports.0.processingEndTime',
      'reports.0.marketplaceIds',
      'nextPageToken',
    ]);
    await call('account_health', {}, [
      'marketplaces.0.accountStatus',
      'marketplaces.0.accountHealthRating',
      'marketplaces.0.metricsAtRisk.0.targetValue',
      'resourceUri',
    ]);
  });

  it("feeds, with per-SKU issues and the listings' own issues", async () => {
    const messages = [
      {
        sku: 'NW-TEE-NAVY-M',
        operationType: 'PATCH',
        productType: 'SHIRT',
        patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }] }],
      },
      // An invalid patch leaves the listing (and its missing-image issue) as it is: the report lists both.
      {
        sku: 'MW-CANDLE-CEDAR-8OZ',
        operationType: 'PATCH',
        productType: 'HOME',
        patches: [{ op: 'delete', path: '/attributes/color', value: [{}] }],
      },
      {
        sku: 'NO-SUCH-SKU',
        operationType: 'PATCH',
        productType: 'SHIRT',
        patches: [{ op: 'replace', path: '/attributes/item_name', value: [{ value: 'x' }] }],
      },
    ];
    const { executed } = await previewAndExecute(
      'feeds_submit_listings',
      { messages, diffLimit: 2 },
      { preview: ['confirm.diff_preview.nextDiffOffset'], executed: ['result.feedId'] },
    );
    const feedId = executed.result.feedId as string;
    let status: Data = {};
    for (let i = 0; i < 100 && !['DONE', 'FATAL', 'CANCELLED'].includes(status.status); i++) {
      status = await call('feeds_status', { feedId });
      await sleep(50);
    }
    expect(status.status).toBe('DONE');
    await call('feeds_status', { feedId, limit: 1 }, [
      'result.summary',
      'result.issuesBySku.0.issues.0.code',
      'result.issuesBySku.0.issues.0.messageId',
      'result.nextOffset',
      'processingEndTime',
    ]);
    const candle = await call('feeds_status', { feedId, sku: 'MW-CANDLE-CEDAR-8OZ' }, ['result.issuesBySku.0.listingIssues.0.code']);
    expect(candle.result.issuesBySku[0].issues[0].attributeName).toBe('color');
    await call('feeds_list', { pageSize: 1 }, ['feeds.0.processingEndTime', 'feeds.0.marketplaceIds']);
  });

  it('pricing insight, with a featured offer price, a gap and a problem row', async () => {
    const skus = ['NW-TEE-NAVY-M', 'NW-TEE-GREY-L', 'CL-SKILLET-10', 'SS-BOARD-SET3', 'HL-KNIT-PILLOW-18', 'QH-CURTAIN-CHAR-84', 'NOPE-1'];
    const r = await call('pricing_insight', { skus, asins: ['B000000000'], limit: 1 }, ['rows.0', 'nextOffset', 'resourceUri']);
    expect(r.counts.problems).toBeGreaterThan(0);
    expect(r.counts.aboveFoep + r.counts.atOrBelowFoep).toBeGreaterThan(0);
  });

  it('orders without personal data', async () => {
    const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    await call('orders_list', { from, pageSize: 3 }, ['orders.0.items.0.asin', 'orders.0.total', 'nextPageToken']);
    await call('orders_list', { sinceLastImport: true, from, includeItems: false }, ['cursor.stored']);
  });

  it('A+ Content reads', async () => {
    await call('aplus_list', {}, ['documents.0.badges.0', 'documents.0.updateTime']);
    await call('aplus_get', { contentReferenceKey: 'emu-aplus-tees-1', includeRaw: true }, ['modules.0.images.0', 'raw.0', 'asins.0.badges']);
    await previewAndExecute(
      'aplus_save',
      { name: 'Schema check', modules: [{ kind: 'text', headline: 'Hi', body: ['Plain text.'] }], asins: ['B0DEMO0001'] },
      { preview: ['confirm.diff_preview.validation'], executed: ['result.contentReferenceKey'] },
    );
    await previewAndExecute(
      'aplus_submit',
      { contentReferenceKey: 'emu-aplus-kitchen-2', asins: ['B0DEMO0017'] },
      { preview: ['confirm.diff_preview.asinsAdded.0'], executed: ['result.contentReferenceKey'] },
    );
    const dir = mkdtempSync(join(tmpdir(), 'out-aplus-'));
    const saved = process.env.SP_API_MCP_EXPORT_ROOTS;
    process.env.SP_API_MCP_EXPORT_ROOTS = dir;
    try {
      const png = Buffer.alloc(40);
      Buffer.from('89504e470d0a1a0a0000000d49484452000000640000003c', 'hex').copy(png);
      writeFileSync(join(dir, 'a.png'), png);
      await previewAndExecute(
        'aplus_upload_image',
        { path: join(dir, 'a.png') },
        { preview: ['confirm.diff_preview.width'], executed: ['result.uploadDestinationId'] },
      );
    } finally {
      if (saved === undefined) delete process.env.SP_API_MCP_EXPORT_ROOTS;
      else process.env.SP_API_MCP_EXPORT_ROOTS = saved;
    }
    const blocked = await call('aplus_save', { name: 'Blocked', modules: [{ kind: 'text', body: ['Free shipping!'] }] }, [
      'confirm.diff_preview.errors.0.code',
    ]);
    expect(blocked.phase).toBe('blocked');
  });

  it('FBA inventory', async () => {
    await call('fba_inventory', { limit: 1 }, ['rows.0.fnSku', 'rows.0.productName', 'rows.0.lastUpdatedTime', 'nextOffset']);
  });

  it('solicitations and order metrics', async () => {
    const now = Date.now();
    const us = h.emulator.context.orders.filter((o) => o.marketplaceId === h.marketplaceId);
    const inside = us.find((o) => o.orderStatus === 'Shipped' && inSolicitationWindow(o, now))!;
    const unshipped = us.find((o) => o.orderStatus === 'Unshipped' || o.orderStatus === 'Pending')!;
    await call('solicitations_check', { amazonOrderId: inside.amazonOrderId }, ['actions.0']);
    await call('solicitations_check', { amazonOrderId: unshipped.amazonOrderId }, ['reasons.0']);
    await previewAndExecute('solicitations_request_review', { amazonOrderId: inside.amazonOrderId });
    await call('solicitations_check', { amazonOrderId: inside.amazonOrderId }, ['alreadyRequestedAt']);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    await call('orders_metrics', { from: day(now - 60 * 86_400_000), to: day(now), limit: 2 }, [
      'currency',
      'periods.1.averageUnitPrice',
      'nextOffset',
    ]);
  });

  it('the export flow, with a rejected row, an invalid product and one Amazon refuses', async () => {
    const rows = generatedRows(3, 'OUTX');
    rows[2]!.Price = '0.00'; // accepted, then Amazon raises INVALID_PRICE
    const bad = { ...generatedRows(1, 'OUTBAD')[0]!, Title: '' };
    const loaded = await call('export_load', { rows: [...rows, bad] }, ['rejected.0.problems.0', 'rejected.0.sku', 'columns.0.samples.0']);
    const batchId = loaded.batchId as string;
    await call('export_map', { batchId, groups: groupMappings(rows, 'USD'), products: productValues(rows) });
    await call('export_map', { batchId, products: [{ sku: 'OUTX-TEE-00002', remove: ['item_name'] }] }, [
      'issues.0.attributeNames.0',
      'issues.0.skus.0',
    ]);
    const preview = await call('export_preview', { batchId, limit: 2 }, ['confirm.diff_preview', 'confirmationToken']);
    expect(preview.phase).toBe('preview');
    await call('export_submit', { batchId, confirmationToken: preview.confirmationToken, recheckAfterSeconds: 0.3 }, ['result.failed.0.issues.0']);
    await call('export_status', { batchId, refresh: true, limit: 1 }, ['products.0.submission', 'nextOffset', 'byState']);
    await call('export_status', { batchId, state: 'failed' }, ['products.0.reason', 'products.0.issues.0']);
    await call('export_report', { batchId }, ['reports.0.uri', 'preview.submission.0.issues', 'preview.mapping.0.attribute']);
    // Mapping memory from the accepted products.
    const again = await call('export_load', { rows: generatedRows(1, 'OUTY') }, ['suggestions.0.translations']);
    await call('export_discard', { batchId: again.batchId });
    // A shop export: recognised format, data warnings, proposed skips and mappings, questions for the seller.
    const shop = await call('export_load', { path: 'examples/shopify-products.csv' }, [
      'recognized.groups.0',
      'dataWarnings.0.examples.0',
      'proposedSkips.0.skus.0',
      'proposedMapping.columns.0',
    ]);
    await call(
      'export_map',
      {
        batchId: shop.batchId,
        skip: shop.proposedSkips,
        groups: [{ where: { column: 'Type', equals: ['T-Shirts'] }, productType: 'SHIRT', columns: shop.proposedMapping.columns }],
      },
      ['questions.0.allowedValues.0', 'dataWarnings.0.skus.0'],
    );
  });

  it('covers every tool in ALL_TOOLS (a new tool needs a call above)', () => {
    expect(ALL_TOOLS.map((t) => t.name).filter((n) => !covered.has(n))).toEqual([]);
  });
});

describe("Amazon's fullest documented shapes through the tools' mapping code", () => {
  const samples = [
    { operation: 'getListingsItem', body: fullListingsItem },
    { operation: 'putListingsItem', body: fullSubmissionResponse },
    { operation: 'getCatalogItem', body: fullCatalogItem },
  ];
  if (!modelsAvailable)
    console.warn(`[skip] Amazon's models not found at ${MODELS_DIR}: the samples are not checked against them (the mapping checks still run).`);

  it.skipIf(!modelsAvailable)("the samples are valid for Amazon's models and use every property they declare", () => {
    const contract = new ContractChecker();
    for (const { operation, body } of samples) {
      expect(contract.validateResponse(operation, 200, body), operation).toEqual([]);
      expect(contract.unusedProperties(operation, 200, body), operation).toEqual([]);
    }
  });

  it("listings_get and listings_search accept a full item, keeping its issues' enforcements", () => {
    const item = S.listingsItem.parse(fullListingsItem);
    const listing = trimListing(item, h.marketplaceId, true);
    expect(check('listings_get', { marketplaceId: h.marketplaceId, listing })).toEqual([]);
    expect(
      check('listings_search', { marketplaceId: h.marketplaceId, numberOfResults: 1, listings: [trimListing(item, h.marketplaceId, false)] }),
    ).toEqual([]);
    expect(listing.issues?.[1]?.enforcements?.exemption?.expiryDate).toBe('2030-01-31T00:00:00.000Z');
    expect(listing.issues?.[0]?.marketplaceIds).toEqual([h.marketplaceId]);
  });

  it("listings_validate accepts Amazon's full issues merged with local ones", () => {
    const res = S.submissionResponse.parse(fullSubmissionResponse);
    const local = [
      {
        code: 'MISSING',
        message: 'item_name is required',
        severity: 'ERROR' as const,
        attributeNames: ['item_name'],
        categories: ['MISSING_ATTRIBUTE'],
      },
    ];
    const issues = mergeIssues(local as Parameters<typeof mergeIssues>[0], res.issues);
    const out = {
      sku: res.sku,
      marketplaceId: h.marketplaceId,
      productType: 'SHIRT',
      valid: false,
      amazonStatus: res.status,
      issues,
      schemaVersion: 'v1',
    };
    expect(check('listings_validate', out)).toEqual([]);
    expect(issues.filter((i) => i.source === 'amazon').map((i) => i.enforcements?.actions.length)).toEqual([2, 1, 0]);
    // Write tools carry the same issues in result; its schema accepts any JSON there.
    const outcome = interpretSubmission(res, 'req-1', res.sku);
    expect(
      check('listings_put', { phase: 'executed', confirmedBy: 'token', result: { status: outcome.status, ...outcome.result }, next: outcome.next }),
    ).toEqual([]);
  });

  it('catalog_get_item and catalog_search accept a full catalog item', () => {
    const item = S.catalogItem.parse(fullCatalogItem);
    expect(check('catalog_get_item', { marketplaceId: h.marketplaceId, item: trimCatalogItem(item, h.marketplaceId, true) })).toEqual([]);
    expect(check('catalog_search', { marketplaceId: h.marketplaceId, numberOfResults: 1, items: [trimCatalogItem(item, h.marketplaceId)] })).toEqual(
      [],
    );
  });
});

describe('the safety net: the SDK client checks structuredContent only for tools it has listed', () => {
  // A bare SDK server (not ours: ours refuses such a reply itself, see test/server/tool-calls.test.ts) whose tool
  // sends a field its output schema forbids, as listings_validate once sent Amazon's issue categories.
  async function bareServerClient(): Promise<{ client: Client; close: () => Promise<void> }> {
    const server = new McpServer({ name: 'bare', version: '1.0.0' });
    server.registerTool(
      'test_drifted_output',
      { description: 'Drifted output', inputSchema: z.object({}).strict(), outputSchema: z.object({ ok: z.boolean() }) },
      async () => {
        const out = { ok: true, categories: ['INVALID_ATTRIBUTE'] };
        return { content: [{ type: 'text' as const, text: JSON.stringify(out) }], structuredContent: out };
      },
    );
    const [c, s] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'safety-net', version: '1.0.0' });
    await server.connect(s);
    await client.connect(c);
    return {
      client,
      close: async () => {
        await client.close();
        await server.close();
      },
    };
  }

  it('a listed tool whose reply breaks its schema fails with -32602', async () => {
    const x = await bareServerClient();
    try {
      await x.client.listTools();
      await expect(x.client.callTool({ name: 'test_drifted_output', arguments: {} })).rejects.toMatchObject({
        code: -32602,
        message: expect.stringMatching(/Structured content does not match the tool's output schema: .*must NOT have additional properties/),
      });
    } finally {
      await x.close();
    }
  });

  it('every file that makes its own MCP client lists tools (the harness does for the rest)', () => {
    const root = join(import.meta.dirname, '..', '..');
    const files = ['test', join('src', 'cli')].flatMap((dir) =>
      (readdirSync(join(root, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)),
    );
    const makers = files.filter((f) => /new Client\(/.test(readFileSync(join(root, f), 'utf8')));
    expect(makers.length).toBeGreaterThan(0);
    expect(makers.filter((f) => !/\.listTools\(/.test(readFileSync(join(root, f), 'utf8')))).toEqual([]);
  });

  it('the same reply passes a client that never listed tools, which is why every MCP test must list first', async () => {
    const x = await bareServerClient();
    try {
      const res = await x.client.callTool({ name: 'test_drifted_output', arguments: {} });
      expect(res.structuredContent).toEqual({ ok: true, categories: ['INVALID_ATTRIBUTE'] });
    } finally {
      await x.close();
    }
  });
});

// Reports benchmark: one large GET_MERCHANT_LISTINGS_ALL_DATA report requested through the MCP tools, then paged
// with reports_get. Prints the time of the first reply, of the pages, and memory (heap after GC, peak RSS).
// Throttling is off on both sides: this measures our own cost per page, not Amazon's usage plans.
// Also times reading a feed processing report with many issues (what feeds_status paid per page before caching).
//   node --expose-gc dist/cli/bench/reports.js [--rows 20000] [--pages 50] [--feed-issues 10000]
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../../emulator/index.js';
import { createServer } from '../../server/create-server.js';
import { buildConfig } from '../../core/config.js';
import { ALL_TOOLS } from '../../tools/index.js';
import { clientForEmulator } from '../connect.js';
import { parseReport } from '../../workflows/report-parse.js';
import { issuesBySku } from '../../workflows/listings-feed.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' },
    pages: { type: 'string', default: '50' },
    'feed-issues': { type: 'string', default: '10000' },
  },
});
const ROWS = Number(values.rows);
const PAGES = Number(values.pages);
const FEED_ISSUES = Number(values['feed-issues']);
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const heapAfterGc = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

async function main(): Promise<void> {
  if (!gc) console.log('(run with node --expose-gc for heap figures after GC)');
  const emulator = await startEmulator({ jobStepMs: 50, rateScale: 1000 });
  const dir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-bench-'));
  const { client: spApi, credentials } = clientForEmulator(emulator, { throttle: false });
  const { server } = createServer({
    client: spApi,
    config: buildConfig({ dataDir: dir, defaultMarketplace: credentials.marketplaceId }),
    sellerId: credentials.sellerId,
    tools: ALL_TOOLS,
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const mcp = new Client({ name: 'bench', version: '1' });
  await server.connect(b);
  await mcp.connect(a);
  await mcp.listTools();
  const call = async (name: string, args: Record<string, unknown>) => {
    const res = await mcp.callTool({ name, arguments: args }, { timeout: 600_000 });
    const data = res.structuredContent as Record<string, any>;
    if (res.isError) throw new Error(`${name}: ${JSON.stringify(res.content)}`);
    return data;
  };
  try {
    const heap0 = heapAfterGc();
    let t = performance.now();
    const first = await call('reports_request', {
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      reportOptions: { emulatorRows: String(ROWS) },
      limit: 500,
    });
    const firstMs = performance.now() - t;
    if (first.page.total !== ROWS) throw new Error(`expected ${ROWS} rows, got ${first.page.total}`);
    const reportDir = join(dir, 'resources', 'reports');
    const file = readdirSync(reportDir).find((f) => f.endsWith('.tsv'));
    const text = file ? readFileSync(join(reportDir, file), 'utf8') : '';

    // Pages through the report as a client would (nextOffset), wrapping around at the end.
    let offset = first.page.nextOffset ?? 0;
    const times: number[] = [];
    t = performance.now();
    for (let i = 0; i < PAGES; i++) {
      const p0 = performance.now();
      const page = await call('reports_get', { reportId: first.reportId, offset, limit: 500 });
      times.push(performance.now() - p0);
      offset = page.page.nextOffset ?? 0;
    }
    const pagesMs = performance.now() - t;
    const heap1 = heapAfterGc();
    times.sort((x, y) => x - y);

    // The parse alone, for reference.
    const p0 = performance.now();
    let parsed: unknown = parseReport('GET_MERCHANT_LISTINGS_ALL_DATA', text);
    const parseMs = performance.now() - p0;
    const heapHeld = heapAfterGc();
    const { persistedBytes, readBackMs } = readBack(parsed);
    parsed = undefined;
    const heapFreed = heapAfterGc();
    void parsed;

    console.log(`report: ${ROWS} rows, ${mb(Buffer.byteLength(text))} TSV`);
    console.log(`first reply (request, wait, download, parse): ${firstMs.toFixed(0)} ms`);
    console.log(
      `${PAGES} reports_get pages: ${pagesMs.toFixed(0)} ms total, median ${times[Math.floor(PAGES / 2)]!.toFixed(1)} ms, max ${times[PAGES - 1]!.toFixed(1)} ms`,
    );
    console.log(`parseReport alone: ${parseMs.toFixed(0)} ms; one parsed report holds ${mb(heapHeld - heapFreed)} of heap`);
    console.log(`the parsed form as JSON would be ${mb(persistedBytes)} on disk and take ${readBackMs.toFixed(0)} ms to read back`);
    console.log(`heap after GC: ${mb(heap0)} before, ${mb(heap1)} after paging; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
    feedReport();
  } finally {
    await mcp.close();
    await server.close();
    await spApi.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What persisting the parsed form beside the text would cost on disk and to read back after a restart. */
function readBack(parsed: unknown): { persistedBytes: number; readBackMs: number } {
  const persisted = JSON.stringify(parsed);
  const t = performance.now();
  JSON.parse(persisted);
  return { persistedBytes: Buffer.byteLength(persisted), readBackMs: performance.now() - t };
}

/** A JSON_LISTINGS_FEED processing report with one issue per message, read as feeds_status reads it. */
function feedReport(): void {
  const issues = Array.from({ length: FEED_ISSUES }, (_, i) => ({
    messageId: i + 1,
    sku: `SKU-${i + 1}`,
    code: '90220',
    severity: i % 3 === 0 ? 'ERROR' : 'WARNING',
    message: `'item_name' is required but not supplied. (message ${i + 1})`,
    attributeName: 'item_name',
  }));
  const text = JSON.stringify({ header: { sellerId: 'A1', version: '2.0', feedId: '1' }, summary: { messagesProcessed: FEED_ISSUES }, issues });
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    issuesBySku(JSON.parse(text) as Record<string, unknown>);
    runs.push(performance.now() - t);
  }
  runs.sort((x, y) => x - y);
  console.log(`feed processing report with ${FEED_ISSUES} issues (${mb(text.length)}): parse + group per SKU median ${runs[2]!.toFixed(0)} ms`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

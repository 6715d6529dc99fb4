// Export benchmark: N products from a spreadsheet to accepted listings against the emulator at Amazon's real
// rates, through the MCP tools. Prints submit time, the rate-math minimum for the chosen path, their ratio and 429s.
//   node dist/cli/bench/export.js [--sizes 20,200,2000]
import { ALL_TOOLS } from '../../tools/index.js';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../../emulator/index.js';
import { createServer } from '../../server/create-server.js';
import { buildConfig } from '../../core/config.js';
import { clientForEmulator } from '../connect.js';
import { groupMappings, productValues } from '../demo-assistant.js';
import { generatedRows, toCsv } from './products.js';
import { OPERATIONS } from '../../sp-api/operations.js';
import { FEED_THRESHOLD } from '../../workflows/export/submit.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '20,200,2000' } } });
const sizes = values.sizes!.split(',').map(Number);
const JOB_STEP_MS = 1500;

/** Best case allowed by the usage plans (and, for a feed, the emulator's processing time). */
function minimumSeconds(n: number, path: string): number {
  const search = OPERATIONS.searchListingsItems.plan;
  if (path === 'api') {
    const put = OPERATIONS.putListingsItem.plan;
    const recheckCalls = Math.ceil(n / 20);
    return Math.max(0, n - put.burst) / put.rate + Math.max(0, recheckCalls - search.burst) / search.rate;
  }
  // One createFeed (within burst), emulator processing IN_QUEUE + IN_PROGRESS; the report has the issues.
  return (2 * JOB_STEP_MS) / 1000;
}

async function run(n: number): Promise<void> {
  const emulator = await startEmulator({ jobStepMs: JOB_STEP_MS });
  const dir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-bench-'));
  process.env.SP_API_MCP_EXPORT_ROOTS = dir;
  const { client: spApi, credentials } = clientForEmulator(emulator);
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
  // As a real client does; the SDK client then checks every reply against the tool's output schema.
  await mcp.listTools();
  const t = performance.now();
  const trace = process.env.BENCH_TRACE
    ? (p: { message?: string }) => console.log(`  +${((performance.now() - t) / 1000).toFixed(2)} s ${p.message}`)
    : undefined;
  const call = async (name: string, args: Record<string, unknown>) => {
    const res = await mcp.callTool({ name, arguments: args }, { timeout: 1_800_000, ...(trace ? { onprogress: trace } : {}) });
    const data = (res.structuredContent ?? JSON.parse((res.content as Array<{ text: string }>)[0]!.text)) as Record<string, any>;
    if (res.isError) throw new Error(`${name}: ${JSON.stringify(data)}`);
    return data;
  };
  try {
    const rows = generatedRows(n, `B${n}`);
    const file = join(dir, 'products.csv');
    writeFileSync(file, toCsv(rows));
    const { batchId } = await call('export_load', { path: file });
    await call('export_map', { batchId, groups: groupMappings(rows, 'USD'), products: productValues(rows) });
    const preview = await call('export_preview', { batchId });
    const before = spApi.stats();
    const t0 = performance.now();
    const done = await call('export_submit', { batchId, confirmationToken: preview.confirmationToken, recheckAfterSeconds: 0 });
    const seconds = (performance.now() - t0) / 1000;
    const after = spApi.stats();
    const r = done.result as Record<string, any>;
    const min = minimumSeconds(n, r.path);
    const emuThrottled = emulator.stats().throttled;
    console.log(
      `N=${String(n).padEnd(5)} path=${r.path.padEnd(4)} time=${seconds.toFixed(2)} s  minimum=${min.toFixed(2)} s  ratio=${(seconds / min).toFixed(3)}  ` +
        `accepted=${r.counts.accepted}/${n}  429s=${after.throttled - before.throttled} (emulator saw ${emuThrottled})`,
    );
  } finally {
    await mcp.close();
    await server.close();
    await spApi.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `Export benchmark at Amazon's default usage plans (putListingsItem 5/s burst 10; feed path above ${FEED_THRESHOLD} products; emulator feed step ${JOB_STEP_MS} ms)`,
);
for (const n of sizes) await run(n);

// Stock-only update benchmark: inventory_update for N SKUs through the MCP tool against the emulator at Amazon's
// real rates, each path. Prints the confirmed call's time next to the usage-plan minimum, their ratio and 429s.
//   node dist/cli/bench/inventory.js [--sizes 1000] [--via feed,api]
import { ALL_TOOLS } from '../../tools/index.js';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../../emulator/index.js';
import { createServer } from '../../server/create-server.js';
import { buildConfig } from '../../core/config.js';
import { clientForEmulator } from '../connect.js';
import { OPERATIONS } from '../../sp-api/operations.js';
import { minimumPatchSeconds } from '../../workflows/inventory-update.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000' }, via: { type: 'string', default: 'feed,api' } } });
const sizes = values.sizes!.split(',').map(Number);
const paths = values.via!.split(',') as Array<'feed' | 'api'>;
const JOB_STEP_MS = 1500;

/** Reading the live values (searchListingsItems, 20 SKUs a call) plus the path's own minimum. */
function minimumSeconds(n: number, via: 'feed' | 'api'): number {
  const search = OPERATIONS.searchListingsItems.plan;
  const lookup = Math.max(0, Math.ceil(n / 20) - search.burst) / search.rate;
  // Feed: createFeedDocument, upload, createFeed within burst; the emulator processes in IN_QUEUE + IN_PROGRESS.
  return lookup + (via === 'api' ? minimumPatchSeconds(n, 'api') : (2 * JOB_STEP_MS) / 1000);
}

async function run(n: number, via: 'feed' | 'api'): Promise<void> {
  const emulator = await startEmulator({ jobStepMs: JOB_STEP_MS });
  const dir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-bench-'));
  const { client: spApi, credentials } = clientForEmulator(emulator);
  const seller = credentials.sellerId;
  const template = emulator.context.listings.get(seller, 'NW-TEE-NAVY-M')!;
  const skus = Array.from({ length: n }, (_, i) => `INV-${String(i + 1).padStart(5, '0')}`);
  for (const sku of skus) {
    emulator.context.listings.put(seller, sku, {
      productType: template.productType,
      attributes: template.attributes,
      marketplaceIds: [credentials.marketplaceId],
    });
  }
  const { server } = createServer({
    client: spApi,
    config: buildConfig({ dataDir: dir, defaultMarketplace: credentials.marketplaceId }),
    sellerId: seller,
    tools: ALL_TOOLS,
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const mcp = new Client({ name: 'bench', version: '1' });
  await server.connect(b);
  await mcp.connect(a);
  await mcp.listTools();
  const call = async (args: Record<string, unknown>) => {
    const res = await mcp.callTool({ name: 'inventory_update', arguments: args }, { timeout: 1_800_000 });
    const data = (res.structuredContent ?? JSON.parse((res.content as Array<{ text: string }>)[0]!.text)) as Record<string, any>;
    if (res.isError) throw new Error(JSON.stringify(data));
    return data;
  };
  try {
    const args = { rows: skus.map((sku, i) => ({ sku, quantity: 500 + (i % 50), price: 20 + (i % 10) })), via, waitSeconds: 600 };
    const t0 = performance.now();
    const preview = await call(args);
    const previewSeconds = (performance.now() - t0) / 1000;
    // Let the buckets refill as they would while a human reads the preview.
    await new Promise((r) => setTimeout(r, 5000));
    const before = spApi.stats();
    const t1 = performance.now();
    const done = await call({ ...args, confirmationToken: preview.confirmationToken });
    const seconds = (performance.now() - t1) / 1000;
    const after = spApi.stats();
    const r = done.result as Record<string, any>;
    const min = minimumSeconds(n, via);
    console.log(
      `N=${String(n).padEnd(5)} via=${via.padEnd(4)} preview=${previewSeconds.toFixed(2)} s  confirmed call=${seconds.toFixed(2)} s  ` +
        `minimum=${min.toFixed(2)} s  ratio=${(seconds / min).toFixed(3)}  accepted=${r.accepted}/${n}  429s=${after.throttled - before.throttled}`,
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
  `inventory_update benchmark at Amazon's default usage plans (searchListingsItems 5/s burst 5, 20 SKUs a call; patchListingsItem 5/s burst 5; ` +
    `JSON_LISTINGS_FEED, emulator feed step ${JOB_STEP_MS} ms)`,
);
for (const n of sizes) for (const via of paths) await run(n, via);

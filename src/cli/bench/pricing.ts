// Pricing insight benchmark: pricing_insight for N SKUs (N distinct ASINs) through the MCP tool against the emulator
// at Amazon's rates (0.033 req/s, burst 1 for both batch operations). Prints the time next to the usage-plan minimum.
//   node dist/cli/bench/pricing.js [--sizes 1000] [--rate-scale 1]   (rate-scale > 1 speeds the emulator up)
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
import { minimumPricingSeconds } from '../../workflows/pricing.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000' }, 'rate-scale': { type: 'string', default: '1' } } });
const sizes = values.sizes!.split(',').map(Number);
const rateScale = Number(values['rate-scale']);

async function run(n: number): Promise<void> {
  const emulator = await startEmulator({ rateScale });
  const dir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-bench-'));
  const { client: spApi, credentials } = clientForEmulator(emulator);
  const seller = credentials.sellerId;
  const template = emulator.context.listings.get(seller, 'NW-TEE-NAVY-M')!;
  const skus = Array.from({ length: n }, (_, i) => `PRICE-${String(i + 1).padStart(5, '0')}`);
  skus.forEach((sku, i) => {
    const attributes = template.attributes;
    const offer = structuredClone(attributes.purchasable_offer) as Array<{ our_price: Array<{ schedule: Array<{ value_with_tax: number }> }> }>;
    offer[0]!.our_price[0]!.schedule[0]!.value_with_tax = 15 + (i % 20);
    emulator.context.listings.put(seller, sku, {
      productType: template.productType,
      attributes: { ...attributes, purchasable_offer: offer },
      marketplaceIds: [credentials.marketplaceId],
    });
    // Each SKU on its own ASIN: N distinct ASINs, the worst case for the competitive summary.
    emulator.context.listings.get(seller, sku)!.asin = `B0P${String(i).padStart(7, '0')}`;
  });
  const asins = new Set(skus.map((s) => emulator.context.listings.get(seller, s)!.asin)).size;
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
  try {
    const before = spApi.stats();
    const t0 = performance.now();
    const res = await mcp.callTool(
      { name: 'pricing_insight', arguments: { skus } },
      {
        timeout: 3_600_000,
        resetTimeoutOnProgress: true,
        onprogress: process.env.BENCH_TRACE
          ? (p) => console.log(`  +${((performance.now() - t0) / 1000).toFixed(1)} s ${p.message}`)
          : () => undefined,
      },
    );
    const seconds = (performance.now() - t0) / 1000;
    const data = (res.structuredContent ?? {}) as Record<string, any>;
    if (res.isError) throw new Error(JSON.stringify(res.content));
    const after = spApi.stats();
    // The usage plan's minimum at the rate the emulator enforces (Amazon's when rate-scale is 1).
    const min = minimumPricingSeconds(n, asins) / rateScale;
    const lookup =
      Math.max(0, Math.ceil(n / 20) - OPERATIONS.searchListingsItems.plan.burst) / (OPERATIONS.searchListingsItems.plan.rate * rateScale);
    console.log(
      `N=${n} SKUs (${asins} ASINs) rate-scale=${rateScale}: time=${seconds.toFixed(1)} s  minimum=${(min + lookup).toFixed(1)} s ` +
        `(pricing ${min.toFixed(1)} s + listing lookup ${lookup.toFixed(1)} s)  ratio=${(seconds / (min + lookup)).toFixed(3)}  ` +
        `calls foep=${data.calls.foep} summary=${data.calls.summary}  rows=${data.counts.rows} above FOEP=${data.counts.aboveFoep}  429s=${after.throttled - before.throttled}`,
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
  `pricing_insight benchmark (getFeaturedOfferExpectedPriceBatch and getCompetitiveSummary: ${OPERATIONS.getCompetitiveSummary.plan.rate} req/s, burst 1; 40 SKUs / 20 ASINs a call)`,
);
for (const n of sizes) await run(n);

// Throttle benchmark: N concurrent getListingsItem and N concurrent putListingsItem against the in-process
// emulator at Amazon's real rates (both plans: rate 5/s, burst 10). The two operations have separate usage-plan
// buckets (on Amazon and in our client), so both phases run at the same time by default; --sequential runs
// them one after the other. Ideal time per operation: (N − burst) / rate.
//
//   npm run bench:throttle -- --n 100 [--sequential] [--latency 5 | --latency 0,40]
// --latency adds emulator-side latency per request (fixed ms, or a random range min,max to add jitter).
// With --processes P: P OS processes of one seller share the usage plan (throttle-processes.ts), with --redis
// through Redis (--redis-url, else SP_API_MCP_REDIS_URL) instead of one data directory's SQLite.
import { parseArgs } from 'node:util';
import { startEmulator } from '../../emulator/index.js';
import { SpApiClient } from '../../sp-api/client.js';
import { ThrottleRegistry } from '../../sp-api/throttle.js';
import { OPERATIONS, type OperationName } from '../../sp-api/operations.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100' },
    sequential: { type: 'boolean', default: false },
    latency: { type: 'string', default: '0' },
    /** Client refill safety factor (default 0.97); 1 shows what happens without the margin. */
    safety: { type: 'string', default: '0.97' },
    processes: { type: 'string' },
    redis: { type: 'boolean', default: false },
    'redis-url': { type: 'string' },
    worker: { type: 'boolean', default: false },
  },
});
const N = Number(values.n);
const latencyParts = values.latency.split(',').map(Number);
const latency: number | [number, number] = latencyParts.length === 2 ? [latencyParts[0]!, latencyParts[1]!] : (latencyParts[0] ?? 0);
const hasLatency = Array.isArray(latency) ? latency[1] > 0 : latency > 0;

interface PhaseResult {
  operation: OperationName;
  elapsedS: number;
  idealS: number;
  ratio: number;
  clientThrottled: number;
  emulatorThrottled: number;
  errors: number;
}

async function main(): Promise<void> {
  const emu = await startEmulator({ enforceRateLimits: true, rateScale: 1, ...(hasLatency ? { faults: { latencyMs: latency } } : {}) });
  const client = new SpApiClient({
    credentials: emu.credentials,
    endpoint: emu.endpoint,
    lwaEndpoint: emu.lwaEndpoint,
    throttle: new ThrottleRegistry({ safety: Number(values.safety) }),
  });
  try {
    const skus = emu.context.listings.all(emu.credentials.sellerId).map((l) => l.sku);
    if (skus.length === 0) throw new Error('emulator has no seeded listings');
    // Warm the token cache so the LWA exchange is not part of the measurement.
    await client.lwa.getAccessToken({ refreshToken: emu.credentials.refreshToken });

    const phase = async (operation: 'getListingsItem' | 'putListingsItem'): Promise<PhaseResult> => {
      const before = emu.stats().byOperation[operation]?.throttled ?? 0;
      const clientBefore = client.stats().byOperation[operation]?.throttled ?? 0;
      let errors = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: N }, (_, i) => {
          const call =
            operation === 'getListingsItem'
              ? client.getListingsItem({ sku: skus[i % skus.length]! })
              : client.putListingsItem({
                  sku: `BENCH-${i}`,
                  body: { productType: 'PRODUCT', requirements: 'LISTING', attributes: { item_name: [{ value: `Bench item ${i}` }] } },
                });
          return call.catch((err: unknown) => {
            errors++;
            console.log(`${operation} #${i} failed: ${(err as Error).message}`);
          });
        }),
      );
      const elapsedS = (performance.now() - t0) / 1000;
      const { rate, burst } = OPERATIONS[operation].plan;
      const idealS = Math.max(0, N - burst) / rate;
      return {
        operation,
        elapsedS,
        idealS,
        ratio: idealS > 0 ? elapsedS / idealS : Number.NaN,
        clientThrottled: (client.stats().byOperation[operation]?.throttled ?? 0) - clientBefore,
        emulatorThrottled: (emu.stats().byOperation[operation]?.throttled ?? 0) - before,
        errors,
      };
    };

    console.log(
      `throttle benchmark: N=${N} per operation, ${values.sequential ? 'sequential phases' : 'both operations at once'}, emulator latency ${values.latency} ms, client safety ${values.safety}`,
    );
    const results = values.sequential
      ? [await phase('getListingsItem'), await phase('putListingsItem')]
      : await Promise.all([phase('getListingsItem'), phase('putListingsItem')]);

    for (const r of results) {
      console.log(
        `${r.operation.padEnd(16)} elapsed ${r.elapsedS.toFixed(2)} s  ideal ${r.idealS.toFixed(2)} s  ratio ${r.ratio.toFixed(3)}  ` +
          `429s: client ${r.clientThrottled}, emulator ${r.emulatorThrottled}  errors ${r.errors}`,
      );
    }
    const ok = results.every((r) => r.clientThrottled === 0 && r.emulatorThrottled === 0 && r.errors === 0 && r.ratio <= 1.1);
    console.log(ok ? 'PASS: zero 429s, within 10% of ideal' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await client.close();
    await emu.close();
  }
}

async function entry(): Promise<void> {
  if (values.worker) {
    const { runWorker } = await import('./throttle-processes.js');
    return runWorker();
  }
  if (values.processes !== undefined) {
    const { runProcesses } = await import('./throttle-processes.js');
    const redisUrl = values.redis ? (values['redis-url'] ?? process.env.SP_API_MCP_REDIS_URL ?? process.env.SP_API_MCP_TEST_REDIS_URL) : undefined;
    if (values.redis && !redisUrl) throw new Error('--redis needs --redis-url or SP_API_MCP_REDIS_URL');
    const ok = await runProcesses({ processes: Number(values.processes), n: Number(values.n), redisUrl });
    process.exitCode = ok ? 0 : 1;
    return;
  }
  return main();
}

entry().catch((err: unknown) => {
  console.log(`benchmark failed: ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 1;
});

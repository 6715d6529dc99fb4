// Several OS processes, one seller, one emulator at Amazon's rates: do they share the usage plan?
// The parent starts the emulator and P worker processes (this file, --worker); each worker warms its access token,
// says ready, and on "go" fires its share of N getListingsItem calls at once (plan: 5/s, burst 10). Total time runs
// from "go" to the last response; ideal = (N − burst) / rate, as if one process did all the work. The emulator
// counts the 429s. Each run is made twice: with shared buckets (one data directory's SQLite, or one Redis with
// --redis and a data directory per process) and without (each process its own buckets), to show the difference.
//
//   npm run bench:throttle -- --processes 2 [--n 100] [--redis [--redis-url redis://127.0.0.1:6379]]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SpApiClient, type ClientCredentials } from '../../sp-api/client.js';
import { createThrottleRegistry } from '../../sp-api/throttle-backends.js';
import { ThrottleRegistry } from '../../sp-api/throttle.js';
import { OPERATIONS } from '../../sp-api/operations.js';

type Mode = 'sqlite' | 'redis' | 'none';

interface WorkerJob {
  credentials: ClientCredentials;
  mode: Mode;
  dataDir: string;
  redisUrl?: string;
  skus: string[];
  calls: number;
  offset: number;
}

interface WorkerResult {
  end: number;
  errors: number;
  clientThrottled: number;
  buckets: string;
}

export async function runWorker(): Promise<void> {
  const job = JSON.parse(process.env.SP_API_MCP_BENCH_JOB ?? '{}') as WorkerJob;
  const throttle =
    job.mode === 'none'
      ? new ThrottleRegistry()
      : await createThrottleRegistry(job.mode === 'redis' ? { redisUrl: job.redisUrl } : { dataDir: job.dataDir });
  const client = new SpApiClient({ credentials: job.credentials, throttle });
  await client.lwa.getAccessToken({ refreshToken: job.credentials.refreshToken });
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
  lines.close();
  let errors = 0;
  await Promise.all(
    Array.from({ length: job.calls }, (_, i) =>
      client.getListingsItem({ sku: job.skus[(job.offset + i) % job.skus.length]! }).catch(() => {
        errors++;
      }),
    ),
  );
  const result: WorkerResult = {
    end: Date.now(),
    errors,
    clientThrottled: client.stats().byOperation.getListingsItem?.throttled ?? 0,
    buckets: `${throttle.status().backend}/${throttle.status().state}`,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await client.close();
  await throttle.close();
}

interface RunResult {
  mode: Mode;
  elapsedS: number;
  idealS: number;
  ratio: number;
  emulatorThrottled: number;
  clientThrottled: number;
  errors: number;
  buckets: string;
}

export async function runProcesses(opts: { processes: number; n: number; redisUrl?: string | undefined }): Promise<boolean> {
  const { startEmulator } = await import('../../emulator/index.js');
  const script = fileURLToPath(import.meta.url).replace(/throttle-processes\.js$/, 'throttle.js');
  const shared: Mode = opts.redisUrl ? 'redis' : 'sqlite';

  const once = async (mode: Mode): Promise<RunResult> => {
    // A fresh emulator per run: its buckets start full, as Amazon's would after a pause.
    const emu = await startEmulator({ enforceRateLimits: true, rateScale: 1 });
    const dirs: string[] = [];
    try {
      const skus = emu.context.listings.all(emu.credentials.sellerId).map((l) => l.sku);
      const credentials: ClientCredentials = { ...emu.credentials, endpoint: emu.endpoint, lwaEndpoint: emu.lwaEndpoint };
      const common = mkdtempSync(join(tmpdir(), 'sp-api-mcp-bench-'));
      dirs.push(common);
      const workers = Array.from({ length: opts.processes }, (_, p) => {
        // Redis: a data directory per process, as on separate machines. SQLite: one data directory for all.
        const dataDir = mode === 'redis' ? mkdtempSync(join(tmpdir(), 'sp-api-mcp-bench-')) : common;
        if (dataDir !== common) dirs.push(dataDir);
        const base = Math.floor(opts.n / opts.processes);
        const calls = base + (p < opts.n % opts.processes ? 1 : 0);
        const job: WorkerJob = { credentials, mode, dataDir, skus, calls, offset: p * base, ...(opts.redisUrl ? { redisUrl: opts.redisUrl } : {}) };
        const child = spawn(process.execPath, [script, '--worker'], {
          env: { ...process.env, SP_API_MCP_BENCH_JOB: JSON.stringify(job), SP_API_MCP_LOG_LEVEL: 'warn' },
          stdio: ['pipe', 'pipe', 'inherit'],
        });
        const lines = createInterface({ input: child.stdout });
        const it = lines[Symbol.asyncIterator]();
        const next = async () => {
          const r = await it.next();
          if (r.done) throw new Error(`worker ${p} exited early`);
          return r.value;
        };
        return { child, next };
      });
      for (const w of workers) if ((await w.next()) !== 'ready') throw new Error('worker did not start');
      const before = emu.stats().byOperation.getListingsItem?.throttled ?? 0;
      const start = Date.now();
      for (const w of workers) w.child.stdin.write('go\n');
      const results = await Promise.all(workers.map(async (w) => JSON.parse(await w.next()) as WorkerResult));
      for (const w of workers) w.child.stdin.end();
      const elapsedS = (Math.max(...results.map((r) => r.end)) - start) / 1000;
      const { rate, burst } = OPERATIONS.getListingsItem.plan;
      const idealS = Math.max(0, opts.n - burst) / rate;
      return {
        mode,
        elapsedS,
        idealS,
        ratio: elapsedS / idealS,
        emulatorThrottled: (emu.stats().byOperation.getListingsItem?.throttled ?? 0) - before,
        clientThrottled: results.reduce((s, r) => s + r.clientThrottled, 0),
        errors: results.reduce((s, r) => s + r.errors, 0),
        buckets: [...new Set(results.map((r) => r.buckets))].join(','),
      };
    } finally {
      await emu.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  };

  console.log(
    `throttle benchmark: ${opts.processes} processes, one seller, ${opts.n} getListingsItem in total (rate 5/s, burst 10), ` +
      `shared buckets: ${shared === 'redis' ? 'one Redis, a data directory per process' : 'one data directory (SQLite)'}`,
  );
  const results = [await once(shared), await once('none')];
  for (const r of results) {
    console.log(
      `${(r.mode === 'none' ? 'not shared' : `shared (${r.mode})`).padEnd(16)} elapsed ${r.elapsedS.toFixed(2)} s  ideal ${r.idealS.toFixed(2)} s  ` +
        `ratio ${r.ratio.toFixed(3)}  429s at the emulator ${r.emulatorThrottled}  errors ${r.errors}  buckets ${r.buckets}`,
    );
  }
  const s = results[0]!;
  const ok = s.emulatorThrottled === 0 && s.errors === 0 && s.ratio <= 1.05;
  console.log(ok ? 'PASS (shared): zero 429s, within 5% of ideal' : 'FAIL (shared): goal is zero 429s and ratio ≤ 1.05');
  return ok;
}

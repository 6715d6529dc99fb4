// HTTP benchmark: N concurrent MCP sessions (SDK clients) × M read calls against `sp-api-mcp --http --emulator`,
// in a separate process as a deployment runs it. The read is `audit_recent`: answered from the local store, so
// the figure is our server's own cost per request (per-request server instance, auth, checks), not Amazon's
// rate limits. Prints p50/p95/p99/max latency and errors for each protocol era.
//
//   npm run bench:http -- [--sessions 50] [--calls 20] [--era modern|legacy|both]
//
// Goal (issue 13): 0 errors, p99 under 50 ms.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '50' },
    calls: { type: 'string', default: '20' },
    era: { type: 'string', default: 'both' },
  },
});
const SESSIONS = Number(values.sessions);
const CALLS = Number(values.calls);
const eras = values.era === 'both' ? (['modern', 'legacy'] as const) : ([values.era] as ('modern' | 'legacy')[]);
const TOKEN = 'bench-token-0123456789abcdef';
const cli = fileURLToPath(new URL('../../bin/sp-api-mcp.js', import.meta.url));

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-bench-http-'));
  const child = spawn(process.execPath, [cli, '--http', '--emulator', '--port', '0'], {
    env: { ...process.env, SP_API_MCP_HTTP_TOKEN: TOKEN, SP_API_MCP_DATA_DIR: dataDir, SP_API_MCP_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout! }).once('line', (l) => res((JSON.parse(l) as { url: string }).url));
    child.once('exit', (c) => rej(new Error(`server exited with ${c}`)));
  });
  try {
    for (const era of eras) {
      const clients = await Promise.all(
        Array.from({ length: SESSIONS }, async () => {
          const c = new Client({ name: 'bench', version: '1' }, era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {});
          await c.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
          await c.listTools();
          return c;
        }),
      );
      // One untimed call each: connections and lazily loaded modules warm.
      await Promise.all(clients.map((c) => c.callTool({ name: 'audit_recent', arguments: {} })));
      const latencies: number[] = [];
      let errors = 0;
      const started = performance.now();
      await Promise.all(
        clients.map(async (c) => {
          for (let i = 0; i < CALLS; i++) {
            const t0 = performance.now();
            try {
              const res = await c.callTool({ name: 'audit_recent', arguments: { limit: 5 } });
              if (res.isError) errors++;
            } catch {
              errors++;
            }
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const wall = (performance.now() - started) / 1000;
      await Promise.all(clients.map((c) => c.close()));
      const sorted = latencies.sort((a, b) => a - b);
      const f = (n: number) => `${n.toFixed(1)} ms`;
      console.log(
        `${era.padEnd(6)} ${SESSIONS} sessions × ${CALLS} calls = ${latencies.length}: p50 ${f(pct(sorted, 50))}, p95 ${f(pct(sorted, 95))}, ` +
          `p99 ${f(pct(sorted, 99))}, max ${f(sorted.at(-1) ?? NaN)}, errors ${errors}, ${(latencies.length / wall).toFixed(0)} calls/s ` +
          `(load ${loadavg()[0]!.toFixed(1)})`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();

// Start-up benchmark: spawn → `initialize` answered, and resident memory right after, for sp-api-mcp (credentials
// mode, fake credentials: initialize needs no network) next to a bare SDK v2 server with one echo tool, in the same
// run and measured the same way. `--emulator` mode is measured too, for information. Runs are interleaved (the
// order rotates each round) so a busy spell on the machine hits every server alike; one untimed warm-up each first.
//
//   npm run bench:startup -- [--runs 15] [--no-emulator] [--main other/dist/bin/sp-api-mcp.js]   (default: the bundled command users run)
// --main measures another build of sp-api-mcp (e.g. an older commit) against the same bare server.
//
// Goals (issue 9): median start-up ≤ 1.5 × the bare server's, median RSS ≤ 90 MB.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const TIME_GOAL = 1.5;
const RSS_GOAL_MB = 90;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    'no-emulator': { type: 'boolean', default: false },
    main: { type: 'string' },
  },
});
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a positive whole number');

const MAIN = values.main ? resolve(values.main) : fileURLToPath(new URL('../../bin/sp-api-mcp.js', import.meta.url));
const BARE = fileURLToPath(new URL('./bare-server.js', import.meta.url));

interface Target {
  label: string;
  args: string[];
}

interface Sample {
  /** spawn → initialize response, ms */
  initMs: number;
  /** spawn → tools/list response, ms (sent right after initialize, as clients do) */
  listMs: number;
  /** user + system CPU time of the server process at initialize, ms (10 ms resolution) */
  cpuMs: number;
  /** VmRSS right after initialize, MB */
  rssMb: number;
}

const dataDir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-bench-startup-'));
// Fake but well-formed credentials; SP_API_CONFIG points nowhere so a real config file cannot take part.
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SP_API_'))),
  SP_API_CLIENT_ID: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
  SP_API_CLIENT_SECRET: 'bench-secret',
  SP_API_REFRESH_TOKEN: 'Atzr|bench-refresh-token',
  SP_API_SELLER_ID: 'A1BENCHSELLER01',
  SP_API_MARKETPLACE: 'US',
  SP_API_CONFIG: join(dataDir, 'no-config.json'),
  SP_API_MCP_DATA_DIR: dataDir,
};

const rpc = (id: number, method: string, params: object) => `${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`;
const INITIALIZE = rpc(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench-startup', version: '1.0.0' } });
const INITIALIZED = `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`;
const TOOLS_LIST = rpc(2, 'tools/list', {});

/** Reads what the kernel reports for the process; the same for every server measured. */
function procStats(pid: number): { rssMb: number; cpuMs: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  // Fields after "(comm) ": state is field 3, utime 14, stime 15, in clock ticks (100 per second on Linux).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssMb: rssKb / 1024, cpuMs: ticks * 10 };
}

function measure(target: Target): Promise<Sample> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, target.args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let buffered = '';
    let sample: Partial<Sample> = {};
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${target.label}: no answer within 30 s`));
    }, 30_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (sample.listMs === undefined) reject(new Error(`${target.label} exited (${code ?? signal}) before answering`));
      else resolvePromise(sample as Sample);
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const msg = JSON.parse(line) as { id?: number; result?: unknown; error?: unknown };
        if (msg.error) {
          child.kill('SIGKILL');
          reject(new Error(`${target.label}: ${JSON.stringify(msg.error)}`));
        } else if (msg.id === 1) {
          const initMs = performance.now() - started;
          sample = { initMs, ...procStats(child.pid!) };
          child.stdin.write(INITIALIZED + TOOLS_LIST);
        } else if (msg.id === 2) {
          sample.listMs = performance.now() - started;
          // Both servers exit when stdin closes, as under an MCP client.
          child.stdin.end();
        }
      }
    });
    child.stdin.write(INITIALIZE);
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const spread = (xs: number[], digits = 0) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

async function main(): Promise<void> {
  const ours: Target = { label: 'sp-api-mcp (credentials)', args: [MAIN] };
  const bare: Target = { label: 'bare SDK v2 server, 1 tool', args: [BARE] };
  const targets = [ours, bare];
  if (!values['no-emulator']) targets.push({ label: 'sp-api-mcp --emulator (info)', args: [MAIN, '--emulator'] });
  const samples = new Map<Target, Sample[]>(targets.map((t) => [t, []]));

  console.log(`server: ${MAIN}`);
  console.log(
    `node ${process.version}, ${RUNS} runs each, interleaved; load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const t of targets) await measure(t); // warm-up: file cache, and the data dir's database created once
  for (let i = 0; i < RUNS; i++) {
    for (let k = 0; k < targets.length; k++) {
      const t = targets[(i + k) % targets.length]!;
      samples.get(t)!.push(await measure(t));
    }
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log('median (min–max)');
  const rows = targets.map((t) => {
    const s = samples.get(t)!;
    return [
      t.label,
      spread(s.map((x) => x.initMs)),
      spread(s.map((x) => x.cpuMs)),
      spread(
        s.map((x) => x.rssMb),
        1,
      ),
      spread(s.map((x) => x.listMs)),
    ];
  });
  const head = ['server', 'initialize ms', 'cpu ms', 'rss MB', 'tools/list ms'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  for (const r of [head, ...rows]) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));

  const o = samples.get(ours)!;
  const b = samples.get(bare)!;
  const timeRatio = median(o.map((x) => x.initMs)) / median(b.map((x) => x.initMs));
  // Each round measures both servers within a second of each other, so the ratio inside a round cancels most of
  // what other processes do to the machine; its median is the steadier figure when the medians drift.
  const pairedRatio = median(o.map((x, i) => x.initMs / b[i]!.initMs));
  const cpuRatio = median(o.map((x) => x.cpuMs)) / median(b.map((x) => x.cpuMs));
  const rss = median(o.map((x) => x.rssMb));
  const rssRatio = rss / median(b.map((x) => x.rssMb));
  console.log(
    `start-up ratio (median initialize, ours / bare): ${timeRatio.toFixed(2)}x  goal <= ${TIME_GOAL}x: ${timeRatio <= TIME_GOAL ? 'met' : 'NOT met'}`,
  );
  console.log(`paired ratio (median over rounds of ours / bare in the same round): ${pairedRatio.toFixed(2)}x`);
  console.log(`cpu ratio (median, ours / bare): ${cpuRatio.toFixed(2)}x (information: steadier than wall time on a busy machine)`);
  console.log(
    `idle rss (median): ${rss.toFixed(1)} MB, ${rssRatio.toFixed(2)}x bare  goal <= ${RSS_GOAL_MB} MB: ${rss <= RSS_GOAL_MB ? 'met' : 'NOT met'}`,
  );
  rmSync(dataDir, { recursive: true, force: true });
}

await main();

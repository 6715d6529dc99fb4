// A script that awaits more throttled calls than the bucket's burst, with nothing else alive in the process,
// must wait for them: queued requests keep Node running (once they did not, and the script exited with code 13).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'keep-alive-'));
let emulator: ChildProcess;
let line: Record<string, string>;

beforeAll(async () => {
  // A separate emulator process, so nothing in the script's process keeps the event loop alive but the client.
  emulator = spawn(process.execPath, [join(root, 'dist/cli/main.js'), 'emulator', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((res) => createInterface({ input: emulator.stdout! }).once('line', res));
  line = JSON.parse(first) as Record<string, string>;
});
afterAll(() => {
  emulator?.kill();
  rmSync(dir, { recursive: true, force: true });
});

it('waits for queued throttled calls instead of exiting with them pending', () => {
  const script = join(dir, 'bulk.mjs');
  const client = pathToFileURL(join(root, 'dist/sp-api/client.js')).href;
  writeFileSync(
    script,
    `import { SpApiClient } from ${JSON.stringify(client)};
const e = ${JSON.stringify(line)};
const c = new SpApiClient({ credentials: e, endpoint: e.endpoint, lwaEndpoint: e.lwaEndpoint });
const sku = (await c.searchListingsItems({ pageSize: 1 })).items[0].sku;
// getListingsItem: burst 10 at 5/s, so the last five wait on the bucket's timer.
const items = await Promise.all(Array.from({ length: 15 }, () => c.getListingsItem({ sku })));
console.log(JSON.stringify({ done: items.length }));
await c.close();
`,
  );
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, SP_API_MCP_LOG_LEVEL: 'error' } });
  expect(run.stderr).not.toMatch(/unsettled top-level await/);
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toEqual({ done: 15 });
});

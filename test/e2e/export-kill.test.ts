// Durable jobs: kill the server (SIGKILL, a real child process) during a 200-product submit, restart it, and
// check that export_status tells the truth and export_submit finishes with nothing lost and nothing sent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { generatedRows, toCsv } from '../../src/cli/bench/products.js';
import { groupMappings, productValues } from '../../src/cli/demo-assistant.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const N = 200;

let emulator: ChildProcess;
let line: Record<string, string>;
let work: string;

async function server(dataDir: string): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli],
    cwd: root,
    env: {
      ...(process.env as Record<string, string>),
      SP_API_CLIENT_ID: line.clientId!,
      SP_API_CLIENT_SECRET: line.clientSecret!,
      SP_API_REFRESH_TOKEN: line.refreshToken!,
      SP_API_SELLER_ID: line.sellerId!,
      SP_API_MARKETPLACE: line.marketplaceId!,
      SP_API_ENDPOINT: line.endpoint!,
      SP_API_LWA_ENDPOINT: line.lwaEndpoint!,
      SP_API_MCP_DATA_DIR: dataDir,
      SP_API_MCP_EXPORT_ROOTS: work,
      SP_API_MCP_LOG_LEVEL: 'error',
    },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'kill-test', version: '1.0.0' });
  await client.connect(transport);
  // As a real client does; the SDK client then checks every reply against the tool's output schema.
  await client.listTools();
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await client.callTool({ name, arguments: args }, { timeout: 300_000 });
  const data = (res.structuredContent ?? JSON.parse((res.content as Array<{ text: string }>)[0]!.text)) as Record<string, any>;
  if (res.isError) throw new Error(`${name}: ${JSON.stringify(data)}`);
  return data;
}

async function acceptedWrites(): Promise<Record<string, number>> {
  const res = await fetch(`${line.endpoint}/_emulator/state`);
  return ((await res.json()) as { acceptedWrites: Record<string, number> }).acceptedWrites;
}

describe.skipIf(!existsSync(cli))('export survives SIGKILL mid-submit', () => {
  beforeAll(async () => {
    mkdirSync(join(root, '.tmp'), { recursive: true });
    work = mkdtempSync(join(root, '.tmp', 'kill-'));
    emulator = spawn(process.execPath, [cli, 'emulator', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const first = await new Promise<string>((resolve) => createInterface({ input: emulator.stdout! }).once('line', resolve));
    line = JSON.parse(first) as Record<string, string>;
  });
  afterAll(() => {
    emulator?.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  });

  it('loses nothing and duplicates nothing', async () => {
    const dataDir = join(work, 'data');
    const rows = generatedRows(N, 'KILL');
    const file = join(work, 'products.csv');
    writeFileSync(file, toCsv(rows));

    const a = await server(dataDir);
    const loaded = await call(a, 'export_load', { path: file });
    const batchId = loaded.batchId as string;
    const mapped = await call(a, 'export_map', { batchId, groups: groupMappings(rows, 'USD'), products: productValues(rows) });
    expect(mapped.counts.valid).toBe(N);
    const preview = await call(a, 'export_preview', { batchId });
    // Not awaited: the server is killed while this runs.
    void a
      .callTool(
        { name: 'export_submit', arguments: { batchId, confirmationToken: preview.confirmationToken, recheckAfterSeconds: 1 } },
        { timeout: 300_000 },
      )
      .catch(() => undefined);
    // Wait until a good part has gone out, then kill without warning.
    for (let i = 0; i < 200 && Object.keys(await acceptedWrites()).filter((s) => s.startsWith('KILL-')).length < 60; i++)
      await new Promise((r) => setTimeout(r, 100));
    const pid = (a.transport as unknown as { pid: number | null }).pid;
    expect(pid).toBeTruthy();
    process.kill(pid!, 'SIGKILL');
    await a.close().catch(() => undefined);

    const before = Object.keys(await acceptedWrites()).filter((s) => s.startsWith('KILL-'));
    expect(before.length).toBeGreaterThanOrEqual(60);
    expect(before.length).toBeLessThan(N);

    const b = await server(dataDir);
    try {
      // The truth after a crash: everything Amazon has is submitted (or marked uncertain), nothing more.
      const seen: Array<{ sku: string; state: string }> = [];
      for (let offset = 0; ; offset += 50) {
        const page = await call(b, 'export_status', { batchId, offset, limit: 50 });
        seen.push(...page.products);
        if (page.nextOffset === undefined) break;
      }
      expect(seen.length).toBe(N);
      const sent = new Set(seen.filter((p) => ['submitting', 'submitted', 'accepted'].includes(p.state)).map((p) => p.sku));
      const sure = seen.filter((p) => ['submitted', 'accepted'].includes(p.state)).map((p) => p.sku);
      for (const sku of before) expect(sent.has(sku), `${sku} reached Amazon but the store does not know`).toBe(true);
      for (const sku of sure) expect(before, `${sku} marked submitted but Amazon never got it`).toContain(sku);
      expect(seen.filter((p) => p.state === 'submitting').length).toBeLessThanOrEqual(10);

      // Resume: no new confirmation, every product exactly once.
      const resumed = await call(b, 'export_submit', { batchId, recheckAfterSeconds: 1 });
      expect(resumed.phase).toBe('executed');
      const status = await call(b, 'export_status', { batchId });
      expect(status.counts.accepted).toBe(N);
      const writes = await acceptedWrites();
      const mine = Object.entries(writes).filter(([s]) => s.startsWith('KILL-'));
      expect(mine.length).toBe(N);
      expect(mine.filter(([, n]) => n !== 1)).toEqual([]);
    } finally {
      await b.close();
    }
  }, 180_000);
});

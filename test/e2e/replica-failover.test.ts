// Replicas on one PostgreSQL: two server processes (separate data directories) and one emulator process. Replica A
// runs a 200-product export and is killed with SIGKILL mid-submit; replica B is asked to submit the same batch,
// waits for A's lease to lapse, looks up what A left uncertain, and finishes: nothing lost, nothing accepted twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { generatedRows, toCsv } from '../../src/cli/bench/products.js';
import { groupMappings, productValues } from '../../src/cli/demo-assistant.js';
import { databaseUrl } from '../helpers/services.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const N = 200;
const PG = databaseUrl('the replica failover test');

let emulator: ChildProcess;
let line: Record<string, string>;
let work: string;
let dbUrl: string;
const dbName = `failover_${randomBytes(4).toString('hex')}`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function replica(dataDir: string): Promise<Client> {
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
      SP_API_MCP_DATABASE_URL: dbUrl,
      SP_API_MCP_BATCH_LEASE_SECONDS: '3',
      SP_API_MCP_EXPORT_ROOTS: work,
      SP_API_MCP_LOG_LEVEL: 'error',
    },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'failover-test', version: '1.0.0' });
  await client.connect(transport);
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

describe.skipIf(!PG || !existsSync(cli))('replicas on one PostgreSQL: failover mid-submit', () => {
  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
    const u = new URL(PG!);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
    mkdirSync(join(root, '.tmp'), { recursive: true });
    work = mkdtempSync(join(root, '.tmp', 'failover-'));
    emulator = spawn(process.execPath, [cli, 'emulator', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const first = await new Promise<string>((resolve) => createInterface({ input: emulator.stdout! }).once('line', resolve));
    line = JSON.parse(first) as Record<string, string>;
  });
  afterAll(async () => {
    emulator?.kill('SIGTERM');
    if (work) rmSync(work, { recursive: true, force: true });
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch(() => undefined);
  });

  it('the surviving replica finishes the batch: 0 lost, 0 accepted twice', async () => {
    const rows = generatedRows(N, 'FAIL');
    const file = join(work, 'products.csv');
    writeFileSync(file, toCsv(rows));

    const a = await replica(join(work, 'data-a'));
    const b = await replica(join(work, 'data-b'));
    try {
      const loaded = await call(a, 'export_load', { path: file });
      const batchId = loaded.batchId as string;
      const mapped = await call(a, 'export_map', { batchId, groups: groupMappings(rows, 'USD'), products: productValues(rows) });
      expect(mapped.counts.valid).toBe(N);
      // Previewed on B, confirmed on A: replicas sign confirmation tokens with the database's key.
      const preview = await call(b, 'export_preview', { batchId });
      void a
        .callTool(
          { name: 'export_submit', arguments: { batchId, confirmationToken: preview.confirmationToken, recheckAfterSeconds: 1 } },
          { timeout: 300_000 },
        )
        .catch(() => undefined);
      for (let i = 0; i < 300 && Object.keys(await acceptedWrites()).filter((s) => s.startsWith('FAIL-')).length < 60; i++)
        await new Promise((r) => setTimeout(r, 100));
      const pid = (a.transport as unknown as { pid: number | null }).pid;
      expect(pid).toBeTruthy();
      process.kill(pid!, 'SIGKILL');
      await a.close().catch(() => undefined);
      const before = Object.keys(await acceptedWrites()).filter((s) => s.startsWith('FAIL-'));
      expect(before.length).toBeGreaterThanOrEqual(60);
      expect(before.length).toBeLessThan(N);

      // Replica B sees the batch A was running (from PostgreSQL), waits out A's lease, and finishes it.
      const t0 = Date.now();
      const resumed = await call(b, 'export_submit', { batchId, recheckAfterSeconds: 1 });
      expect(resumed.phase).toBe('executed');
      expect(Date.now() - t0).toBeGreaterThan(500); // it did wait for the lease
      const status = await call(b, 'export_status', { batchId });
      expect(status.counts.accepted).toBe(N);
      const writes = await acceptedWrites();
      const mine = Object.entries(writes).filter(([s]) => s.startsWith('FAIL-'));
      expect(mine.length).toBe(N);
      expect(mine.filter(([, n]) => n !== 1)).toEqual([]);
      // The audit log of A's confirmation and execution is B's too.
      const audit = await call(b, 'audit_recent', { limit: 50 });
      expect(JSON.stringify(audit)).toContain('export_submit');
    } finally {
      await b.close();
      await a.close().catch(() => undefined);
    }
  }, 240_000);
});

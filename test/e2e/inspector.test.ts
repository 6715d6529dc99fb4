// End to end: the built server over stdio, driven by the MCP Inspector CLI (a client we did not write).
import { describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ALL_TOOLS } from '../../src/tools/index.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const server = join(root, 'dist', 'cli', 'main.js');
// The Inspector passes the server only the variables named with -e: the data directory must be one of them.
const dataDir = join(root, '.tmp', 'e2e-data');
const inspectorBin = [join(root, 'node_modules', '@modelcontextprotocol', 'inspector', 'clients', 'launcher', 'build', 'index.js')];

async function inspect(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [...inspectorBin, '--cli', '-e', `SP_API_MCP_DATA_DIR=${dataDir}`, 'node', server, ...args],
      {
        cwd: root,
        timeout: 60_000,
        env: { ...process.env, SP_API_MCP_DATA_DIR: join(root, '.tmp', 'e2e-data') },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe.skipIf(!existsSync(server))('MCP Inspector CLI against the built server (stdio)', () => {
  it('tools/list --strict exits 0 and lists every tool with annotations and an output schema', async () => {
    const r = await inspect(['--emulator', '--method', 'tools/list', '--strict']);
    expect(r.code, r.stderr).toBe(0);
    const tools = (JSON.parse(r.stdout) as { tools: Array<{ name: string; annotations?: Record<string, boolean>; outputSchema?: unknown }> }).tools;
    expect(tools.map((t) => t.name).sort()).toEqual(ALL_TOOLS.map((t) => t.name).sort());
    for (const t of tools) {
      expect(t.outputSchema, t.name).toBeTruthy();
      expect(Object.keys(t.annotations ?? {})).toEqual(
        expect.arrayContaining(['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint']),
      );
    }
  });

  it('tools/call succeeds with exit 0, and a tool error exits 5', async () => {
    const ok = await inspect(['--emulator', '--method', 'tools/call', '--tool-name', 'listings_get', '--tool-args-json', '{"sku":"NW-TEE-NAVY-M"}']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('NW-TEE-NAVY-M');
    const bad = await inspect(['--emulator', '--method', 'tools/call', '--tool-name', 'listings_get', '--tool-args-json', '{"sku":"NO-SUCH-SKU"}']);
    expect(bad.code).toBe(5);
  });

  it('--read-only lists no write tool', async () => {
    const r = await inspect(['--emulator', '--read-only', '--method', 'tools/list']);
    expect(r.code, r.stderr).toBe(0);
    const tools = (JSON.parse(r.stdout) as { tools: Array<{ annotations?: { readOnlyHint?: boolean } }> }).tools;
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
  });

  it.each(['2025-06-18', '2025-11-25'])('writes nothing but JSON-RPC to stdout, and negotiates protocol %s', async (version) => {
    const child = spawn(process.execPath, [server, '--emulator'], {
      cwd: root,
      env: { ...process.env, SP_API_MCP_LOG_LEVEL: 'debug', SP_API_MCP_DATA_DIR: join(root, '.tmp', 'e2e-data') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    const send = (msg: unknown) => child.stdin.write(`${JSON.stringify(msg)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'listings_search', arguments: { pageSize: 2 } } });
    const deadline = Date.now() + 30_000;
    while (!stdout.includes('"id":2') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(JSON.parse(line).jsonrpc).toBe('2.0');
    // A client on an older protocol version gets that version back, and tools work.
    expect(JSON.parse(lines[0]!).result.protocolVersion).toBe(version);
    const call = lines.map((l) => JSON.parse(l)).find((m) => m.id === 2);
    expect(call.result.structuredContent.listings.length).toBe(2);
  });
});

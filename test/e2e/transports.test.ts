// The built command as clients start it: stdio answers the 2026-07-28 entry point (server/discover) as well as the
// 2025 handshake; `--http` prints exactly one JSON line with its URL and serves both eras; an exposed address
// without authentication is refused at start.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/bin/sp-api-mcp.js');
const dataDir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-transports-'));
const env = { ...(process.env as Record<string, string>), SP_API_MCP_DATA_DIR: dataDir, SP_API_MCP_LOG_LEVEL: 'error' };
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('stdio', () => {
  it('answers server/discover on the raw wire (2026-07-28), not Method not found', async () => {
    const child = spawn(process.execPath, [cli, '--emulator'], { cwd: root, env, stdio: ['pipe', 'pipe', 'ignore'] });
    children.push(child);
    const lines = createInterface({ input: child.stdout! });
    const reply = new Promise<Record<string, any>>((res) => lines.once('line', (l) => res(JSON.parse(l) as Record<string, any>)));
    child.stdin!.write(
      `${JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'server/discover',
        params: {
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientCapabilities': {},
            'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
          },
        },
      })}\n`,
    );
    const msg = await reply;
    expect(msg.error, JSON.stringify(msg)).toBeUndefined();
    expect(JSON.stringify(msg.result)).toContain('2026-07-28');
    child.kill('SIGTERM');
  });

  it('serves an SDK client pinned to 2026-07-28 and one on the 2025 handshake', async () => {
    for (const modern of [true, false]) {
      const client = new Client({ name: 'e2e', version: '1' }, modern ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {});
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli, '--emulator'], cwd: root, env, stderr: 'ignore' }));
      const { tools } = await client.listTools();
      expect(tools.some((t) => t.name === 'listings_patch')).toBe(true);
      const res = await client.callTool({ name: 'account_status', arguments: {} });
      expect(res.isError).not.toBe(true);
      await client.close();
    }
  });
});

function startHttp(
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; url?: string; exit?: number; stderr: string }> {
  const child = spawn(process.execPath, [cli, '--http', '--emulator', '--port', '0', ...args], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((res) => {
    createInterface({ input: child.stdout! }).once('line', (l) => res({ child, url: (JSON.parse(l) as { url: string }).url, stderr }));
    child.once('exit', (code) => res({ child, exit: code ?? -1, stderr }));
  });
}

describe('--http', () => {
  it('prints exactly {"url": ...} and serves both eras with the bearer token', async () => {
    const token = 'e2e-token-0123456789abcdef';
    const { child, url } = await startHttp([], { SP_API_MCP_HTTP_TOKEN: token });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    for (const modern of [true, false]) {
      const client = new Client({ name: 'e2e', version: '1' }, modern ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {});
      await client.connect(new StreamableHTTPClientTransport(new URL(url!), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
      const res = await client.callTool({ name: 'catalog_search', arguments: { keywords: ['skillet'] } });
      expect(res.isError).not.toBe(true);
      await client.close();
    }
    const unauth = await fetch(url!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unauth.status).toBe(401);
    child.kill('SIGTERM');
  });

  it('refuses to start on a non-loopback address without authentication', async () => {
    const { exit, stderr, url } = await startHttp(['--host', '0.0.0.0']);
    expect(url).toBeUndefined();
    expect(exit).toBe(1);
    expect(stderr).toMatch(/needs authentication/);
  });
});

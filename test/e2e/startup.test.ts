// Start-up cost: the built server in credentials mode answers `initialize` without loading what no first request
// needs (emulator, demo, exceljs, csv-parse, undici, Ajv, iconv-lite). Checked by recording every module the process
// loads, not by timing, so the test holds on a busy machine; `npm run bench:startup` measures the time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');

let work: string;

const recorder = pathToFileURL(join(import.meta.dirname, 'fixtures', 'record-modules.mjs')).href;

async function modulesLoadedByInitialize(args: string[]): Promise<string[]> {
  const file = join(work, `loaded-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, '');
  const child = spawn(process.execPath, ['--import', recorder, cli, ...args], {
    cwd: root,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SP_API_'))),
      SP_API_CLIENT_ID: 'amzn1.application-oa2-client.0123456789abcdef0123456789abcdef',
      SP_API_CLIENT_SECRET: 'test-secret',
      SP_API_REFRESH_TOKEN: 'Atzr|test-refresh-token',
      SP_API_SELLER_ID: 'A1STARTUPTEST01',
      SP_API_MARKETPLACE: 'US',
      SP_API_CONFIG: join(work, 'no-config.json'),
      SP_API_MCP_DATA_DIR: join(work, 'data'),
      SP_API_MCP_LOG_LEVEL: 'error',
      LOADED_MODULES_FILE: file,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const answer = await new Promise<Record<string, unknown>>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)) as Record<string, unknown>);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before answering: ${stderr}`)));
    child.stdin.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`,
    );
  });
  expect(answer.result, JSON.stringify(answer)).toMatchObject({ serverInfo: { name: 'sp-api-mcp' } });
  // Closing stdin shuts the server down; the recorder writes the CommonJS modules on exit.
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.stdin.end();
  await exited;
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

const lazy = [
  '/dist/emulator/',
  '/dist/cli/demo',
  '/dist/validation/ajv.js',
  '/dist/workflows/export/read-source.js',
  '/node_modules/exceljs/',
  '/node_modules/csv-parse/',
  '/node_modules/undici/',
  '/node_modules/ajv/',
  '/node_modules/ajv-formats/',
  '/node_modules/iconv-lite/',
  '/node_modules/@modelcontextprotocol/client/',
];

describe.skipIf(!existsSync(cli))('start-up of the built server', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'sp-api-mcp-startup-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('credentials mode answers initialize without loading the emulator, exceljs, undici, Ajv or the file readers', async () => {
    const loaded = await modulesLoadedByInitialize([]);
    const norm = loaded.map((u) => u.replace(/^file:\/\//, '').replace(/\\/g, '/'));
    // The recorder sees both kinds of module: the server's own (ESM) and pino (CommonJS).
    expect(norm.some((u) => u.endsWith('/dist/server/create-server.js'))).toBe(true);
    expect(norm.some((u) => u.includes('/node_modules/pino/'))).toBe(true);
    for (const part of lazy)
      expect(
        norm.filter((u) => u.includes(part)),
        part,
      ).toEqual([]);
  });

  it('--emulator mode loads the emulator (the recorder does see lazy modules)', async () => {
    const norm = (await modulesLoadedByInitialize(['--emulator'])).map((u) => u.replace(/^file:\/\//, ''));
    expect(norm.some((u) => u.includes('/dist/emulator/index.js'))).toBe(true);
    expect(norm.some((u) => u.includes('/node_modules/ajv/'))).toBe(true);
  });
});

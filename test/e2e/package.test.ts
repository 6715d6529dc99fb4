// The package a user installs: `npm pack` of a fresh copy of the sources (prepack builds it), installed from the
// tarball into an empty prefix with dependencies from the registry (or npm's cache), then its `sp-api-mcp` bin run
// the way MCP clients run it. Also keeps server.json (the MCP registry entry) in step with package.json.
//
// better-sqlite3 is a native addon. Its install script fetches a prebuilt binary or compiles SQLite (about two
// minutes on two cores when GitHub is out of reach), so by default the install runs with --ignore-scripts and the
// addon this checkout's `npm ci` already built is copied in when the versions match (else `npm rebuild` builds it).
// SP_API_MCP_PACKAGE_TEST_FULL_INSTALL=1 runs the install scripts as a user's install would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { SERVER_VERSION } from '../../src/server/create-server.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  mcpName?: string;
  bin: Record<string, string>;
};
const serverJson = JSON.parse(readFileSync(join(root, 'server.json'), 'utf8')) as Record<string, any>;
const FULL_INSTALL = process.env.SP_API_MCP_PACKAGE_TEST_FULL_INSTALL === '1';

let work: string;
let tarballFiles: string[];
let bin: string;
let empty: string;

/** The npm that runs this suite when there is one (npm test), else npm from PATH. */
function npm(args: string[], cwd: string, timeout: number) {
  const cli = process.env.npm_execpath;
  const [cmd, pre] = cli && /npm-cli\.[cm]?js$/.test(cli) ? [process.execPath, [cli]] : ['npm', []];
  // Our own npm run's package_* and lifecycle variables must not leak into the inner npm.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(package|lifecycle)_/.test(k)));
  return run(cmd, [...pre, ...args], { cwd, timeout, env, maxBuffer: 64 * 1024 * 1024 });
}

/** A fresh clone's files (tracked, plus new files not ignored), without dist/ or node_modules. */
async function copySources(to: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  for (const file of stdout.split('\0')) {
    if (!file || file === 'node_modules' || file.startsWith('node_modules/') || !existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(root, file), join(to, file));
  }
  // The build needs the dev dependencies (typescript, @types/*).
  symlinkSync(realpathSync(join(root, 'node_modules')), join(to, 'node_modules'), 'junction');
}

function serverEnv(dataDir: string): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k, v]) => v !== undefined && !k.startsWith('SP_API_') && k !== 'NODE_PATH' && !k.startsWith('npm_')),
  ) as Record<string, string>;
  return { ...env, SP_API_MCP_DATA_DIR: dataDir, SP_API_MCP_LOG_LEVEL: 'error' };
}

describe('server.json (MCP registry entry)', () => {
  it('names the npm package, its version and mcpName, and the credentials the server reads', () => {
    expect(serverJson.$schema).toMatch(/^https:\/\/static\.modelcontextprotocol\.io\/schemas\/\d{4}-\d{2}-\d{2}\/server\.schema\.json$/);
    expect(serverJson.name).toMatch(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
    expect(pkg.mcpName).toBe(serverJson.name);
    expect(serverJson.description.length).toBeGreaterThan(0);
    expect(serverJson.description.length).toBeLessThanOrEqual(100);
    expect(serverJson.title?.length ?? 0).toBeLessThanOrEqual(100);
    // One version everywhere: package.json, server.json, its npm package, and what initialize reports.
    expect(serverJson.version).toBe(pkg.version);
    expect(SERVER_VERSION).toBe(pkg.version);
    expect(serverJson.packages).toHaveLength(1);
    const [p] = serverJson.packages as Array<Record<string, any>>;
    expect(p).toMatchObject({
      registryType: 'npm',
      registryBaseUrl: 'https://registry.npmjs.org',
      identifier: pkg.name,
      version: pkg.version,
      transport: { type: 'stdio' },
    });

    const vars = new Map((p!.environmentVariables as Array<{ name: string; isRequired?: boolean; isSecret?: boolean }>).map((v) => [v.name, v]));
    for (const name of ['SP_API_CLIENT_ID', 'SP_API_CLIENT_SECRET', 'SP_API_REFRESH_TOKEN', 'SP_API_SELLER_ID', 'SP_API_MARKETPLACE']) {
      expect(vars.get(name)?.isRequired, name).toBe(true);
    }
    const secrets = [...vars.values()].filter((v) => v.isSecret).map((v) => v.name);
    expect(secrets.sort()).toEqual(['SP_API_CLIENT_SECRET', 'SP_API_REFRESH_TOKEN']);
    // Every variable listed is one the code actually reads.
    const sources = ['src/auth/credentials.ts', 'src/core/config.ts', 'src/workflows/export/source-file.ts']
      .map((f) => readFileSync(join(root, f), 'utf8'))
      .join('\n');
    for (const name of vars.keys()) expect(sources, name).toContain(`env.${name}`);
  });
});

describe('the installed package (npm pack → npm install → sp-api-mcp)', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sp-api-mcp-package-'));
    const sources = join(work, 'sources');
    const out = join(work, 'out');
    const prefix = join(work, 'prefix');
    empty = join(work, 'cwd');
    for (const d of [sources, out, prefix, empty]) mkdirSync(d, { recursive: true });
    await copySources(sources);

    // npm prints the pack result as JSON on stdout; prepack's build output goes to stderr.
    const packed = await npm(['pack', '--json', '--pack-destination', out], sources, 300_000);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarballFiles = info!.files.map((f) => f.path);

    const install = [
      'install',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      ...(FULL_INSTALL ? [] : ['--ignore-scripts']),
      join(out, info!.filename),
    ];
    await npm(install, work, 600_000);
    if (!FULL_INSTALL) {
      const installed = join(prefix, 'node_modules', 'better-sqlite3');
      const ours = dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json'));
      const version = (dir: string) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
      const addon = join(ours, 'build', 'Release', 'better_sqlite3.node');
      if (version(installed) === version(ours) && existsSync(addon)) {
        mkdirSync(join(installed, 'build', 'Release'), { recursive: true });
        copyFileSync(addon, join(installed, 'build', 'Release', 'better_sqlite3.node'));
      } else {
        await npm(['rebuild', 'better-sqlite3'], prefix, 600_000);
      }
    }
    bin = join(prefix, 'node_modules', '.bin', 'sp-api-mcp');
  }, 900_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the tarball holds the built server, the sample files and no sources, tests or benchmarks', () => {
    expect(tarballFiles).toContain(pkg.bin['sp-api-mcp']!.replace(/^\.\//, ''));
    expect(tarballFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/bin/sp-api-mcp.js', 'examples/products.csv']));
    // Only the bundle ships: the unbundled modules (dist/cli, dist/server, …) are for tests and benchmarks.
    const unwanted = tarballFiles.filter(
      (f) =>
        /^(src|test|docs|scripts|\.ci|\.tmp|node_modules)\//.test(f) ||
        (f.startsWith('dist/') && !f.startsWith('dist/bin/')) ||
        (f.endsWith('.ts') && !f.endsWith('.d.ts')),
    );
    expect(unwanted).toEqual([]);
    expect(readFileSync(realpathSync(bin), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('sp-api-mcp --emulator answers initialize and lists every tool', async () => {
    const transport = new StdioClientTransport({
      command: bin,
      args: ['--emulator'],
      cwd: empty,
      env: serverEnv(join(work, 'data-emulator')),
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const client = new Client({ name: 'package-test', version: '1.0.0' });
    try {
      await client.connect(transport);
      expect(client.getServerVersion()).toMatchObject({ name: 'sp-api-mcp', version: pkg.version });
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(ALL_TOOLS.map((t) => t.name).sort());
    } catch (err) {
      throw new Error(`${(err as Error).message}\nserver stderr:\n${stderr}`, { cause: err });
    } finally {
      await client.close();
    }
  });

  it('sp-api-mcp emulator --port 0 prints exactly one JSON line, then serves LWA tokens', async () => {
    const child = spawn(bin, ['emulator', '--port', '0'], {
      cwd: empty,
      env: serverEnv(join(work, 'data-standalone')),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const lines: string[] = [];
      createInterface({ input: child.stdout }).on('line', (l) => lines.push(l));
      const deadline = Date.now() + 30_000;
      while (lines.length === 0 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      const line = JSON.parse(lines[0] ?? 'null') as Record<string, string> | null;
      expect(line).toMatchObject({
        endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        lwaEndpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//),
      });
      for (const k of ['clientId', 'clientSecret', 'refreshToken', 'sellerId', 'marketplaceId']) expect(typeof line![k], k).toBe('string');

      const res = await fetch(line!.lwaEndpoint!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: line!.refreshToken!,
          client_id: line!.clientId!,
          client_secret: line!.clientSecret!,
        }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { access_token?: string }).access_token).toBeTruthy();
      expect(lines).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('sp-api-mcp --version and the demo (which reads the sample CSV shipped in the package) work', async () => {
    const env = serverEnv(join(work, 'data-demo'));
    const version = await run(bin, ['--version'], { cwd: empty, env });
    expect(version.stderr.trim()).toBe(pkg.version);
    const demo = await run(bin, ['demo', '--data-dir', join(work, 'data-demo')], { cwd: empty, env, timeout: 120_000 });
    expect(demo.stdout).toMatch(/export_status: total 20 /);
    const reports = readdirSync(join(work, 'data-demo', 'resources', 'export-reports'));
    expect(reports.length).toBeGreaterThan(0);
  }, 150_000);
});

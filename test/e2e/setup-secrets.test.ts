// From zero to a connected seller with the built command, against the emulator over real HTTP: setup
// (non-interactive), serving with --profile through a real MCP client over stdio, doctor, credentials rotate
// (Application Management + SigV4-signed SQS) and migrate. Then the leak check: no secret or token anywhere under
// the config and data directories, in logs or in replies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator } from '../../src/emulator/types.js';
import { EncryptedFileStore } from '../../src/auth/secret-store.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'bin', 'sp-api-mcp.js');
const built = existsSync(cli);
if (!built) console.warn('[skip] dist/ not built (npm run build): setup e2e tests are skipped.');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let emu: RunningEmulator;
let work: string;
let env: NodeJS.ProcessEnv;
/** Every secret value that must never be written anywhere. */
let secrets: string[];
const logs: string[] = [];

function run(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env: { ...env, ...extra }, timeout: 60_000 }, (err, stdout, stderr) => {
      logs.push(stdout, stderr);
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

function leaks(text: string): string[] {
  // Access tokens are never known to the test, so any Atza| value counts as a leak too.
  return [...secrets.filter((s) => text.includes(s)).map((s) => `${s.slice(0, 12)}…`), ...(/Atza\|/.test(text) ? ['an access token'] : [])];
}

describe.skipIf(!built)('setup, serve, doctor, rotate with the built command', () => {
  beforeAll(async () => {
    // Usage plans off: the test runs doctor (a dozen calls) many times within a minute.
    emu = await startEmulator({ enforceRateLimits: false });
    work = mkdtempSync(join(tmpdir(), 'sp-setup-'));
    const c = emu.credentials;
    secrets = [c.clientSecret, c.refreshToken, emu.rotation.awsSecretAccessKey];
    env = {
      PATH: process.env.PATH,
      HOME: work,
      XDG_CONFIG_HOME: join(work, 'config'),
      SP_API_MCP_DATA_DIR: join(work, 'data'),
      SP_API_MCP_SECRET_STORE: 'encrypted-file',
      SP_API_MCP_PASSPHRASE: 'a passphrase for the test',
      SP_API_MCP_LOG_LEVEL: 'debug',
      SP_API_ENDPOINT: emu.endpoint,
      SP_API_LWA_ENDPOINT: emu.lwaEndpoint,
    };
  }, 30_000);

  afterAll(async () => {
    await emu?.close();
  });

  it('setup --non-interactive verifies the connection and writes a profile with references only', async () => {
    const c = emu.credentials;
    const r = await run(['setup', '--profile', 'shop', '--non-interactive'], {
      SP_API_CLIENT_ID: c.clientId,
      SP_API_CLIENT_SECRET: c.clientSecret,
      SP_API_REFRESH_TOKEN: c.refreshToken,
      SP_API_SELLER_ID: c.sellerId,
      SP_API_MARKETPLACE: 'US',
      SP_API_MCP_MARKETPLACES: 'CA',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('✓ Connected');
    expect(r.stdout).toMatch(/✓ listings/);
    const config = JSON.parse(readFileSync(join(work, 'config', 'sp-api-mcp', 'config.json'), 'utf8'));
    expect(config.profiles.shop).toMatchObject({
      clientId: c.clientId,
      sellerId: c.sellerId,
      marketplace: 'US',
      marketplaces: ['US', 'CA'],
      clientSecretRef: 'encrypted-file:profile/shop/clientSecret',
      refreshTokenRef: 'encrypted-file:profile/shop/refreshToken',
    });
    expect(config.profiles.shop.clientSecret).toBeUndefined();
  });

  it('a wrong secret is refused and nothing is saved', async () => {
    const c = emu.credentials;
    const r = await run(['setup', '--profile', 'bad', '--non-interactive'], {
      SP_API_CLIENT_ID: c.clientId,
      SP_API_CLIENT_SECRET: 'amzn1.oa2-cs.v1.wrong',
      SP_API_REFRESH_TOKEN: c.refreshToken,
      SP_API_SELLER_ID: c.sellerId,
      SP_API_MARKETPLACE: 'US',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invalid_client.*Nothing was saved/);
    expect(JSON.parse(readFileSync(join(work, 'config', 'sp-api-mcp', 'config.json'), 'utf8')).profiles.bad).toBeUndefined();
  });

  it('sp-api-mcp --profile serves with the stored secrets (no secret in the environment)', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cli, '--profile', 'shop'],
      env: env as Record<string, string>,
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const client = new Client({ name: 'setup-e2e', version: '1' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('account_status');
      const res = await client.callTool({ name: 'account_status', arguments: {} });
      const data = res.structuredContent as Record<string, any>;
      expect(data).toMatchObject({ connected: true, sellerId: emu.credentials.sellerId, profile: 'shop' });
      expect(data.clientSecret.daysLeft).toBe(180);
      expect(data.warnings).toBeUndefined();
      // The profile's marketplaces are the allowlist.
      expect(
        data.marketplaces
          .filter((m: { allowedHere: boolean }) => m.allowedHere)
          .map((m: { countryCode: string }) => m.countryCode)
          .sort(),
      ).toEqual(['CA', 'US']);
      logs.push(JSON.stringify(res), JSON.stringify(tools));
    } finally {
      await client.close();
    }
    logs.push(stderr);
  }, 30_000);

  it('doctor passes every check in order; --json has the documented shape', async () => {
    const r = await run(['doctor', '--profile', 'shop', '--json']);
    const report = JSON.parse(r.stdout);
    expect(report.ok, r.stdout).toBe(true);
    expect(r.code).toBe(0);
    expect(report.checks.map((c: { name: string }) => c.name)).toEqual([
      'config',
      'secrets',
      'lwa',
      'clock',
      'endpoint',
      'marketplaces',
      'roles',
      'rate-limits',
      'data-dir',
      'secret-age',
    ]);
    for (const c of report.checks) expect(Object.keys(c).sort()).toEqual(['detail', 'fix', 'name', 'ok']);
    const text = await run(['doctor', '--profile', 'shop']);
    expect(text.stdout).toMatch(/^✓ config: /m);
    expect(text.stdout).toContain('All checks passed.');
  }, 60_000);

  it('credentials rotate: grantless rotation, the new secret from SigV4-signed SQS, verified, then stored', async () => {
    const before = emu.credentials.clientSecret;
    const r = await run(['credentials', 'rotate', '--profile', 'shop', '--wait', '10'], {
      SP_API_ROTATION_QUEUE_URL: emu.rotation.queueUrl,
      AWS_ACCESS_KEY_ID: emu.rotation.awsAccessKeyId,
      AWS_SECRET_ACCESS_KEY: emu.rotation.awsSecretAccessKey,
    });
    expect(r.code, r.stderr).toBe(0);
    const after = emu.credentials.clientSecret;
    expect(after).not.toBe(before);
    secrets.push(after);
    const store = new EncryptedFileStore({
      file: join(work, 'config', 'sp-api-mcp', 'secrets.enc.json'),
      passphrase: env.SP_API_MCP_PASSPHRASE,
      keyFile: join(work, 'nokey'),
    });
    expect(store.get('profile/shop/clientSecret')).toBe(after);
    expect(store.get('profile/shop/clientSecret.pending')).toBeUndefined();
    expect(emu.sqs.depth(emu.rotation.queueUrl)).toBe(0);
    // The old secret stops working now: doctor must pass on the new one alone.
    emu.rotateClientSecret(emu.credentials.clientId);
    secrets.push(emu.credentials.clientSecret);
    const d = await run(['doctor', '--profile', 'shop', '--json']);
    expect(JSON.parse(d.stdout).checks.find((c: { name: string }) => c.name === 'lwa')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/invalid_client/),
    });
    store.set('profile/shop/clientSecret', emu.credentials.clientSecret);
    expect((await run(['doctor', '--profile', 'shop', '--json'])).code).toBe(0);
  }, 60_000);

  it('SQS refuses a request signed with the wrong key', async () => {
    const { receiveMessages } = await import('../../src/auth/sqs.js');
    await expect(
      receiveMessages({ queueUrl: emu.rotation.queueUrl, accessKeyId: emu.rotation.awsAccessKeyId, secretAccessKey: 'wrong' }),
    ).rejects.toThrow(/InvalidSignatureException/);
  });

  it('doctor warns about an old client secret, and account_status carries the warning', async () => {
    const file = join(work, 'config', 'sp-api-mcp', 'config.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    config.profiles.shop.clientSecretSetAt = new Date(Date.now() - 160 * 86_400_000).toISOString();
    writeFileSync(file, JSON.stringify(config));
    const d = await run(['doctor', '--profile', 'shop', '--json']);
    expect(d.code).toBe(1);
    expect(JSON.parse(d.stdout).checks.at(-1)).toMatchObject({
      name: 'secret-age',
      ok: false,
      detail: expect.stringContaining('expires in 20 days'),
    });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cli, '--profile', 'shop'],
      env: env as Record<string, string>,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'setup-e2e', version: '1' });
    await client.connect(transport);
    try {
      await client.listTools();
      const res = await client.callTool({ name: 'account_status', arguments: {} });
      expect((res.structuredContent as Record<string, any>).warnings).toEqual([expect.stringContaining('credentials rotate')]);
      logs.push(JSON.stringify(res));
    } finally {
      await client.close();
    }
  }, 30_000);

  it('doctor reports a revoked authorisation as invalid_grant with the fix', async () => {
    const other = mkdtempSync(join(tmpdir(), 'sp-setup-revoked-'));
    const revoked = `Atzr|revoked-${Date.now()}`;
    emu.revokeRefreshToken(revoked);
    // The emulator accepts only registered refresh tokens: an unknown one is invalid_grant, as a revoked one is.
    const r = await run(['doctor', '--json'], {
      XDG_CONFIG_HOME: other,
      SP_API_CLIENT_ID: emu.credentials.clientId,
      SP_API_CLIENT_SECRET: emu.credentials.clientSecret,
      SP_API_REFRESH_TOKEN: revoked,
      SP_API_SELLER_ID: emu.credentials.sellerId,
      SP_API_MARKETPLACE: 'US',
    });
    expect(r.code, r.stdout).toBe(1);
    const lwa = JSON.parse(r.stdout).checks.find((c: { name: string }) => c.name === 'lwa');
    expect(lwa).toMatchObject({ ok: false, detail: expect.stringContaining('invalid_grant'), fix: expect.stringContaining('re-authorise') });
  });

  it('credentials migrate moves a plaintext profile into the store', async () => {
    const file = join(work, 'config', 'sp-api-mcp', 'config.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    config.profiles.legacy = {
      clientId: emu.credentials.clientId,
      clientSecret: emu.credentials.clientSecret,
      refreshToken: emu.credentials.refreshToken,
      sellerId: emu.credentials.sellerId,
      marketplace: 'US',
    };
    writeFileSync(file, JSON.stringify(config));
    const flagged = await run(['doctor', '--profile', 'legacy', '--json']);
    expect(JSON.parse(flagged.stdout).checks[0]).toMatchObject({ name: 'config', ok: false, fix: expect.stringContaining('credentials migrate') });
    const r = await run(['credentials', 'migrate']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('legacy');
    const after = JSON.parse(readFileSync(file, 'utf8')).profiles.legacy;
    expect(after.clientSecret).toBeUndefined();
    expect(after.clientSecretRef).toBe('encrypted-file:profile/legacy/clientSecret');
    const migrated = await run(['doctor', '--profile', 'legacy', '--json']);
    expect(migrated.code, migrated.stdout).toBe(0);
  }, 60_000);

  it('--profiles serves several accounts from one process', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cli, '--profiles', 'shop,legacy'],
      // A credential variable would belong to one account only: it is ignored with --profiles.
      env: { ...(env as Record<string, string>), SP_API_CLIENT_SECRET: 'amzn1.oa2-cs.v1.ignored' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'setup-e2e', version: '1' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      const status = tools.find((t) => t.name === 'account_status')!;
      expect((status.inputSchema.properties as Record<string, { enum?: string[] }>).account?.enum).toEqual(['shop', 'legacy']);
      const res = await client.callTool({ name: 'account_status', arguments: { account: 'legacy' } });
      expect(res.structuredContent).toMatchObject({
        connected: true,
        account: 'legacy',
        accounts: [{ name: 'shop', default: true }, { name: 'legacy' }],
      });
      logs.push(JSON.stringify(res));
    } finally {
      await client.close();
    }
    expect(existsSync(join(work, 'data', 'accounts', 'legacy', 'sp-api-mcp.db'))).toBe(true);
  }, 30_000);

  it('no secret or token anywhere under the config and data directories, in logs or in replies', () => {
    const problems: string[] = [];
    for (const f of [...allFiles(join(work, 'config')), ...allFiles(join(work, 'data'))]) {
      const found = leaks(readFileSync(f, 'latin1'));
      if (found.length) problems.push(`${f}: ${found.join(', ')}`);
    }
    logs.forEach((text, i) => {
      const found = leaks(text);
      if (found.length) problems.push(`output #${i}: ${found.join(', ')}`);
    });
    expect(problems).toEqual([]);
    expect(allFiles(join(work, 'config')).length).toBeGreaterThan(1);
  });
});

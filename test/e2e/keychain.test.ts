// The OS keychain for real on Linux: a private D-Bus session with gnome-keyring's Secret Service (Debian packages
// from scripts/ci-system-deps.sh), then setup and doctor with the built command. Skips with a message where the
// Secret Service cannot start (no packages, other OS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator } from '../../src/emulator/types.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'bin', 'sp-api-mcp.js');
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const reason =
  process.platform !== 'linux'
    ? 'not Linux'
    : !has('dbus-run-session')
      ? 'dbus-run-session not installed'
      : !has('gnome-keyring-daemon')
        ? 'gnome-keyring-daemon not installed'
        : !existsSync(cli)
          ? 'dist/ not built'
          : undefined;
if (reason) console.warn(`[skip] real keychain test: ${reason} (scripts/ci-system-deps.sh installs gnome-keyring and dbus).`);

describe.skipIf(reason !== undefined)('OS keychain (Secret Service via gnome-keyring)', () => {
  let emu: RunningEmulator;
  let work: string;
  let output = '';

  beforeAll(async () => {
    emu = await startEmulator({ enforceRateLimits: false });
    work = mkdtempSync(join(tmpdir(), 'sp-keychain-'));
    const c = emu.credentials;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: work,
      XDG_CONFIG_HOME: join(work, 'config'),
      XDG_DATA_HOME: join(work, 'share'),
      XDG_RUNTIME_DIR: work,
      SP_API_MCP_DATA_DIR: join(work, 'data'),
      SP_API_MCP_KEYCHAIN_SERVICE: `sp-api-mcp-test-${process.pid}`,
      SP_API_ENDPOINT: emu.endpoint,
      SP_API_LWA_ENDPOINT: emu.lwaEndpoint,
    };
    const setupEnv = `SP_API_CLIENT_ID='${c.clientId}' SP_API_CLIENT_SECRET='${c.clientSecret}' SP_API_REFRESH_TOKEN='${c.refreshToken}' SP_API_SELLER_ID='${c.sellerId}' SP_API_MARKETPLACE=US`;
    const script = join(work, 'session.sh');
    writeFileSync(
      script,
      [
        'set -u',
        // The daemon starts inside this private session bus and dies with it.
        `echo -n 'keyring-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || { echo KEYRING-FAILED; exit 0; }`,
        `env ${setupEnv} '${process.execPath}' '${cli}' setup --profile kc --non-interactive; echo "SETUP-EXIT=$?"`,
        `'${process.execPath}' '${cli}' doctor --profile kc --json; echo "DOCTOR-EXIT=$?"`,
      ].join('\n'),
    );
    output = await new Promise<string>((resolve) => {
      execFile('dbus-run-session', ['--', 'bash', script], { env, timeout: 60_000 }, (_err, stdout, stderr) => resolve(`${stdout}\n${stderr}`));
    });
  }, 90_000);

  afterAll(async () => {
    await emu?.close();
  });

  it('setup stores the secrets in the keychain, config.json holds references, doctor reads them back', (ctx) => {
    if (output.includes('KEYRING-FAILED')) {
      console.warn('[skip] gnome-keyring-daemon could not start in a D-Bus session.');
      ctx.skip();
    }
    expect(output).toContain('SETUP-EXIT=0');
    expect(output).toMatch(/secrets in the OS keychain/);
    const profile = JSON.parse(readFileSync(join(work, 'config', 'sp-api-mcp', 'config.json'), 'utf8')).profiles.kc;
    expect(profile).toMatchObject({ clientSecretRef: 'keychain:profile/kc/clientSecret', refreshTokenRef: 'keychain:profile/kc/refreshToken' });
    const doctor = JSON.parse(output.split('\n').find((l) => l.startsWith('{"ok"'))!);
    expect(doctor.checks.find((c: { name: string }) => c.name === 'secrets')).toMatchObject({ ok: true, detail: 'readable (keychain)' });
    expect(output).toContain('DOCTOR-EXIT=0');
    // No secret in our files (the keyring's own encrypted store under share/keyrings is gnome-keyring's business).
    const ours = [join(work, 'config'), join(work, 'data')].flatMap((d) =>
      existsSync(d) ? (readdirSync(d, { recursive: true }) as string[]).map((f) => join(d, f)).filter((f) => statSync(f).isFile()) : [],
    );
    for (const f of ours) {
      const text = readFileSync(f, 'latin1');
      expect(text.includes(emu.credentials.clientSecret) || text.includes(emu.credentials.refreshToken), f).toBe(false);
    }
  });
});

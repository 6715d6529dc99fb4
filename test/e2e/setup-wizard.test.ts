// The interactive wizard in a real terminal (tmux), typed into as a person would, with the browser step played by
// the test against the emulator's consent page: consent → redirect to the one-shot 127.0.0.1 listener with
// spapi_oauth_code and state → authorization_code exchange → verification → profile saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator } from '../../src/emulator/types.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'bin', 'sp-api-mcp.js');
const tmuxOk = spawnSync('tmux', ['-V']).status === 0;
const built = existsSync(cli);
if (!tmuxOk) console.warn('[skip] tmux not installed (scripts/ci-system-deps.sh installs it): the interactive setup wizard test is skipped.');
if (!built) console.warn('[skip] dist/ not built: the interactive setup wizard test is skipped.');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!tmuxOk || !built)('setup wizard in a real terminal', () => {
  let emu: RunningEmulator;
  let work: string;
  const socket = `sp-wizard-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  let session = 'w';
  let script = '';
  const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', session);
  const type = (text: string) => {
    tmux('send-keys', '-t', session, '-l', text);
    tmux('send-keys', '-t', session, 'Enter');
  };
  async function waitFor(pattern: RegExp, ms = 20_000): Promise<RegExpMatchArray> {
    const until = Date.now() + ms;
    for (;;) {
      const m = screen().match(pattern);
      if (m) return m;
      if (Date.now() > until) throw new Error(`Timed out waiting for ${pattern}; screen:\n${screen()}`);
      await sleep(100);
    }
  }

  beforeAll(async () => {
    emu = await startEmulator({ enforceRateLimits: false });
    work = mkdtempSync(join(tmpdir(), 'sp-wizard-'));
    const env = {
      XDG_CONFIG_HOME: join(work, 'config'),
      SP_API_MCP_DATA_DIR: join(work, 'data'),
      SP_API_MCP_SECRET_STORE: 'encrypted-file',
      SP_API_MCP_PASSPHRASE: 'wizard passphrase',
      SP_API_ENDPOINT: emu.endpoint,
      SP_API_LWA_ENDPOINT: emu.lwaEndpoint,
    };
    script = join(work, 'run.sh');
    writeFileSync(
      script,
      `${Object.entries(env)
        .map(([k, v]) => `export ${k}='${v}'`)
        .join('\n')}\n'${process.execPath}' '${cli}' setup --no-browser\necho "WIZARD-EXIT=$?"\nsleep 60\n`,
    );
    tmux('new-session', '-d', '-s', 'w', '-x', '250', '-y', '60', `bash '${script}'`);
  }, 30_000);

  afterAll(async () => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
    await emu?.close();
  });

  it('walks a person through browser authorisation and saves a profile', async () => {
    const c = emu.credentials;
    await waitFor(/Marketplaces .*: $/m);
    type('US');
    await waitFor(/LWA client id .*: $/m);
    type('not-a-client-id');
    await waitFor(/✗ expected amzn1\.application-oa2-client/);
    type(c.clientId);
    await waitFor(/LWA client secret \(not shown\): $/m);
    type(c.clientSecret);
    await waitFor(/Choose 1 or 2 \[1\]: $/m);
    type('1');
    await waitFor(/App id .*: $/m);
    type(c.applicationId);
    await waitFor(/published .*: $/m);
    type('n');
    const [url] = await waitFor(/http:\/\/127\.0\.0\.1:\d+\/apps\/authorize\/consent\?\S+/);
    const consent = new URL(url);
    expect(consent.searchParams.get('version')).toBe('beta');
    expect(consent.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    const redirectUri = consent.searchParams.get('redirect_uri')!;

    // A forged redirect with another state is refused, and the wizard keeps waiting for the real one.
    const forged = await fetch(`${redirectUri}?state=forged&spapi_oauth_code=ANx&selling_partner_id=A1EVIL00000000`);
    expect(forged.status).toBe(400);

    // The "browser": the seller confirms on the consent page, Amazon redirects to the local listener.
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(302);
    const location = new URL(page.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe(consent.searchParams.get('state'));
    expect(location.searchParams.get('selling_partner_id')).toBe(c.sellerId);
    const done = await fetch(location);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You can close this window');

    await waitFor(/✓ Connected/);
    await waitFor(/Profile name \[default\]: $/m);
    type('wizard');
    await waitFor(/WIZARD-EXIT=0/, 30_000);
    const text = screen();
    expect(text).toContain('✓ Saved profile "wizard"');
    expect(text).not.toContain(c.clientSecret); // typed, but never echoed

    const config = JSON.parse(readFileSync(join(work, 'config', 'sp-api-mcp', 'config.json'), 'utf8'));
    expect(config.profiles.wizard).toMatchObject({
      clientId: c.clientId,
      sellerId: c.sellerId,
      applicationId: c.applicationId,
      refreshTokenRef: 'encrypted-file:profile/wizard/refreshToken',
    });
    const files = ['config.json', 'secrets.enc.json'].map((f) => readFileSync(join(work, 'config', 'sp-api-mcp', f), 'utf8')).join('');
    expect(files).not.toContain(c.clientSecret);
    expect(files).not.toMatch(/Atzr\|/);
  }, 90_000);

  it('or takes a pasted self-authorisation refresh token (not echoed) and the seller id', async () => {
    const c = emu.credentials;
    session = 'p';
    tmux('new-session', '-d', '-s', 'p', '-x', '250', '-y', '60', `bash '${script}'`);
    await waitFor(/Marketplaces .*: $/m);
    type('US,CA');
    await waitFor(/LWA client id .*: $/m);
    type(c.clientId);
    await waitFor(/LWA client secret \(not shown\): $/m);
    type(c.clientSecret);
    await waitFor(/Choose 1 or 2 \[1\]: $/m);
    type('2');
    await waitFor(/Refresh token .*: $/m);
    type(c.refreshToken);
    await waitFor(/Seller id .*: $/m);
    type(c.sellerId);
    await waitFor(/Profile name \[default\]: $/m);
    type('pasted');
    await waitFor(/WIZARD-EXIT=0/, 30_000);
    const text = screen();
    expect(text).not.toContain(c.refreshToken);
    expect(text).not.toContain(c.clientSecret);
    const config = JSON.parse(readFileSync(join(work, 'config', 'sp-api-mcp', 'config.json'), 'utf8'));
    expect(config.profiles.pasted).toMatchObject({
      marketplace: 'US',
      marketplaces: ['US', 'CA'],
      refreshTokenRef: 'encrypted-file:profile/pasted/refreshToken',
    });
  }, 90_000);
});

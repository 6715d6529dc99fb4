// `sp-api-mcp doctor`: every check in order with ✓/✗ and the fix; `--json` prints one object. Exit 0 only when all
// pass. Later checks that need a working connection are reported as not run rather than failing noisily.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFilePath, loadCredentials, readConfigFile, type SpApiCredentials } from '../auth/credentials.js';
import { LwaInvalidClientError, LwaInvalidGrantError } from '../auth/lwa.js';
import { secretAge } from '../auth/secret-age.js';
import { defaultDataDir } from '../core/config.js';
import { resolveMarketplace, endpointFor } from '../lib/marketplaces.js';
import type { DoctorArgs } from './args.js';
import { checkClient, describeError, participations, probeRoles } from './checks.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix: string;
}

const MAX_SKEW_MS = 5 * 60_000;

export async function doctorChecks(args: Pick<DoctorArgs, 'profile' | 'dataDir'>, env: NodeJS.ProcessEnv = process.env): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: string, fix = '') => checks.push({ name, ok, detail, fix: ok ? '' : fix });
  const skipped = (name: string, why: string) => add(name, false, `not run: ${why}`, 'fix the checks above first');
  const configFile = configFilePath(env);
  const profileName = args.profile ?? env.SP_API_PROFILE;

  // 1. config and profile
  let configOk = true;
  try {
    const config = readConfigFile(configFile);
    if (profileName && !config?.profiles[profileName]) {
      configOk = false;
      add('config', false, `profile "${profileName}" not found in ${configFile}`, `run \`sp-api-mcp setup --profile ${profileName}\``);
    } else {
      const p = profileName ? config!.profiles[profileName]! : undefined;
      const plaintext =
        p && (p.clientSecret || p.refreshToken || p.clientSecretRef?.startsWith('plaintext:') || p.refreshTokenRef?.startsWith('plaintext:'));
      add(
        'config',
        !plaintext,
        p ? `profile "${profileName}" in ${configFile}${plaintext ? ' holds PLAINTEXT secrets' : ''}` : 'no profile: environment variables only',
        'run `sp-api-mcp credentials migrate` to move the secrets into the keychain or the encrypted file',
      );
    }
  } catch (err) {
    configOk = false;
    add('config', false, (err as Error).message, `fix or remove ${configFile}, then run \`sp-api-mcp setup\``);
  }

  // 2. secret store readable (resolving the references)
  let creds: SpApiCredentials | undefined;
  if (configOk) {
    try {
      creds = loadCredentials({ env, ...(profileName ? { profile: profileName } : {}) });
      add('secrets', true, `readable (${creds.secretSource ?? 'env'})`);
    } catch (err) {
      add('secrets', false, (err as Error).message, 'unlock the keychain, set SP_API_MCP_PASSPHRASE, or run `sp-api-mcp setup` again');
    }
  } else skipped('secrets', 'no usable config');

  const client = creds ? checkClient(creds) : undefined;
  try {
    // 3. LWA token
    let lwaOk = false;
    if (client && creds) {
      try {
        await client.lwa.getAccessToken({ refreshToken: creds.refreshToken });
        lwaOk = true;
        add('lwa', true, 'access token issued');
      } catch (err) {
        const fix =
          err instanceof LwaInvalidClientError
            ? 'the client secret is wrong or was rotated: `sp-api-mcp credentials rotate`, or paste the current secret with `sp-api-mcp setup`'
            : err instanceof LwaInvalidGrantError
              ? 'the authorisation was revoked: re-authorise with `sp-api-mcp setup`'
              : 'check the network and SP_API_LWA_ENDPOINT';
        add('lwa', false, describeError(err), fix);
      }
    } else skipped('lwa', 'no credentials');

    // 4-5. clock skew and endpoint reachable (one request; any HTTP answer proves reachability)
    if (creds) {
      const endpoint = creds.endpoint ?? endpointFor(creds.region, creds.sandbox);
      try {
        const { request } = await import('undici');
        const res = await request(`${endpoint}/`, { method: 'GET', headersTimeout: 15_000, bodyTimeout: 15_000 });
        await res.body.dump();
        const date = Date.parse(String(res.headers.date ?? ''));
        if (Number.isFinite(date)) {
          const skew = Date.now() - date;
          add(
            'clock',
            Math.abs(skew) < MAX_SKEW_MS,
            `local clock is ${Math.round(skew / 1000)} s off the server`,
            'synchronise the system clock (NTP)',
          );
        } else add('clock', true, 'server sent no Date header; not measured');
        add('endpoint', true, `${endpoint} answered (HTTP ${res.statusCode})`);
      } catch (err) {
        skipped('clock', 'endpoint unreachable');
        add('endpoint', false, `${endpoint}: ${(err as Error).message}`, 'check the network, proxy settings and SP_API_ENDPOINT');
      }
    } else {
      skipped('clock', 'no credentials');
      skipped('endpoint', 'no credentials');
    }

    // 6. participations vs the allowlist
    if (client && creds && lwaOk) {
      try {
        const parts = (await participations(client)).filter((p) => p.participating);
        const profile = profileName ? readConfigFile(configFile)?.profiles[profileName] : undefined;
        const wanted = [
          creds.marketplaceId,
          ...(env.SP_API_MCP_MARKETPLACES ?? '').split(',').filter((s) => s.trim()),
          ...(profile?.marketplaces ?? []),
        ].map((m) => resolveMarketplace(m.trim()).id);
        const missing = [...new Set(wanted)].filter((id) => !parts.some((p) => p.marketplaceId === id));
        add(
          'marketplaces',
          missing.length === 0,
          `seller participates in ${parts.map((p) => p.countryCode || p.marketplaceId).join(', ') || 'none'}${missing.length ? `; not in ${missing.join(', ')}` : ''}`,
          'remove the marketplaces the seller does not sell in from the profile / SP_API_MCP_MARKETPLACES',
        );
      } catch (err) {
        add('marketplaces', false, describeError(err), 'the app needs access to the Sellers API; re-authorise with `sp-api-mcp setup`');
      }
      // 7. each role-gated area
      const roles = await probeRoles(client, creds.sellerId, creds.marketplaceId);
      const failing = roles.filter((r) => !r.ok);
      add(
        'roles',
        failing.length === 0,
        roles.map((r) => `${r.ok ? '✓' : '✗'} ${r.area}${r.ok ? '' : ` (${r.detail})`}`).join(', '),
        `add the missing role(s) to the app in Developer Central (${[...new Set(failing.map((r) => r.role))].join('; ')}), then re-authorise with \`sp-api-mcp setup\``,
      );
      // 8. rate-limit state
      const stats = client.stats();
      const low = client.throttleState().filter((b) => b.queued > 0);
      add(
        'rate-limits',
        low.length === 0,
        `${stats.requests ?? 0} requests, ${low.length} queues waiting`,
        'another process is using the same app heavily; wait or lower its load',
      );
    } else {
      skipped('marketplaces', 'no LWA token');
      skipped('roles', 'no LWA token');
      skipped('rate-limits', 'no LWA token');
    }
  } finally {
    await client?.close();
  }

  // 9. data directory writable and private
  const dataDir = args.dataDir ?? env.SP_API_MCP_DATA_DIR ?? defaultDataDir(env);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const probe = join(dataDir, `.doctor-${randomBytes(4).toString('hex')}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
    const open = process.platform !== 'win32' && (statSync(dataDir).mode & 0o077) !== 0;
    add('data-dir', !open, `${dataDir} is writable${open ? ' but readable by other users' : ' and private'}`, `chmod 700 ${dataDir}`);
  } catch (err) {
    add('data-dir', false, `${dataDir}: ${(err as Error).message}`, 'choose a writable --data-dir / SP_API_MCP_DATA_DIR');
  }

  // 10. client secret age
  const age = secretAge(creds?.clientSecretSetAt);
  if (age) add('secret-age', !age.warn, age.message, 'run `sp-api-mcp credentials rotate`');
  else add('secret-age', true, creds?.secretSource === 'env' ? 'secret from the environment: its age is not known here' : 'set date not recorded');
  return checks;
}

export async function runDoctor(args: DoctorArgs, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const checks = await doctorChecks(args, env);
  const ok = checks.every((c) => c.ok);
  if (args.json) process.stdout.write(`${JSON.stringify({ ok, checks })}\n`);
  else {
    for (const c of checks) {
      process.stdout.write(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}\n`);
      if (!c.ok && c.fix) process.stdout.write(`    fix: ${c.fix}\n`);
    }
    process.stdout.write(ok ? '\nAll checks passed.\n' : `\n${checks.filter((c) => !c.ok).length} check(s) failed.\n`);
  }
  return ok ? 0 : 1;
}

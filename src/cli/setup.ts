// `sp-api-mcp setup`: connect a seller account and write a named profile whose secrets live in the OS keychain (or
// the encrypted file). Interactive in a terminal; `--non-interactive` reads the SP_API_* variables instead.
import { spawn } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { createInterface, type Interface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { configFilePath, isLoopbackHost, validateEndpointUrl } from '../auth/credentials.js';
import { exchangeAuthorizationCode } from '../auth/lwa.js';
import { checkProfileName, saveProfile } from '../auth/profiles.js';
import { chooseStore } from '../auth/secret-store.js';
import { ConfigError } from '../lib/config-error.js';
import { findMarketplace, type Marketplace } from '../lib/marketplaces.js';
import type { SetupArgs } from './args.js';
import { checkClient, describeError, participations, probeRoles } from './checks.js';

const CLIENT_ID_RE = /^amzn1\.application-oa2-client\.[0-9a-f]+$/;
const SELLER_ID_RE = /^[A-Z0-9]{10,20}$/;

interface Answers {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  sellerId: string;
  marketplaces: Marketplace[];
  applicationId?: string;
  endpoint?: string;
  lwaEndpoint?: string;
}

function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

function marketplacesFrom(list: string): Marketplace[] {
  const items = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length) throw new ConfigError('Name at least one marketplace (e.g. US or ATVPDKIKX0DER).');
  const mps = items.map((m) => {
    const found = findMarketplace(m);
    if (!found) throw new ConfigError(`"${m}" is not a known marketplace (use a country code such as US, DE, JP or a marketplace id).`);
    return found;
  });
  const regions = new Set(mps.map((m) => m.region));
  if (regions.size > 1) throw new ConfigError('One profile serves one region (an SP-API authorisation is per region); make a profile per region.');
  return mps;
}

function endpoints(env: NodeJS.ProcessEnv): { endpoint?: string; lwaEndpoint?: string } {
  const r: { endpoint?: string; lwaEndpoint?: string } = {};
  if (env.SP_API_ENDPOINT) r.endpoint = validateEndpointUrl(env.SP_API_ENDPOINT, 'SP_API_ENDPOINT');
  if (env.SP_API_LWA_ENDPOINT) r.lwaEndpoint = validateEndpointUrl(env.SP_API_LWA_ENDPOINT, 'SP_API_LWA_ENDPOINT');
  return r;
}

function nonInteractiveAnswers(env: NodeJS.ProcessEnv): Answers {
  const missing = ['SP_API_CLIENT_ID', 'SP_API_CLIENT_SECRET', 'SP_API_REFRESH_TOKEN', 'SP_API_MARKETPLACE', 'SP_API_SELLER_ID'].filter(
    (k) => !env[k]?.trim(),
  );
  if (missing.length) {
    throw new ConfigError(
      `setup --non-interactive reads ${missing.join(', ')} from the environment (the seller id cannot be looked up from a refresh token: copy the Merchant Token from Seller Central).`,
    );
  }
  const a: Answers = {
    clientId: env.SP_API_CLIENT_ID!.trim(),
    clientSecret: env.SP_API_CLIENT_SECRET!.trim(),
    refreshToken: env.SP_API_REFRESH_TOKEN!.trim(),
    sellerId: env.SP_API_SELLER_ID!.trim(),
    marketplaces: marketplacesFrom([env.SP_API_MARKETPLACE!, env.SP_API_MCP_MARKETPLACES ?? ''].join(',')),
    ...endpoints(env),
  };
  if (env.SP_API_APPLICATION_ID) a.applicationId = env.SP_API_APPLICATION_ID.trim();
  return a;
}

function check(a: Answers): void {
  const problems: string[] = [];
  if (!CLIENT_ID_RE.test(a.clientId)) problems.push('the LWA client id must look like amzn1.application-oa2-client.<hex>');
  if (/\s/.test(a.clientSecret) || !a.clientSecret) problems.push('the client secret is empty or contains whitespace');
  if (!a.refreshToken.startsWith('Atzr|')) problems.push('the refresh token must start with "Atzr|"');
  if (!SELLER_ID_RE.test(a.sellerId)) problems.push('the seller id (Merchant Token) must be 10-20 upper-case letters or digits');
  if (problems.length) throw new ConfigError(`Setup cannot continue: ${problems.join('; ')}.`);
}

// -------------------------------------------------------------------------------------------------------------
// Terminal prompts (secrets are not echoed)

class Prompter {
  readonly #muted = { on: false };
  readonly #rl: Interface;

  constructor() {
    const muted = this.#muted;
    const output = new Writable({
      write(chunk, _enc, cb) {
        if (!muted.on) process.stdout.write(chunk);
        cb();
      },
    });
    this.#rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
  }

  async ask(question: string, opts: { secret?: boolean; fallback?: string } = {}): Promise<string> {
    const suffix = opts.fallback ? ` [${opts.fallback}]` : '';
    if (opts.secret) {
      process.stdout.write(`${question}${suffix}: `);
      this.#muted.on = true;
    }
    try {
      const answer = (await this.#rl.question(opts.secret ? '' : `${question}${suffix}: `)).trim();
      return answer || opts.fallback || '';
    } finally {
      if (opts.secret) {
        this.#muted.on = false;
        process.stdout.write('\n');
      }
    }
  }

  close(): void {
    this.#rl.close();
  }
}

async function askUntil(
  p: Prompter,
  question: string,
  valid: (s: string) => string | undefined,
  opts: { secret?: boolean; fallback?: string } = {},
): Promise<string> {
  for (;;) {
    const answer = await p.ask(question, opts);
    const problem = valid(answer);
    if (!problem) return answer;
    out(`  ✗ ${problem}`);
  }
}

// -------------------------------------------------------------------------------------------------------------
// Website authorization workflow: one-shot callback listener on 127.0.0.1

export interface CallbackResult {
  code: string;
  sellingPartnerId: string;
}

/** Listens once on 127.0.0.1 for Amazon's redirect; rejects a wrong state (and keeps waiting for the right one). */
export async function startCallbackListener(
  port: number,
  state: string,
): Promise<{ redirectUri: string; result: Promise<CallbackResult>; close: () => void }> {
  let resolve!: (r: CallbackResult) => void;
  let reject!: (e: Error) => void;
  const result = new Promise<CallbackResult>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const expected = Buffer.from(state);
  let done = false;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const callbackUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
    if (url.pathname === '/login' && !done) {
      // Apps with a log-in URI: Amazon sends the seller here first; we send them straight back with our state.
      const back = url.searchParams.get('amazon_callback_uri');
      const amazonState = url.searchParams.get('amazon_state');
      let target: URL | undefined;
      try {
        target = back ? new URL(back) : undefined;
      } catch {
        target = undefined;
      }
      if (!target || !amazonState || (target.protocol !== 'https:' && !/^(127\.0\.0\.1|localhost)$/.test(target.hostname))) {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Missing or invalid amazon_callback_uri / amazon_state.');
        return;
      }
      target.searchParams.set('redirect_uri', callbackUri);
      target.searchParams.set('amazon_state', amazonState);
      target.searchParams.set('state', state);
      res.writeHead(302, { Location: target.toString() }).end();
      return;
    }
    if (url.pathname !== '/callback' || done) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const got = Buffer.from(url.searchParams.get('state') ?? '');
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      // Someone else's (or a forged) redirect: refuse it, keep waiting for ours.
      res
        .writeHead(400, { 'Content-Type': 'text/plain' })
        .end('State does not match this setup session. Start the authorisation from the terminal again.');
      return;
    }
    const code = url.searchParams.get('spapi_oauth_code');
    const sellingPartnerId = url.searchParams.get('selling_partner_id');
    done = true;
    if (!code || !sellingPartnerId) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Amazon did not send an authorization code.');
      reject(new ConfigError('The redirect carried no spapi_oauth_code / selling_partner_id: the seller did not confirm. Run setup again.'));
    } else {
      res
        .writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('sp-api-mcp is authorised. You can close this window and return to the terminal.');
      resolve({ code, sellingPartnerId });
    }
    setImmediate(() => server.close());
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(port, '127.0.0.1', () => res());
  });
  const actual = (server.address() as AddressInfo).port;
  return { redirectUri: `http://127.0.0.1:${actual}/callback`, result, close: () => server.close() };
}

export function consentUrl(base: string, applicationId: string, state: string, redirectUri: string, draft: boolean): string {
  const url = new URL('/apps/authorize/consent', base);
  url.searchParams.set('application_id', applicationId);
  url.searchParams.set('state', state);
  url.searchParams.set('redirect_uri', redirectUri);
  if (draft) url.searchParams.set('version', 'beta');
  return url.toString();
}

function sellerCentralFor(mp: Marketplace): string {
  return `https://${mp.domain.replace(/^www\./, 'sellercentral.')}`;
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    spawn(cmd, [url], { stdio: 'ignore', detached: true })
      .on('error', () => undefined)
      .unref();
  } catch {
    // No browser: the printed URL is enough.
  }
}

async function interactiveAnswers(p: Prompter, args: SetupArgs, env: NodeJS.ProcessEnv): Promise<Answers> {
  out('sp-api-mcp setup — connect a seller account. Secrets go to the OS keychain (or an encrypted file), never to config.json.\n');
  const mpText = await askUntil(
    p,
    'Marketplaces (country codes or ids, comma-separated; the first is the default)',
    (s) => {
      try {
        marketplacesFrom(s);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
    { fallback: env.SP_API_MARKETPLACE ?? 'US' },
  );
  const marketplaces = marketplacesFrom(mpText);
  const clientId = await askUntil(p, 'LWA client id (Developer Central → your app → View)', (s) =>
    CLIENT_ID_RE.test(s) ? undefined : 'expected amzn1.application-oa2-client.<hex>',
  );
  const clientSecret = await askUntil(p, 'LWA client secret (not shown)', (s) => (s && !/\s/.test(s) ? undefined : 'empty or contains spaces'), {
    secret: true,
  });
  const eps = endpoints(env);
  out(
    '\nHow do you want to give sp-api-mcp access?\n  1) authorise in the browser (Seller Central consent)\n  2) paste a refresh token from self-authorisation',
  );
  const how = await askUntil(p, 'Choose 1 or 2', (s) => (s === '1' || s === '2' ? undefined : 'type 1 or 2'), { fallback: '1' });
  if (how === '2') {
    const refreshToken = await askUntil(
      p,
      'Refresh token (Atzr|…, not shown)',
      (s) => (s.startsWith('Atzr|') ? undefined : 'must start with Atzr|'),
      { secret: true },
    );
    const sellerId = await askUntil(p, 'Seller id (Merchant Token, Seller Central → Settings → Account Info)', (s) =>
      SELLER_ID_RE.test(s) ? undefined : '10-20 upper-case letters or digits',
    );
    return { clientId, clientSecret, refreshToken, sellerId, marketplaces, ...eps };
  }
  const applicationId = await askUntil(
    p,
    'App id (amzn1.sp.solution.…)',
    (s) => (/^amzn1\.sp\.solution\.[\w-]+$/.test(s) ? undefined : 'expected amzn1.sp.solution.<id>'),
    {
      ...(env.SP_API_APPLICATION_ID ? { fallback: env.SP_API_APPLICATION_ID } : {}),
    },
  );
  const published = await askUntil(p, 'Is the app published in the Appstore? (y/N)', (s) => (/^(y|n|yes|no)$/i.test(s) ? undefined : 'y or n'), {
    fallback: 'n',
  });
  const state = randomBytes(24).toString('base64url');
  const listener = await startCallbackListener(args.callbackPort ?? 0, state);
  const base =
    args.consentBase ??
    env.SP_API_CONSENT_BASE ??
    (eps.endpoint && isLoopbackHost(new URL(eps.endpoint).hostname) ? eps.endpoint : sellerCentralFor(marketplaces[0]!));
  const url = consentUrl(base, applicationId, state, listener.redirectUri, !/^y/i.test(published));
  out(`\nOpen this link, sign in to Seller Central and confirm (waiting up to 10 minutes):\n\n  ${url}\n`);
  out(`(The app's OAuth redirect URI in Developer Central must be ${listener.redirectUri}; use --callback-port to fix the port.)`);
  if (!args.noBrowser) openBrowser(url);
  const timer = setTimeout(() => listener.close(), 10 * 60_000);
  let cb: CallbackResult;
  try {
    cb = await Promise.race([
      listener.result,
      new Promise<never>((_, rej) =>
        setTimeout(() => rej(new ConfigError('No authorisation arrived within 10 minutes. Run setup again.')), 10 * 60_000).unref(),
      ),
    ]);
  } finally {
    clearTimeout(timer);
    listener.close();
  }
  out(`✓ Authorised by seller ${cb.sellingPartnerId}; exchanging the code…`);
  const { refreshToken } = await exchangeAuthorizationCode({
    clientId,
    clientSecret,
    code: cb.code,
    redirectUri: listener.redirectUri,
    ...(eps.lwaEndpoint ? { endpoint: eps.lwaEndpoint } : {}),
  });
  return { clientId, clientSecret, refreshToken, sellerId: cb.sellingPartnerId, marketplaces, applicationId, ...eps };
}

// -------------------------------------------------------------------------------------------------------------

export async function runSetup(args: SetupArgs, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const configFile = configFilePath(env);
  let prompter: Prompter | undefined;
  try {
    let answers: Answers;
    let name = args.profile;
    if (args.nonInteractive) {
      if (!name) throw new ConfigError('setup --non-interactive needs --profile NAME.');
      checkProfileName(name);
      answers = nonInteractiveAnswers(env);
    } else {
      if (!process.stdin.isTTY)
        throw new ConfigError('setup needs a terminal; in scripts use `sp-api-mcp setup --profile NAME --non-interactive` with SP_API_* variables.');
      prompter = new Prompter();
      answers = await interactiveAnswers(prompter, args, env);
    }
    check(answers);

    out('\nVerifying the connection (getMarketplaceParticipations)…');
    const main = answers.marketplaces[0]!;
    const client = checkClient({
      clientId: answers.clientId,
      clientSecret: answers.clientSecret,
      refreshToken: answers.refreshToken,
      sellerId: answers.sellerId,
      marketplaceId: main.id,
      ...(answers.endpoint ? { endpoint: answers.endpoint } : {}),
      ...(answers.lwaEndpoint ? { lwaEndpoint: answers.lwaEndpoint } : {}),
    });
    try {
      let parts;
      try {
        parts = await participations(client);
      } catch (err) {
        throw new ConfigError(`The connection does not work: ${describeError(err)}. Nothing was saved.`);
      }
      const active = parts.filter((x) => x.participating);
      out(`✓ Connected. Marketplaces: ${active.map((x) => `${x.countryCode || x.marketplaceId} (${x.marketplaceId})`).join(', ') || 'none'}`);
      const notJoined = answers.marketplaces.filter((m) => !active.some((a) => a.marketplaceId === m.id));
      if (notJoined.length) {
        throw new ConfigError(
          `The seller does not sell in ${notJoined.map((m) => m.countryCode).join(', ')}; choose among the marketplaces above. Nothing was saved.`,
        );
      }
      const roles = await probeRoles(client, answers.sellerId, main.id);
      out(`  What this app may do: ${roles.map((r) => `${r.ok ? '✓' : '✗'} ${r.area}`).join('  ')}`);
    } finally {
      await client.close();
    }

    if (!name)
      name = await askUntil(prompter!, 'Profile name', (s) => (/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(s) ? undefined : 'letters, digits, . _ -'), {
        fallback: 'default',
      });
    const store = chooseStore({ configDir: dirname(configFile), env, insecurePlaintext: args.insecurePlaintext });
    saveProfile({
      configFile,
      name,
      settings: {
        clientId: answers.clientId,
        sellerId: answers.sellerId,
        marketplace: main.countryCode,
        ...(answers.marketplaces.length > 1 ? { marketplaces: answers.marketplaces.map((m) => m.countryCode) } : {}),
        ...(answers.applicationId ? { applicationId: answers.applicationId } : {}),
        ...(answers.endpoint ? { endpoint: answers.endpoint } : {}),
        ...(answers.lwaEndpoint ? { lwaEndpoint: answers.lwaEndpoint } : {}),
      },
      clientSecret: answers.clientSecret,
      refreshToken: answers.refreshToken,
      store,
    });
    out(`✓ Saved profile "${name}" in ${configFile}; secrets in the ${store.location}.`);
    if (store.kind === 'plaintext')
      out('  ⚠ Secrets are stored in PLAINTEXT (--insecure-plaintext). `sp-api-mcp credentials migrate` moves them into a safe store.');
    out(`\nStart the server with:  sp-api-mcp --profile ${name}\nCheck it any time with: sp-api-mcp doctor --profile ${name}`);
    return 0;
  } catch (err) {
    process.stderr.write(`sp-api-mcp setup: ${err instanceof ConfigError ? err.message : describeError(err)}\n`);
    return 1;
  } finally {
    prompter?.close();
  }
}

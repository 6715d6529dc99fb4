// Command-line parsing: `sp-api-mcp [serve flags]`, `sp-api-mcp emulator`, `sp-api-mcp demo`.
import { parseArgs } from 'node:util';

export interface ServeArgs {
  command: 'serve';
  emulator: boolean;
  readOnly?: boolean;
  capabilities?: string;
  toolsets?: string;
  marketplaces?: string;
  defaultMarketplace?: string;
  profile?: string;
  /** Several profiles in one server ("a,b" or "all"). */
  profiles?: string;
  dataDir?: string;
  writeBudgetRun?: string;
  writeBudgetDay?: string;
  maxBatchSize?: string;
  requireElicitation?: boolean;
  throttleWait?: string;
  http?: HttpArgs;
}

export interface HttpArgs {
  port: number;
  host: string;
  authTokenFile?: string;
  oauthIssuer?: string;
  oauthJwksUrl?: string;
  publicUrl?: string;
  corsOrigins: string[];
  allowedHosts: string[];
}

export interface EmulatorArgs {
  command: 'emulator';
  port: number;
  tokenLifetime?: number;
  noRateLimits: boolean;
}

export interface DemoArgs {
  command: 'demo';
  dataDir?: string;
}

export interface SetupArgs {
  command: 'setup';
  profile?: string;
  nonInteractive: boolean;
  insecurePlaintext: boolean;
  /** Port of the one-shot 127.0.0.1 callback listener (0: any free port; Amazon needs the registered one). */
  callbackPort?: number;
  /** Seller Central base for the consent URL (the emulator's endpoint in tests). */
  consentBase?: string;
  noBrowser: boolean;
}

export interface DoctorArgs {
  command: 'doctor';
  profile?: string;
  json: boolean;
  dataDir?: string;
}

export interface CredentialsArgs {
  command: 'credentials';
  action: 'migrate' | 'rotate';
  profile?: string;
  insecurePlaintext: boolean;
  /** How long rotate waits for the new secret on the queue, seconds. */
  wait?: number;
}

export type CliArgs = ServeArgs | EmulatorArgs | DemoArgs | SetupArgs | DoctorArgs | CredentialsArgs | { command: 'help' } | { command: 'version' };

export const USAGE = `Usage:
  sp-api-mcp [options]            Start the MCP server on stdio (credentials from env or --profile)
  sp-api-mcp --emulator [options] Start the MCP server against an in-process SP-API emulator (no Amazon account needed)
  sp-api-mcp emulator [--port 0]  Run the SP-API emulator alone; prints one JSON line with its endpoint and credentials
  sp-api-mcp demo                 Run the demo flow over MCP against the embedded emulator
  sp-api-mcp setup [--profile NAME] [--non-interactive] [--insecure-plaintext]
                                  Connect a seller account: secrets to the OS keychain (or an encrypted file)
  sp-api-mcp doctor [--profile NAME] [--json]
                                  Check config, secrets, LWA, clock, endpoint, roles, data dir, secret age
  sp-api-mcp credentials migrate  Move plaintext secrets from config.json into the secret store
  sp-api-mcp credentials rotate [--profile NAME]
                                  Rotate the app's LWA client secret (Application Management API + SQS)

Server options:
  --read-only                     Remove every write tool
  --capabilities a,b              Allow only these capabilities (e.g. catalog.read,listings.read)
  --toolsets a,b                  Expose only these toolsets (account, catalog, product_types, listings, ...)
  --marketplaces US,DE            Marketplace allowlist (ids or country codes)
  --default-marketplace US        Marketplace used when a call names none
  --profile NAME                  Credentials profile from the config file
  --profiles a,b | all            Serve several accounts; every tool takes an optional "account" (default: the first)
  --data-dir DIR                  Where caches, audit log and reports are kept
  --write-budget-run N            Most writes this server process may execute (default 5000)
  --write-budget-day N            Most writes per seller per day (default 25000)
  --max-batch-size N              Most items in one batch write (default 25000)
  --require-elicitation           Refuse writes unless the client can show a confirmation form to the human
  --throttle-wait SECONDS         How long a call waits out Amazon's throttling (429s) before giving up (default 120)

HTTP (Streamable HTTP at /mcp, protocol 2026-07-28 and 2025-era clients):
  --http                          Serve over HTTP instead of stdio; prints {"url": "..."} on stdout
  --port N                        Port (default 8765; 0 picks a free one)
  --host ADDRESS                  Address to bind (default 127.0.0.1; anything else needs authentication)
  --auth-token-file FILE          Bearer token clients must send (or SP_API_MCP_HTTP_TOKEN)
  --oauth-issuer URL              Accept OAuth access tokens (JWT) from this issuer; scopes are capability names
  --oauth-jwks-url URL            The issuer's key set, when its metadata does not name it
  --public-url URL                The URL clients use (behind a proxy); the tokens' audience
  --cors-origins a,b              Browser origins allowed to call the server
  --allowed-hosts a,b             Host names the Host header may carry besides the bound address (a proxy's name)
`;

export function parseCli(argv: string[]): CliArgs {
  const [first, ...rest] = argv;
  if (first === 'emulator') {
    const { values } = parseArgs({
      args: rest,
      options: {
        port: { type: 'string', default: '0' },
        'token-lifetime': { type: 'string' },
        'no-rate-limits': { type: 'boolean', default: false },
      },
      strict: true,
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
    const out: EmulatorArgs = { command: 'emulator', port, noRateLimits: values['no-rate-limits'] ?? false };
    if (values['token-lifetime'] !== undefined) {
      const t = Number(values['token-lifetime']);
      if (!Number.isFinite(t) || t <= 0) throw new Error('--token-lifetime must be a positive number of seconds');
      out.tokenLifetime = t;
    }
    return out;
  }
  if (first === 'setup') {
    const { values } = parseArgs({
      args: rest,
      options: {
        profile: { type: 'string' },
        'non-interactive': { type: 'boolean', default: false },
        'insecure-plaintext': { type: 'boolean', default: false },
        'callback-port': { type: 'string' },
        'consent-base': { type: 'string' },
        'no-browser': { type: 'boolean', default: false },
      },
      strict: true,
    });
    const out: SetupArgs = {
      command: 'setup',
      nonInteractive: values['non-interactive'] ?? false,
      insecurePlaintext: values['insecure-plaintext'] ?? false,
      noBrowser: values['no-browser'] ?? false,
    };
    if (values.profile !== undefined) out.profile = values.profile;
    if (values['consent-base'] !== undefined) out.consentBase = values['consent-base'];
    if (values['callback-port'] !== undefined) {
      const port = Number(values['callback-port']);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--callback-port must be a whole number from 0 to 65535');
      out.callbackPort = port;
    }
    return out;
  }
  if (first === 'doctor') {
    const { values } = parseArgs({
      args: rest,
      options: { profile: { type: 'string' }, json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
      strict: true,
    });
    return {
      command: 'doctor',
      json: values.json ?? false,
      ...(values.profile !== undefined ? { profile: values.profile } : {}),
      ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    };
  }
  if (first === 'credentials') {
    const [action, ...more] = rest;
    if (action !== 'migrate' && action !== 'rotate') throw new Error('Usage: sp-api-mcp credentials migrate|rotate [--profile NAME]');
    const { values } = parseArgs({
      args: more,
      options: { profile: { type: 'string' }, 'insecure-plaintext': { type: 'boolean', default: false }, wait: { type: 'string' } },
      strict: true,
    });
    const out: CredentialsArgs = { command: 'credentials', action, insecurePlaintext: values['insecure-plaintext'] ?? false };
    if (values.profile !== undefined) out.profile = values.profile;
    if (values.wait !== undefined) {
      const w = Number(values.wait);
      if (!Number.isFinite(w) || w <= 0) throw new Error('--wait must be a positive number of seconds');
      out.wait = w;
    }
    return out;
  }
  if (first === 'demo') {
    const { values } = parseArgs({ args: rest, options: { 'data-dir': { type: 'string' } }, strict: true });
    return { command: 'demo', ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) };
  }
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      emulator: { type: 'boolean', default: false },
      'read-only': { type: 'boolean' },
      capabilities: { type: 'string' },
      toolsets: { type: 'string' },
      marketplaces: { type: 'string' },
      'default-marketplace': { type: 'string' },
      profile: { type: 'string' },
      profiles: { type: 'string' },
      'data-dir': { type: 'string' },
      'write-budget-run': { type: 'string' },
      'write-budget-day': { type: 'string' },
      'max-batch-size': { type: 'string' },
      'require-elicitation': { type: 'boolean' },
      'throttle-wait': { type: 'string' },
      http: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      'auth-token-file': { type: 'string' },
      'oauth-issuer': { type: 'string' },
      'oauth-jwks-url': { type: 'string' },
      'public-url': { type: 'string' },
      'cors-origins': { type: 'string' },
      'allowed-hosts': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  if (positionals.length > 0) throw new Error(`Unknown command "${positionals[0]}".`);
  const out: ServeArgs = { command: 'serve', emulator: values.emulator ?? false };
  if (values['read-only'] !== undefined) out.readOnly = values['read-only'];
  if (values.capabilities !== undefined) out.capabilities = values.capabilities;
  if (values.toolsets !== undefined) out.toolsets = values.toolsets;
  if (values.marketplaces !== undefined) out.marketplaces = values.marketplaces;
  if (values['default-marketplace'] !== undefined) out.defaultMarketplace = values['default-marketplace'];
  if (values.profile !== undefined) out.profile = values.profile;
  if (values.profiles !== undefined) out.profiles = values.profiles;
  if (out.profile && out.profiles) throw new Error('Use either --profile or --profiles, not both.');
  if (values['data-dir'] !== undefined) out.dataDir = values['data-dir'];
  if (values['write-budget-run'] !== undefined) out.writeBudgetRun = values['write-budget-run'];
  if (values['write-budget-day'] !== undefined) out.writeBudgetDay = values['write-budget-day'];
  if (values['max-batch-size'] !== undefined) out.maxBatchSize = values['max-batch-size'];
  if (values['require-elicitation'] !== undefined) out.requireElicitation = values['require-elicitation'];
  if (values['throttle-wait'] !== undefined) out.throttleWait = values['throttle-wait'];
  const httpOnly = ['port', 'host', 'auth-token-file', 'oauth-issuer', 'oauth-jwks-url', 'public-url', 'cors-origins', 'allowed-hosts'] as const;
  if (!values.http) {
    const stray = httpOnly.find((k) => values[k] !== undefined);
    if (stray) throw new Error(`--${stray} only applies with --http.`);
    return out;
  }
  const port = Number(values.port ?? '8765');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  const list = (v: string | undefined) =>
    (v ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  out.http = {
    port,
    host: values.host ?? '127.0.0.1',
    corsOrigins: list(values['cors-origins']),
    allowedHosts: list(values['allowed-hosts']),
    ...(values['auth-token-file'] !== undefined ? { authTokenFile: values['auth-token-file'] } : {}),
    ...(values['oauth-issuer'] !== undefined ? { oauthIssuer: values['oauth-issuer'] } : {}),
    ...(values['oauth-jwks-url'] !== undefined ? { oauthJwksUrl: values['oauth-jwks-url'] } : {}),
    ...(values['public-url'] !== undefined ? { publicUrl: values['public-url'] } : {}),
  };
  return out;
}

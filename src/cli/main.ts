#!/usr/bin/env node
// Entry point. In serve mode stdout carries only MCP protocol; everything human-readable goes to stderr.
// MCP clients spawn this at their own launch, so the emulator and the demo are imported only by the commands that
// run them: serving real credentials never loads them.
import { ALL_TOOLS } from '../tools/index.js';
import { join } from 'node:path';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { parseCli, USAGE, type ServeArgs } from './args.js';
import { buildServer, openServerState, SERVER_VERSION, type ServerAccount } from '../server/create-server.js';
import { buildConfig, configFromEnv, defaultDataDir, type ServerConfig } from '../core/config.js';
import { configFilePath, loadCredentials, readConfigFile, type SpApiCredentials } from '../auth/credentials.js';
import { ConfigError } from '../lib/config-error.js';
import { SpApiInputError } from '../sp-api/errors.js';
import { SpApiClient } from '../sp-api/client.js';
import { createThrottleRegistry } from '../sp-api/throttle-backends.js';
import { log } from '../lib/log.js';
import type { AccountInfo } from '../core/tool.js';

function accountInfo(creds: SpApiCredentials): AccountInfo {
  return {
    ...(creds.profile ? { profile: creds.profile } : {}),
    ...(creds.clientSecretSetAt ? { clientSecretSetAt: creds.clientSecretSetAt } : {}),
    ...(creds.vendor ? { vendor: true } : {}),
  };
}

type LoadedAccount = ServerAccount & { creds: SpApiCredentials };

/**
 * `--profiles a,b` or `all`. Each profile keeps its own credentials: the SP_API_* credential variables, which
 * override a single profile, are ignored here (they cannot belong to several accounts at once).
 */
function loadAccounts(list: string, configFor: (creds: SpApiCredentials, name: string) => ServerConfig): LoadedAccount[] {
  const names =
    list.trim() === 'all'
      ? Object.keys(readConfigFile(configFilePath())?.profiles ?? {})
      : list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  if (names.length === 0) throw new ConfigError(`--profiles ${list}: no profiles found in ${configFilePath()}. Run \`sp-api-mcp setup\` first.`);
  if (new Set(names).size !== names.length) throw new ConfigError(`--profiles ${list} names a profile twice.`);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !ACCOUNT_VARS.has(k)));
  return names.map((name) => {
    const creds = loadCredentials({ profile: name, env });
    const config = configFor(creds, name);
    return {
      name,
      creds,
      client: new SpApiClient({ credentials: creds, throttleBudgetMs: config.throttleWaitSeconds * 1000 }),
      config,
      sellerId: creds.sellerId,
      info: accountInfo(creds),
      ...(creds.vendor ? { vendor: true } : {}),
    };
  });
}

const ACCOUNT_VARS = new Set([
  'SP_API_CLIENT_ID',
  'SP_API_CLIENT_SECRET',
  'SP_API_REFRESH_TOKEN',
  'SP_API_SELLER_ID',
  'SP_API_VENDOR_CODE',
  'SP_API_MARKETPLACE',
  'SP_API_PROFILE',
]);

function fail(message: string): never {
  process.stderr.write(`sp-api-mcp: ${message}\n`);
  process.exit(1);
}

/** Usage-plan buckets shared with the other processes of this seller: Redis when configured, else the data directory. */
function sharedBuckets(dataDir: string) {
  return createThrottleRegistry({ dataDir, redisUrl: process.env.SP_API_MCP_REDIS_URL || undefined, log });
}

async function serve(args: ServeArgs): Promise<void> {
  const flags = {
    ...(args.readOnly !== undefined ? { readOnly: args.readOnly } : {}),
    capabilities: args.capabilities,
    toolsets: args.toolsets,
    marketplaces: args.marketplaces,
    defaultMarketplace: args.defaultMarketplace,
    dataDir: args.dataDir,
    writeBudgetRun: args.writeBudgetRun,
    writeBudgetDay: args.writeBudgetDay,
    maxBatchSize: args.maxBatchSize,
    requireElicitation: args.requireElicitation,
    throttleWaitSeconds: args.throttleWait,
  };
  const close: Array<() => Promise<void>> = [];
  let dataDir = args.dataDir ?? process.env.SP_API_MCP_DATA_DIR ?? defaultDataDir();
  const settings = (defaultMarketplace: string, marketplaces?: string[]) =>
    buildConfig({ defaultMarketplace, marketplaces }, configFromEnv(), { ...flags, dataDir });
  let client: SpApiClient;
  let sellerId: string;
  let config: ServerConfig;
  let account: AccountInfo = {};
  let accounts: LoadedAccount[] | undefined;
  if (args.emulator) {
    const [{ startEmulator }, { clientForEmulator }] = await Promise.all([import('../emulator/index.js'), import('./connect.js')]);
    const emulator = await startEmulator({});
    // Keep the emulator's cache and logs apart from a real account's.
    if (!args.dataDir) dataDir = join(dataDir, 'emulator');
    config = settings(emulator.credentials.marketplaceId);
    const throttle = await sharedBuckets(config.dataDir);
    close.push(() => throttle.close());
    const built = clientForEmulator(emulator, { throttleBudgetMs: config.throttleWaitSeconds * 1000, throttle });
    client = built.client;
    sellerId = built.credentials.sellerId;
    close.push(() => emulator.close());
    log.info({ endpoint: emulator.endpoint }, 'embedded SP-API emulator started');
  } else if (args.profiles) {
    accounts = loadAccounts(args.profiles, (creds, name) => {
      const c = settings(creds.marketplaceId, creds.marketplaces);
      return { ...c, dataDir: join(c.dataDir, 'accounts', name) };
    });
    const first = accounts[0]!;
    config = settings(first.config.defaultMarketplace, first.creds.marketplaces);
    client = first.client;
    sellerId = first.sellerId;
    close.push(...accounts.map((a) => () => a.client.close()));
  } else {
    const creds = loadCredentials(args.profile ? { profile: args.profile } : {});
    config = settings(creds.marketplaceId, creds.marketplaces);
    const throttle = await sharedBuckets(config.dataDir);
    close.push(() => throttle.close());
    client = new SpApiClient({ credentials: creds, throttleBudgetMs: config.throttleWaitSeconds * 1000, throttle });
    sellerId = creds.sellerId;
    account = accountInfo(creds);
  }
  // Several replicas share jobs, confirmations and the audit log through PostgreSQL; else the data directory's SQLite.
  const databaseUrl = process.env.SP_API_MCP_DATABASE_URL;
  let store;
  if (databaseUrl) {
    if (accounts) throw new ConfigError('SP_API_MCP_DATABASE_URL serves one account; use one server per account with --profile.');
    const { openPostgresStore } = await import('../store/postgres.js');
    const pg = openPostgresStore(databaseUrl);
    close.push(() => pg.close());
    store = pg;
  }
  const state = openServerState({
    client,
    config,
    sellerId,
    account,
    ...(accounts ? { accounts } : {}),
    ...(store ? { store } : {}),
    tools: ALL_TOOLS,
  });
  let stop: () => Promise<void>;
  if (args.http) {
    const { startHttp } = await import('./http.js');
    const http = await startHttp(args.http, state);
    // Exactly one JSON line on stdout: scripts and tests read the URL from it.
    process.stdout.write(`${JSON.stringify({ url: http.url })}\n`);
    log.info({ url: http.url, tools: state.allowed.length, readOnly: config.readOnly }, 'sp-api-mcp serving over HTTP');
    stop = () => http.close();
  } else {
    // serveStdio answers both the 2026-07-28 entry point (server/discover) and the 2025 initialize handshake.
    const handle = serveStdio(({ era }) => buildServer(state, { era }), {
      onerror: (err) => log.debug({ err: err.message }, 'stdio message refused or failed'),
    });
    log.info({ tools: state.allowed.length, readOnly: config.readOnly }, 'sp-api-mcp serving on stdio');
    stop = () => handle.close();
    process.stdin.on('close', () => void shutdown());
  }
  const shutdown = async () => {
    await stop().catch(() => undefined);
    for (const c of close) await c().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseCli(process.argv.slice(2));
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  switch (args.command) {
    case 'help':
      process.stderr.write(USAGE);
      return;
    case 'version':
      process.stderr.write(`${SERVER_VERSION}\n`);
      return;
    case 'emulator': {
      const { startEmulator } = await import('../emulator/index.js');
      const emulator = await startEmulator({
        port: args.port,
        ...(args.tokenLifetime !== undefined ? { tokenLifetimeSeconds: args.tokenLifetime } : {}),
        enforceRateLimits: !args.noRateLimits,
      });
      const c = emulator.credentials;
      // Exactly one JSON line: other tools parse it.
      process.stdout.write(
        `${JSON.stringify({
          endpoint: emulator.endpoint,
          lwaEndpoint: emulator.lwaEndpoint,
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          refreshToken: c.refreshToken,
          sellerId: c.sellerId,
          marketplaceId: c.marketplaceId,
          applicationId: c.applicationId,
          rotationQueueUrl: emulator.rotation.queueUrl,
          awsAccessKeyId: emulator.rotation.awsAccessKeyId,
          awsSecretAccessKey: emulator.rotation.awsSecretAccessKey,
        })}\n`,
      );
      const stop = () => void emulator.close().finally(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return;
    }
    case 'demo': {
      const { runDemo } = await import('./demo.js');
      await runDemo(args.dataDir ? { dataDir: args.dataDir } : {});
      return;
    }
    case 'serve':
      await serve(args);
      return;
    case 'setup': {
      const { runSetup } = await import('./setup.js');
      process.exitCode = await runSetup(args);
      return;
    }
    case 'doctor': {
      const { runDoctor } = await import('./doctor.js');
      process.exitCode = await runDoctor(args);
      return;
    }
    case 'credentials': {
      const { runCredentials } = await import('./credentials-cmd.js');
      process.exitCode = await runCredentials(args);
      return;
    }
  }
}

main().catch((err: Error) => fail(err instanceof ConfigError || err instanceof SpApiInputError ? err.message : `${err.name}: ${err.message}`));

#!/usr/bin/env node
// Entry point. In serve mode stdout carries only MCP protocol; everything human-readable goes to stderr.
// MCP clients spawn this at their own launch, so the emulator and the demo are imported only by the commands that
// run them: serving real credentials never loads them.
import { ALL_TOOLS } from '../tools/index.js';
import { join } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { parseCli, USAGE, type ServeArgs } from './args.js';
import { createServer, SERVER_VERSION } from '../server/create-server.js';
import { buildConfig, configFromEnv, defaultDataDir, type ServerConfig } from '../core/config.js';
import { loadCredentials } from '../auth/credentials.js';
import { ConfigError } from '../lib/config-error.js';
import { SpApiInputError } from '../sp-api/errors.js';
import { SpApiClient } from '../sp-api/client.js';
import { createThrottleRegistry } from '../sp-api/throttle-backends.js';
import { log } from '../lib/log.js';

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
  const settings = (defaultMarketplace: string) => buildConfig({ defaultMarketplace }, configFromEnv(), { ...flags, dataDir });
  let client: SpApiClient;
  let sellerId: string;
  let config: ServerConfig;
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
  } else {
    const creds = loadCredentials(args.profile ? { profile: args.profile } : {});
    config = settings(creds.marketplaceId);
    const throttle = await sharedBuckets(config.dataDir);
    close.push(() => throttle.close());
    client = new SpApiClient({ credentials: creds, throttleBudgetMs: config.throttleWaitSeconds * 1000, throttle });
    sellerId = creds.sellerId;
  }
  // Several replicas share jobs, confirmations and the audit log through PostgreSQL; else the data directory's SQLite.
  const databaseUrl = process.env.SP_API_MCP_DATABASE_URL;
  let store;
  if (databaseUrl) {
    const { openPostgresStore } = await import('../store/postgres.js');
    const pg = openPostgresStore(databaseUrl);
    close.push(() => pg.close());
    store = pg;
  }
  const { server, tools } = createServer({ client, config, sellerId, tools: ALL_TOOLS, ...(store ? { store } : {}) });
  const transport = new StdioServerTransport();
  await server.connect(transport);
  log.info({ tools: tools.length, readOnly: config.readOnly }, 'sp-api-mcp serving on stdio');
  const shutdown = async () => {
    await server.close().catch(() => undefined);
    for (const c of close) await c().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  process.stdin.on('close', () => void shutdown());
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
  }
}

main().catch((err: Error) => fail(err instanceof ConfigError || err instanceof SpApiInputError ? err.message : `${err.name}: ${err.message}`));

// Server settings from flags, environment and the profile file. Flags win over env, env over the profile.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CAPABILITIES, TOOLSETS, isCapability, isToolset, type Capability, type Toolset } from './capabilities.js';
import { resolveMarketplace } from '../lib/marketplaces.js';
import { ConfigError } from '../lib/config-error.js';

export interface ServerConfig {
  /** Capabilities the operator allows; tools needing others are hidden and refused. */
  capabilities: ReadonlySet<Capability>;
  /** Removes every write tool, whatever else is asked. */
  readOnly: boolean;
  /** Toolsets to expose (all when empty). */
  toolsets: ReadonlySet<Toolset>;
  /** Marketplace ids a tool may act on (all the seller's when empty). */
  marketplaces: ReadonlySet<string>;
  /** Marketplace id used when a call names none. */
  defaultMarketplace: string;
  /** Where caches, audit log and reports live. */
  dataDir: string;
  /** Most writes one server process may execute (0 = no writes). */
  writeBudgetRun: number;
  /** Most writes per seller per UTC day, counted in the audit log (survives restarts). */
  writeBudgetDay: number;
  /** Most items one batch write (feed, export) may contain. */
  maxBatchSize: number;
  /** Refuse writes on clients that cannot show an elicitation form to the human. */
  requireElicitation: boolean;
  /** Lifetime of a confirmation token. */
  confirmTtlSeconds: number;
  /** How long one call keeps waiting out Amazon's throttling (429s) before answering RATE_LIMIT. */
  throttleWaitSeconds: number;
  /** How long an export batch's submission stays claimed by a replica that stops renewing it (it died). */
  batchLeaseSeconds: number;
}

export interface ConfigInput {
  capabilities?: string | string[] | undefined;
  readOnly?: boolean | string | undefined;
  toolsets?: string | string[] | undefined;
  marketplaces?: string | string[] | undefined;
  defaultMarketplace?: string | undefined;
  dataDir?: string | undefined;
  writeBudgetRun?: number | string | undefined;
  writeBudgetDay?: number | string | undefined;
  maxBatchSize?: number | string | undefined;
  requireElicitation?: boolean | string | undefined;
  confirmTtlSeconds?: number | string | undefined;
  throttleWaitSeconds?: number | string | undefined;
  batchLeaseSeconds?: number | string | undefined;
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : value.split(',');
  return items.map((s) => s.trim()).filter(Boolean);
}

function count(value: number | string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number ≥ 0, got "${value}".`);
  return n;
}

function bool(value: boolean | string | undefined): boolean {
  if (typeof value === 'boolean') return value;
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SP_API_MCP_DATA_DIR) return env.SP_API_MCP_DATA_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'sp-api-mcp');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'sp-api-mcp');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'sp-api-mcp');
}

/** Reads SP_API_MCP_* variables into a ConfigInput. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ConfigInput {
  return {
    capabilities: env.SP_API_MCP_CAPABILITIES,
    readOnly: env.SP_API_MCP_READ_ONLY,
    toolsets: env.SP_API_MCP_TOOLSETS,
    marketplaces: env.SP_API_MCP_MARKETPLACES,
    defaultMarketplace: env.SP_API_MCP_DEFAULT_MARKETPLACE ?? env.SP_API_MARKETPLACE,
    dataDir: env.SP_API_MCP_DATA_DIR,
    writeBudgetRun: env.SP_API_MCP_WRITE_BUDGET_RUN,
    writeBudgetDay: env.SP_API_MCP_WRITE_BUDGET_DAY,
    maxBatchSize: env.SP_API_MCP_MAX_BATCH_SIZE,
    requireElicitation: env.SP_API_MCP_REQUIRE_ELICITATION,
    confirmTtlSeconds: env.SP_API_MCP_CONFIRM_TTL_SECONDS,
    throttleWaitSeconds: env.SP_API_MCP_THROTTLE_WAIT_SECONDS,
    batchLeaseSeconds: env.SP_API_MCP_BATCH_LEASE_SECONDS,
  };
}

/** Merges layers (later wins) and validates; unknown names fail loudly rather than silently widening access. */
export function buildConfig(...layers: ConfigInput[]): ServerConfig {
  const pick = <K extends keyof ConfigInput>(key: K): ConfigInput[K] => {
    let value: ConfigInput[K] = undefined;
    for (const layer of layers) if (layer[key] !== undefined && layer[key] !== '') value = layer[key];
    return value;
  };

  const capNames = list(pick('capabilities'));
  for (const c of capNames) {
    if (!isCapability(c)) throw new ConfigError(`Unknown capability "${c}". Known: ${CAPABILITIES.join(', ')}.`);
  }
  const toolsetNames = list(pick('toolsets'));
  for (const t of toolsetNames) {
    if (!isToolset(t)) throw new ConfigError(`Unknown toolset "${t}". Known: ${TOOLSETS.join(', ')}.`);
  }
  const marketplaces = list(pick('marketplaces')).map((m) => {
    try {
      return resolveMarketplace(m).id;
    } catch (err) {
      throw new ConfigError(`Marketplace allowlist: ${(err as Error).message}`);
    }
  });
  const defaultRaw = pick('defaultMarketplace');
  let defaultMarketplace: string;
  try {
    defaultMarketplace = defaultRaw ? resolveMarketplace(defaultRaw).id : (marketplaces[0] ?? 'ATVPDKIKX0DER');
  } catch (err) {
    throw new ConfigError(`Default marketplace: ${(err as Error).message}`);
  }
  if (marketplaces.length > 0 && !marketplaces.includes(defaultMarketplace)) {
    throw new ConfigError(`The default marketplace ${defaultMarketplace} is not in the marketplace allowlist (${marketplaces.join(', ')}).`);
  }
  return {
    capabilities: new Set(capNames.length > 0 ? (capNames as Capability[]) : CAPABILITIES),
    readOnly: bool(pick('readOnly')),
    toolsets: new Set(toolsetNames as Toolset[]),
    marketplaces: new Set(marketplaces),
    defaultMarketplace,
    dataDir: pick('dataDir') ?? defaultDataDir(),
    writeBudgetRun: count(pick('writeBudgetRun'), 'Write budget per run (--write-budget-run / SP_API_MCP_WRITE_BUDGET_RUN)', 5000),
    writeBudgetDay: count(pick('writeBudgetDay'), 'Write budget per day (--write-budget-day / SP_API_MCP_WRITE_BUDGET_DAY)', 25000),
    maxBatchSize: count(pick('maxBatchSize'), 'Maximum batch size (--max-batch-size / SP_API_MCP_MAX_BATCH_SIZE)', 25000),
    requireElicitation: bool(pick('requireElicitation')),
    confirmTtlSeconds: count(pick('confirmTtlSeconds'), 'Confirmation lifetime (SP_API_MCP_CONFIRM_TTL_SECONDS)', 600) || 600,
    throttleWaitSeconds: count(pick('throttleWaitSeconds'), 'Throttle wait (--throttle-wait / SP_API_MCP_THROTTLE_WAIT_SECONDS)', 120),
    batchLeaseSeconds: count(pick('batchLeaseSeconds'), 'Batch lease (SP_API_MCP_BATCH_LEASE_SECONDS)', 60) || 60,
  };
}

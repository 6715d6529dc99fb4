// Seller credentials from the environment or a named profile in a JSON config file.
// Errors say what is wrong and how to fix it, but never repeat a secret value.
import { readFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../lib/config-error.js';
import { MARKETPLACES, findMarketplace, type Region } from '../lib/marketplaces.js';
import { openStore, parseSecretRef, writePrivate, type SecretStoreKind, type SecretStoresOptions } from './secret-store.js';

export interface SpApiCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  sellerId: string;
  /** Marketplace id (never a country code once loaded). */
  marketplaceId: string;
  region: Region;
  /** Base-URL override (e.g. the emulator). */
  endpoint?: string;
  /** LWA token URL override. */
  lwaEndpoint?: string;
  sandbox: boolean;
  /** The profile the values came from (absent when only environment variables were used). */
  profile?: string;
  /** When the client secret in use was set (ISO), when known. */
  clientSecretSetAt?: string;
  /** The profile's marketplace allowlist (country codes or ids), when it has one. */
  marketplaces?: string[];
  /** A vendor account: `sellerId` holds the vendor code. */
  vendor?: boolean;
  secretSource?: SecretSource;
}

/** env: environment variables; plaintext-config: secrets inline in config.json (legacy); else the store kind. */
export type SecretSource = 'env' | 'plaintext-config' | SecretStoreKind;

export interface LoadCredentialsOptions {
  env?: NodeJS.ProcessEnv;
  /** Profile name in the config file; default SP_API_PROFILE, else "default" when the file has it. */
  profile?: string;
  /** Config file path; default $XDG_CONFIG_HOME/sp-api-mcp/config.json or ~/.config/sp-api-mcp/config.json. */
  configFile?: string;
  /** Keychain service name (tests use their own). */
  keychainService?: string;
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.trim() !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'sp-api-mcp', 'config.json');
}

/** The config file in use: SP_API_CONFIG, else the default path. */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return nonEmpty(env.SP_API_CONFIG) ?? defaultConfigPath(env);
}

const CLIENT_ID_RE = /^amzn1\.application-oa2-client\.[0-9a-f]+$/;
const SELLER_ID_RE = /^[A-Z0-9]{10,20}$/;

export const profileSchema = z
  .object({
    clientId: z.string().optional(),
    /** Legacy plaintext values: still read, flagged by doctor, moved by `sp-api-mcp credentials migrate`. */
    clientSecret: z.string().optional(),
    refreshToken: z.string().optional(),
    /** References into a secret store ("keychain:profile/main/clientSecret"); never the values. */
    clientSecretRef: z.string().optional(),
    refreshTokenRef: z.string().optional(),
    /** When the current client secret was set (ISO date): Amazon expires it after 180 days. */
    clientSecretSetAt: z.string().optional(),
    /** The app's id (amzn1.sp.solution.…), for the consent URL and rotation. */
    applicationId: z.string().optional(),
    sellerId: z.string().optional(),
    vendorCode: z.string().optional(),
    marketplace: z.string().optional(),
    marketplaces: z.array(z.string()).optional(),
    endpoint: z.string().optional(),
    lwaEndpoint: z.string().optional(),
    sandbox: z.boolean().optional(),
    /** The SQS queue Amazon sends the rotated client secret to, and the AWS key that may read it. */
    rotation: z
      .object({
        queueUrl: z.string(),
        awsRegion: z.string().optional(),
        awsAccessKeyId: z.string(),
        awsSecretAccessKeyRef: z.string(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const configSchema = z.object({ profiles: z.record(z.string(), profileSchema) });

export type RawProfile = z.infer<typeof profileSchema>;
export type ConfigFile = z.infer<typeof configSchema>;

/** Reads and checks the config file; undefined when it does not exist. */
export function readConfigFile(path: string): ConfigFile | undefined {
  if (!existsSync(path)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    // Zod issues name paths and expectations, not the values, so secrets stay out of the message.
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ConfigError(`Config file ${path} must look like {"profiles": {"<name>": {clientId, sellerId, marketplace, ...}}}: ${issues}`);
  }
  return parsed.data;
}

/** Writes the config file (mode 0600, atomically). It never holds secret values, but settings are private too. */
export function writeConfigFile(path: string, config: ConfigFile): void {
  writePrivate(path, JSON.stringify(config, null, 2) + '\n');
}

function readProfile(path: string, name: string | undefined, explicit: boolean): RawProfile {
  const config = readConfigFile(path);
  if (!config) {
    if (explicit)
      throw new ConfigError(
        `Config file ${path} does not exist, so profile "${name}" cannot be loaded. Run \`sp-api-mcp setup --profile ${name ?? 'default'}\`.`,
      );
    return {};
  }
  const profiles = config.profiles;
  const wanted = name ?? 'default';
  const found = profiles[wanted];
  if (!found) {
    if (!explicit) return {};
    const known = Object.keys(profiles);
    throw new ConfigError(`Profile "${wanted}" not found in ${path} (profiles: ${known.length ? known.join(', ') : 'none'}).`);
  }
  return found;
}

/** Resolves a secret reference in the store it names. */
export function resolveSecretRef(ref: string, opts: SecretStoresOptions, what: string): string | undefined {
  const parsed = parseSecretRef(ref);
  if (!parsed) throw new ConfigError(`${what} reference "${ref}" is not of the form <keychain|encrypted-file|plaintext>:<key>.`);
  return openStore(parsed.kind, opts).get(parsed.key);
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function parseBool(v: string | undefined, name: string): boolean | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(v.trim())) return true;
  if (/^(0|false|no|off)$/i.test(v.trim())) return false;
  throw new ConfigError(`${name} must be true or false.`);
}

/** http is accepted only for loopback hosts (the local emulator). */
export function validateEndpointUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL (expected e.g. https://sellingpartnerapi-na.amazon.com).`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ConfigError(`${name} must use https (http is allowed only for localhost / 127.0.0.1).`);
  }
  if (url.username || url.password) throw new ConfigError(`${name} must not contain a user name or password.`);
  return value.replace(/\/+$/, '');
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Loads credentials: profile values first, environment variables override field by field.
 * Throws ConfigError listing every missing or malformed value.
 */
export function loadCredentials(opts: LoadCredentialsOptions = {}): SpApiCredentials {
  const env = opts.env ?? process.env;
  const profileName = opts.profile ?? nonEmpty(env.SP_API_PROFILE);
  const path = opts.configFile ?? nonEmpty(env.SP_API_CONFIG) ?? defaultConfigPath(env);
  const explicit = profileName !== undefined || opts.configFile !== undefined;
  const profile = readProfile(path, profileName, explicit);

  const stores: SecretStoresOptions = { configDir: dirname(path), env, ...(opts.keychainService ? { keychainService: opts.keychainService } : {}) };
  // Environment variables win; a stored secret is read only when the environment does not provide it.
  const secret = (envName: string, ref: string | undefined, legacy: string | undefined, what: string) =>
    nonEmpty(env[envName]) ?? (ref ? nonEmpty(resolveSecretRef(ref, stores, what)) : undefined) ?? nonEmpty(legacy);
  const raw = {
    clientId: nonEmpty(env.SP_API_CLIENT_ID) ?? nonEmpty(profile.clientId),
    clientSecret: secret('SP_API_CLIENT_SECRET', profile.clientSecretRef, profile.clientSecret, 'clientSecretRef'),
    refreshToken: secret('SP_API_REFRESH_TOKEN', profile.refreshTokenRef, profile.refreshToken, 'refreshTokenRef'),
    sellerId: nonEmpty(env.SP_API_SELLER_ID) ?? nonEmpty(profile.sellerId) ?? nonEmpty(env.SP_API_VENDOR_CODE) ?? nonEmpty(profile.vendorCode),
    vendor:
      !nonEmpty(env.SP_API_SELLER_ID) && !nonEmpty(profile.sellerId) && Boolean(nonEmpty(env.SP_API_VENDOR_CODE) ?? nonEmpty(profile.vendorCode)),
    marketplace: nonEmpty(env.SP_API_MARKETPLACE) ?? nonEmpty(profile.marketplace),
    endpoint: nonEmpty(env.SP_API_ENDPOINT) ?? nonEmpty(profile.endpoint),
    lwaEndpoint: nonEmpty(env.SP_API_LWA_ENDPOINT) ?? nonEmpty(profile.lwaEndpoint),
    sandbox: parseBool(env.SP_API_SANDBOX, 'SP_API_SANDBOX') ?? profile.sandbox ?? false,
  };

  const problems: string[] = [];
  const missing: string[] = [];
  if (!raw.clientId) missing.push('SP_API_CLIENT_ID');
  else if (!CLIENT_ID_RE.test(raw.clientId))
    problems.push('SP_API_CLIENT_ID must look like amzn1.application-oa2-client.<hex> (copy the LWA client identifier from Developer Central).');
  if (!raw.clientSecret) missing.push('SP_API_CLIENT_SECRET');
  else if (/\s/.test(raw.clientSecret)) problems.push('SP_API_CLIENT_SECRET contains whitespace; check for a copy-paste error.');
  if (!raw.refreshToken) missing.push('SP_API_REFRESH_TOKEN');
  else if (!raw.refreshToken.startsWith('Atzr|'))
    problems.push('SP_API_REFRESH_TOKEN must start with "Atzr|" (the LWA refresh token from authorising the app in Seller Central).');
  if (!raw.sellerId) missing.push('SP_API_SELLER_ID (or SP_API_VENDOR_CODE)');
  else if (raw.vendor && !/^[A-Z0-9]{3,20}$/.test(raw.sellerId)) problems.push('The vendor code must be upper-case letters or digits.');
  else if (!raw.vendor && !SELLER_ID_RE.test(raw.sellerId))
    problems.push(`SP_API_SELLER_ID "${raw.sellerId}" must be 10-20 upper-case letters or digits (the Merchant Token in Seller Central).`);
  if (!raw.marketplace) missing.push('SP_API_MARKETPLACE');
  const mp = raw.marketplace ? findMarketplace(raw.marketplace) : undefined;
  if (raw.marketplace && !mp)
    problems.push(
      `SP_API_MARKETPLACE "${raw.marketplace}" is not a known marketplace; use an id such as ATVPDKIKX0DER or one of: ${MARKETPLACES.map((m) => m.countryCode).join(', ')}.`,
    );
  let endpoint: string | undefined;
  let lwaEndpoint: string | undefined;
  try {
    if (raw.endpoint) endpoint = validateEndpointUrl(raw.endpoint, 'SP_API_ENDPOINT');
  } catch (e) {
    problems.push((e as Error).message);
  }
  try {
    if (raw.lwaEndpoint) lwaEndpoint = validateEndpointUrl(raw.lwaEndpoint, 'SP_API_LWA_ENDPOINT');
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (missing.length) {
    problems.unshift(
      `Missing ${missing.join(', ')}: set the environment variable(s) or add ${missing.length > 1 ? 'them' : 'it'} to a profile in ${path}.`,
    );
  }
  if (problems.length) throw new ConfigError(`SP-API credentials are not usable:\n- ${problems.join('\n- ')}`);

  return {
    clientId: raw.clientId!,
    clientSecret: raw.clientSecret!,
    refreshToken: raw.refreshToken!,
    sellerId: raw.sellerId!,
    marketplaceId: mp!.id,
    region: mp!.region,
    ...(endpoint ? { endpoint } : {}),
    ...(lwaEndpoint ? { lwaEndpoint } : {}),
    sandbox: raw.sandbox,
    ...(profileName !== undefined || Object.keys(profile).length ? { profile: profileName ?? 'default' } : {}),
    ...(!nonEmpty(env.SP_API_CLIENT_SECRET) && profile.clientSecretSetAt ? { clientSecretSetAt: profile.clientSecretSetAt } : {}),
    secretSource: secretSource(env, profile),
    ...(profile.marketplaces?.length ? { marketplaces: profile.marketplaces } : {}),
    ...(raw.vendor ? { vendor: true } : {}),
  };
}

/** Where the secrets in use came from, for doctor and account_status (never the values). */
function secretSource(env: NodeJS.ProcessEnv, profile: RawProfile): SecretSource {
  if (nonEmpty(env.SP_API_CLIENT_SECRET) && nonEmpty(env.SP_API_REFRESH_TOKEN)) return 'env';
  if (profile.clientSecret || profile.refreshToken) return 'plaintext-config';
  const kinds = [profile.clientSecretRef, profile.refreshTokenRef].map((r) => (r ? parseSecretRef(r)?.kind : undefined)).filter(Boolean);
  return (kinds.includes('plaintext') ? 'plaintext' : (kinds[0] ?? 'env')) as SecretSource;
}

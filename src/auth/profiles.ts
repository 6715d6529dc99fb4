// Writing profiles: secrets into a secret store, references and settings into config.json.
import { dirname } from 'node:path';
import { ConfigError } from '../lib/config-error.js';
import { readConfigFile, writeConfigFile, type ConfigFile, type RawProfile } from './credentials.js';
import { openStore, parseSecretRef, secretRef, type SecretStore, type SecretStoresOptions } from './secret-store.js';

export const PROFILE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function checkProfileName(name: string): string {
  if (!PROFILE_NAME_RE.test(name)) throw new ConfigError(`Profile name "${name}" must be letters, digits, ".", "_" or "-" (up to 64).`);
  return name;
}

export function secretKey(profile: string, what: 'clientSecret' | 'refreshToken' | 'awsSecretAccessKey'): string {
  return `profile/${profile}/${what}`;
}

export interface SaveProfileInput {
  configFile: string;
  name: string;
  /** Non-secret settings (clientId, sellerId, marketplace, endpoints, ...). */
  settings: Omit<RawProfile, 'clientSecret' | 'refreshToken' | 'clientSecretRef' | 'refreshTokenRef'>;
  clientSecret?: string;
  refreshToken?: string;
  store: SecretStore;
  /** When the client secret was issued or set; default now when a secret is given. */
  clientSecretSetAt?: string;
}

/** Stores the secrets, then writes the profile with references only (replacing a profile of the same name). */
export function saveProfile(input: SaveProfileInput): RawProfile {
  checkProfileName(input.name);
  const config: ConfigFile = readConfigFile(input.configFile) ?? { profiles: {} };
  const previous = config.profiles[input.name] ?? {};
  const profile: RawProfile = { ...input.settings };
  if (input.clientSecret !== undefined) {
    input.store.set(secretKey(input.name, 'clientSecret'), input.clientSecret);
    profile.clientSecretRef = secretRef(input.store.kind, secretKey(input.name, 'clientSecret'));
    profile.clientSecretSetAt = input.clientSecretSetAt ?? new Date().toISOString();
  } else if (previous.clientSecretRef) {
    profile.clientSecretRef = previous.clientSecretRef;
    if (previous.clientSecretSetAt) profile.clientSecretSetAt = previous.clientSecretSetAt;
  }
  if (input.refreshToken !== undefined) {
    input.store.set(secretKey(input.name, 'refreshToken'), input.refreshToken);
    profile.refreshTokenRef = secretRef(input.store.kind, secretKey(input.name, 'refreshToken'));
  } else if (previous.refreshTokenRef) {
    profile.refreshTokenRef = previous.refreshTokenRef;
  }
  if (!profile.rotation && previous.rotation) profile.rotation = previous.rotation;
  config.profiles[input.name] = profile;
  writeConfigFile(input.configFile, config);
  // Secrets the profile no longer points to (it moved to another store) are removed, not left behind.
  for (const [before, after] of [
    [previous.clientSecretRef, profile.clientSecretRef],
    [previous.refreshTokenRef, profile.refreshTokenRef],
  ] as const) {
    const old = before ? parseSecretRef(before) : undefined;
    if (old && before !== after) {
      try {
        openStore(old.kind, { configDir: dirname(input.configFile) }).delete(old.key);
      } catch {
        // An unreachable old store (locked keychain) must not undo a successful setup.
      }
    }
  }
  return profile;
}

/**
 * Moves inline plaintext secrets (legacy profiles, or the plaintext store) into `store` and removes the plaintext.
 * Each value is written and read back before its plaintext is deleted.
 */
export function migrateProfiles(configFile: string, store: SecretStore, opts: Omit<SecretStoresOptions, 'configDir'> = {}): string[] {
  const config = readConfigFile(configFile);
  if (!config) throw new ConfigError(`Config file ${configFile} does not exist: nothing to migrate.`);
  const stores: SecretStoresOptions = { ...opts, configDir: dirname(configFile) };
  const moved: string[] = [];
  for (const [name, profile] of Object.entries(config.profiles)) {
    let changed = false;
    for (const what of ['clientSecret', 'refreshToken'] as const) {
      const refField = what === 'clientSecret' ? 'clientSecretRef' : 'refreshTokenRef';
      const inline = profile[what];
      const ref = profile[refField] ? parseSecretRef(profile[refField]) : undefined;
      let value: string | undefined;
      let from: SecretStore | undefined;
      if (inline) value = inline;
      else if (ref && ref.kind === 'plaintext' && store.kind !== 'plaintext') {
        from = openStore('plaintext', stores);
        value = from.get(ref.key);
      }
      if (!value) continue;
      const key = secretKey(name, what);
      store.set(key, value);
      if (store.get(key) !== value) throw new ConfigError(`Could not verify "${key}" in the ${store.location}; nothing was removed.`);
      profile[refField] = secretRef(store.kind, key);
      delete profile[what];
      if (from && ref) from.delete(ref.key);
      changed = true;
    }
    if (changed) moved.push(name);
  }
  if (moved.length) writeConfigFile(configFile, config);
  return moved;
}

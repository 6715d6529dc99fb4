// Where client secrets and refresh tokens live: the OS keychain, else an encrypted file, else (only when the
// operator asks for it) a plaintext file. The config file holds references ("keychain:profile/main/clientSecret"),
// never the values. Errors name the store and the fix, never a secret.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ConfigError } from '../lib/config-error.js';

export type SecretStoreKind = 'keychain' | 'encrypted-file' | 'plaintext';
export const SECRET_STORE_KINDS: readonly SecretStoreKind[] = ['keychain', 'encrypted-file', 'plaintext'];

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** Where the secrets are, for humans (no secret in it). */
  readonly location: string;
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** Service name under which keychain entries are filed. */
export const KEYCHAIN_SERVICE = 'sp-api-mcp';

/** A reference as written in the config file: "<store>:<key>". */
export function secretRef(kind: SecretStoreKind, key: string): string {
  return `${kind}:${key}`;
}

export function parseSecretRef(ref: string): { kind: SecretStoreKind; key: string } | undefined {
  const i = ref.indexOf(':');
  if (i <= 0) return undefined;
  const kind = ref.slice(0, i) as SecretStoreKind;
  if (!SECRET_STORE_KINDS.includes(kind)) return undefined;
  return { kind, key: ref.slice(i + 1) };
}

// ---------------------------------------------------------------------------------------------------------------
// OS keychain

interface KeyringEntry {
  getPassword(): string | null;
  setPassword(p: string): void;
  deletePassword(): boolean;
}
type KeyringModule = {
  Entry: new (service: string, user: string, opts?: { linux?: { store?: 'secret-service' | 'keyutils' } }) => KeyringEntry;
};

let keyringModule: KeyringModule | null | undefined;
function keyring(): KeyringModule | undefined {
  if (keyringModule === undefined) {
    try {
      // Native module, loaded only when a keychain is used (and absent prebuilds must not break start-up).
      keyringModule = createRequire(import.meta.url)('@napi-rs/keyring') as KeyringModule;
    } catch {
      keyringModule = null;
    }
  }
  return keyringModule ?? undefined;
}

export class KeychainStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly location: string;
  readonly #service: string;

  constructor(service = KEYCHAIN_SERVICE) {
    this.#service = service;
    this.location = `OS keychain (service "${service}")`;
  }

  #entry(key: string): KeyringEntry {
    const mod = keyring();
    if (!mod) throw new ConfigError('The OS keychain module (@napi-rs/keyring) is not available on this platform.');
    // On Linux only the Secret Service persists; the kernel keyring forgets everything at logout, so never fall back to it.
    return new mod.Entry(this.#service, key, { linux: { store: 'secret-service' } });
  }

  get(key: string): string | undefined {
    try {
      return this.#entry(key).getPassword() ?? undefined;
    } catch (err) {
      throw new ConfigError(
        `Could not read "${key}" from the ${this.location}: ${(err as Error).message}. Unlock the keychain, or run \`sp-api-mcp doctor\`.`,
      );
    }
  }

  set(key: string, value: string): void {
    try {
      this.#entry(key).setPassword(value);
    } catch (err) {
      throw new ConfigError(`Could not write "${key}" to the ${this.location}: ${(err as Error).message}`);
    }
  }

  delete(key: string): void {
    try {
      this.#entry(key).deletePassword();
    } catch {
      // Already gone.
    }
  }

  /** True when a secret can be written, read back and deleted (no keychain daemon → false). */
  static available(service = KEYCHAIN_SERVICE): boolean {
    const store = new KeychainStore(service);
    const probe = `probe/${randomBytes(6).toString('hex')}`;
    try {
      store.set(probe, 'probe');
      const ok = store.get(probe) === 'probe';
      store.delete(probe);
      return ok;
    } catch {
      return false;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Encrypted file: AES-256-GCM per entry, key from scrypt(passphrase or key file, per-file salt).

const FILE_VERSION = 1;
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

interface EncryptedEntry {
  iv: string;
  tag: string;
  data: string;
}
interface EncryptedFile {
  format: 'sp-api-mcp-secrets';
  version: number;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  keySource: 'passphrase' | 'keyfile';
  entries: Record<string, EncryptedEntry>;
}

export interface EncryptedFileOptions {
  file: string;
  /** SP_API_MCP_PASSPHRASE; when absent, the key file is used (created with mode 0600 on first write). */
  passphrase?: string | undefined;
  keyFile: string;
}

export class EncryptedFileStore implements SecretStore {
  readonly kind = 'encrypted-file' as const;
  readonly location: string;
  readonly #opts: EncryptedFileOptions;
  #key: Buffer | undefined;

  constructor(opts: EncryptedFileOptions) {
    this.#opts = opts;
    this.location = `encrypted file ${opts.file}`;
  }

  get keySource(): 'passphrase' | 'keyfile' {
    return this.#opts.passphrase ? 'passphrase' : 'keyfile';
  }

  #read(): EncryptedFile | undefined {
    if (!existsSync(this.#opts.file)) return undefined;
    let json: EncryptedFile;
    try {
      json = JSON.parse(readFileSync(this.#opts.file, 'utf8')) as EncryptedFile;
    } catch {
      throw new ConfigError(`${this.#opts.file} is not a readable secrets file.`);
    }
    if (json.format !== 'sp-api-mcp-secrets' || typeof json.entries !== 'object' || json.kdf?.name !== 'scrypt') {
      throw new ConfigError(`${this.#opts.file} is not an sp-api-mcp secrets file.`);
    }
    if (json.version !== FILE_VERSION) {
      throw new ConfigError(
        `${this.#opts.file} has format version ${json.version}; this sp-api-mcp reads version ${FILE_VERSION}. Update sp-api-mcp.`,
      );
    }
    return json;
  }

  #material(source: 'passphrase' | 'keyfile', create: boolean): string {
    if (source === 'passphrase') {
      if (!this.#opts.passphrase) {
        throw new ConfigError(`The secrets in ${this.#opts.file} are encrypted with a passphrase: set SP_API_MCP_PASSPHRASE.`);
      }
      return this.#opts.passphrase;
    }
    const kf = this.#opts.keyFile;
    if (!existsSync(kf)) {
      if (!create)
        throw new ConfigError(
          `The key file ${kf} for ${this.#opts.file} is missing; the secrets cannot be decrypted. Run \`sp-api-mcp setup\` again.`,
        );
      mkdirSync(dirname(kf), { recursive: true, mode: 0o700 });
      writeFileSync(kf, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    }
    if (process.platform !== 'win32' && (statSync(kf).mode & 0o077) !== 0) {
      throw new ConfigError(`The key file ${kf} is readable by other users; run \`chmod 600 ${kf}\`.`);
    }
    return readFileSync(kf, 'utf8').trim();
  }

  #deriveKey(file: EncryptedFile, create: boolean): Buffer {
    if (this.#key) return this.#key;
    const { N, r, p, salt } = file.kdf;
    const material = this.#material(file.keySource, create);
    this.#key = scryptSync(material, Buffer.from(salt, 'base64'), 32, { N, r, p, maxmem: SCRYPT.maxmem });
    return this.#key;
  }

  /** Associated data binds each ciphertext to its key name and the format version: entries cannot be swapped. */
  static #aad(key: string): Buffer {
    return Buffer.from(`sp-api-mcp-secrets/v${FILE_VERSION}/${key}`, 'utf8');
  }

  get(key: string): string | undefined {
    const file = this.#read();
    const entry = file?.entries[key];
    if (!file || !entry) return undefined;
    const k = this.#deriveKey(file, false);
    try {
      const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(entry.iv, 'base64'));
      decipher.setAAD(EncryptedFileStore.#aad(key));
      decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      this.#key = undefined;
      throw new ConfigError(
        `Could not decrypt "${key}" in ${this.#opts.file}: wrong ${file.keySource === 'passphrase' ? 'SP_API_MCP_PASSPHRASE' : `key file (${this.#opts.keyFile})`}, or the file was modified.`,
      );
    }
  }

  set(key: string, value: string): void {
    const file: EncryptedFile = this.#read() ?? {
      format: 'sp-api-mcp-secrets',
      version: FILE_VERSION,
      kdf: { name: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt: randomBytes(16).toString('base64') },
      keySource: this.keySource,
      entries: {},
    };
    const k = this.#deriveKey(file, true);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', k, iv);
    cipher.setAAD(EncryptedFileStore.#aad(key));
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    file.entries[key] = { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    writePrivate(this.#opts.file, JSON.stringify(file, null, 2) + '\n');
  }

  delete(key: string): void {
    const file = this.#read();
    if (!file || !(key in file.entries)) return;
    delete file.entries[key];
    writePrivate(this.#opts.file, JSON.stringify(file, null, 2) + '\n');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Plaintext (only with --insecure-plaintext; doctor flags it)

export class PlaintextFileStore implements SecretStore {
  readonly kind = 'plaintext' as const;
  readonly location: string;

  constructor(private readonly file: string) {
    this.location = `PLAINTEXT file ${file}`;
  }

  #read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      throw new ConfigError(`${this.file} is not valid JSON.`);
    }
  }

  get(key: string): string | undefined {
    const v = this.#read()[key];
    return typeof v === 'string' ? v : undefined;
  }

  set(key: string, value: string): void {
    const all = this.#read();
    all[key] = value;
    writePrivate(this.file, JSON.stringify(all, null, 2) + '\n');
  }

  delete(key: string): void {
    const all = this.#read();
    if (!(key in all)) return;
    delete all[key];
    writePrivate(this.file, JSON.stringify(all, null, 2) + '\n');
  }
}

/** Writes a file readable only by its owner, atomically (a crash never leaves half a secrets file). */
export function writePrivate(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  if (process.platform !== 'win32') chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

// ---------------------------------------------------------------------------------------------------------------

export interface SecretStoresOptions {
  /** The directory holding config.json; the secrets files sit beside it. */
  configDir: string;
  env?: NodeJS.ProcessEnv;
  /** Keychain service name (tests use their own). */
  keychainService?: string;
}

/** Opens the store a reference names. */
export function openStore(kind: SecretStoreKind, opts: SecretStoresOptions): SecretStore {
  const env = opts.env ?? process.env;
  switch (kind) {
    case 'keychain':
      return new KeychainStore(opts.keychainService ?? env.SP_API_MCP_KEYCHAIN_SERVICE ?? KEYCHAIN_SERVICE);
    case 'encrypted-file':
      return new EncryptedFileStore({
        file: join(opts.configDir, 'secrets.enc.json'),
        passphrase: env.SP_API_MCP_PASSPHRASE || undefined,
        keyFile: env.SP_API_MCP_KEY_FILE || join(opts.configDir, 'secrets.key'),
      });
    case 'plaintext':
      return new PlaintextFileStore(join(opts.configDir, 'secrets.plaintext.json'));
  }
}

/**
 * The store new secrets go to: the keychain when one answers, else the encrypted file; plaintext only when asked.
 * SP_API_MCP_SECRET_STORE forces a choice (e.g. encrypted-file in CI).
 */
export function chooseStore(opts: SecretStoresOptions & { insecurePlaintext?: boolean }): SecretStore {
  const env = opts.env ?? process.env;
  if (opts.insecurePlaintext) return openStore('plaintext', opts);
  const forced = env.SP_API_MCP_SECRET_STORE;
  if (forced) {
    if (forced === 'plaintext') throw new ConfigError('Plaintext secrets need the explicit --insecure-plaintext flag.');
    if (!SECRET_STORE_KINDS.includes(forced as SecretStoreKind)) {
      throw new ConfigError(`SP_API_MCP_SECRET_STORE must be keychain or encrypted-file, got "${forced}".`);
    }
    return openStore(forced as SecretStoreKind, opts);
  }
  if (KeychainStore.available(opts.keychainService ?? env.SP_API_MCP_KEYCHAIN_SERVICE ?? KEYCHAIN_SERVICE)) return openStore('keychain', opts);
  return openStore('encrypted-file', opts);
}

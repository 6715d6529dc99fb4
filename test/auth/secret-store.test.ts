import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncryptedFileStore, chooseStore, openStore, PlaintextFileStore } from '../../src/auth/secret-store.js';
import { loadCredentials, readConfigFile } from '../../src/auth/credentials.js';
import { migrateProfiles, saveProfile } from '../../src/auth/profiles.js';
import { ConfigError } from '../../src/lib/config-error.js';

const SECRET = 'amzn1.oa2-cs.v1.topsecretclientsecretvalue';
const TOKEN = 'Atzr|IwEBItopsecretrefreshtokenvalue';
const dir = () => mkdtempSync(join(tmpdir(), 'spsec-'));

/** Every byte under a directory, as text, to look for leaked values. */
function allText(root: string): string {
  return (readdirSync(root, { recursive: true }) as string[])
    .map((f) => join(root, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f, 'latin1'))
    .join('\n');
}

describe('encrypted file store', () => {
  it('round-trips with a passphrase, stores no plaintext, and refuses a wrong passphrase', () => {
    const d = dir();
    const file = join(d, 'secrets.enc.json');
    const store = new EncryptedFileStore({ file, passphrase: 'correct horse', keyFile: join(d, 'k') });
    store.set('a', SECRET);
    store.set('b', TOKEN);
    expect(store.get('a')).toBe(SECRET);
    expect(new EncryptedFileStore({ file, passphrase: 'correct horse', keyFile: join(d, 'k') }).get('b')).toBe(TOKEN);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('topsecret');
    expect(JSON.parse(text)).toMatchObject({ format: 'sp-api-mcp-secrets', version: 1, keySource: 'passphrase', kdf: { name: 'scrypt' } });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const wrong = new EncryptedFileStore({ file, passphrase: 'wrong', keyFile: join(d, 'k') });
    expect(() => wrong.get('a')).toThrow(/wrong SP_API_MCP_PASSPHRASE/);
    expect(() => new EncryptedFileStore({ file, keyFile: join(d, 'k') }).get('a')).toThrow(/set SP_API_MCP_PASSPHRASE/);
  });

  it('authenticates: a tampered or swapped entry does not decrypt', () => {
    const d = dir();
    const file = join(d, 'secrets.enc.json');
    const store = new EncryptedFileStore({ file, passphrase: 'p', keyFile: join(d, 'k') });
    store.set('a', SECRET);
    store.set('b', TOKEN);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.entries.a = json.entries.b; // swapped: the key name is bound as associated data
    writeFileSync(file, JSON.stringify(json));
    expect(() => new EncryptedFileStore({ file, passphrase: 'p', keyFile: join(d, 'k') }).get('a')).toThrow(ConfigError);
    json.version = 2;
    writeFileSync(file, JSON.stringify(json));
    expect(() => new EncryptedFileStore({ file, passphrase: 'p', keyFile: join(d, 'k') }).get('b')).toThrow(/format version 2/);
  });

  it('without a passphrase uses a 0600 key file and refuses one others can read', () => {
    const d = dir();
    const keyFile = join(d, 'secrets.key');
    const store = new EncryptedFileStore({ file: join(d, 'secrets.enc.json'), keyFile });
    store.set('a', SECRET);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(new EncryptedFileStore({ file: join(d, 'secrets.enc.json'), keyFile }).get('a')).toBe(SECRET);
    if (process.platform === 'win32') return;
    chmodSync(keyFile, 0o644);
    expect(() => new EncryptedFileStore({ file: join(d, 'secrets.enc.json'), keyFile }).get('a')).toThrow(/chmod 600/);
  });
});

describe('store choice', () => {
  it('plaintext only with the explicit flag; SP_API_MCP_SECRET_STORE forces the encrypted file', () => {
    const d = dir();
    expect(() => chooseStore({ configDir: d, env: { SP_API_MCP_SECRET_STORE: 'plaintext' } })).toThrow(/--insecure-plaintext/);
    expect(chooseStore({ configDir: d, env: {}, insecurePlaintext: true })).toBeInstanceOf(PlaintextFileStore);
    expect(chooseStore({ configDir: d, env: { SP_API_MCP_SECRET_STORE: 'encrypted-file' } }).kind).toBe('encrypted-file');
  });
});

describe('profiles with secret references', () => {
  const settings = { clientId: 'amzn1.application-oa2-client.0123456789abcdef', sellerId: 'A1B2C3D4E5F6G7', marketplace: 'DE' };

  it('config.json holds references only; loadCredentials resolves them; env vars still win', () => {
    const d = dir();
    const configFile = join(d, 'config.json');
    const env = { SP_API_MCP_PASSPHRASE: 'pw' };
    const store = openStore('encrypted-file', { configDir: d, env });
    saveProfile({ configFile, name: 'shop', settings, clientSecret: SECRET, refreshToken: TOKEN, store });
    expect(allText(d)).not.toContain('topsecret');
    const profile = readConfigFile(configFile)!.profiles.shop!;
    expect(profile.clientSecretRef).toBe('encrypted-file:profile/shop/clientSecret');
    expect(Date.parse(profile.clientSecretSetAt!)).toBeGreaterThan(Date.now() - 60_000);
    const c = loadCredentials({ env, profile: 'shop', configFile });
    expect(c).toMatchObject({ clientSecret: SECRET, refreshToken: TOKEN, profile: 'shop', secretSource: 'encrypted-file' });
    const o = loadCredentials({ env: { ...env, SP_API_CLIENT_SECRET: 'amzn1.oa2-cs.v1.fromenv' }, profile: 'shop', configFile });
    expect(o.clientSecret).toBe('amzn1.oa2-cs.v1.fromenv');
    expect(o.clientSecretSetAt).toBeUndefined();
  });

  it('credentials migrate moves plaintext profiles into the store and removes the plaintext', () => {
    const d = dir();
    const configFile = join(d, 'config.json');
    writeFileSync(configFile, JSON.stringify({ profiles: { old: { ...settings, clientSecret: SECRET, refreshToken: TOKEN }, clean: settings } }));
    const env = { SP_API_MCP_PASSPHRASE: 'pw' };
    expect(loadCredentials({ env, profile: 'old', configFile }).secretSource).toBe('plaintext-config');
    const moved = migrateProfiles(configFile, openStore('encrypted-file', { configDir: d, env }), { env });
    expect(moved).toEqual(['old']);
    expect(allText(d)).not.toContain('topsecret');
    expect(loadCredentials({ env, profile: 'old', configFile })).toMatchObject({
      clientSecret: SECRET,
      refreshToken: TOKEN,
      secretSource: 'encrypted-file',
    });
    expect(migrateProfiles(configFile, openStore('encrypted-file', { configDir: d, env }), { env })).toEqual([]);
  });

  it('saving a profile into another store removes the secrets left in the old one', () => {
    const d = dir();
    const configFile = join(d, 'config.json');
    const env = { SP_API_MCP_PASSPHRASE: 'pw' };
    saveProfile({
      configFile,
      name: 'p',
      settings,
      clientSecret: SECRET,
      refreshToken: TOKEN,
      store: chooseStore({ configDir: d, env, insecurePlaintext: true }),
    });
    expect(readFileSync(join(d, 'secrets.plaintext.json'), 'utf8')).toContain('topsecret');
    saveProfile({
      configFile,
      name: 'p',
      settings,
      clientSecret: SECRET,
      refreshToken: TOKEN,
      store: openStore('encrypted-file', { configDir: d, env }),
    });
    expect(allText(d)).not.toContain('topsecret');
    expect(loadCredentials({ env, profile: 'p', configFile }).secretSource).toBe('encrypted-file');
  });
});

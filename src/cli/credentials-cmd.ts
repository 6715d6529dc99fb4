// `sp-api-mcp credentials migrate|rotate`.
import { dirname } from 'node:path';
import { configFilePath } from '../auth/credentials.js';
import { migrateProfiles } from '../auth/profiles.js';
import { chooseStore } from '../auth/secret-store.js';
import type { CredentialsArgs } from './args.js';

export async function runCredentials(args: CredentialsArgs, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const configFile = configFilePath(env);
  if (args.action === 'migrate') {
    const store = chooseStore({ configDir: dirname(configFile), env, insecurePlaintext: args.insecurePlaintext });
    const moved = migrateProfiles(configFile, store, { env });
    process.stderr.write(
      moved.length
        ? `Moved the secrets of ${moved.length} profile(s) (${moved.join(', ')}) into the ${store.location}; ${configFile} now holds references only.\n`
        : `No plaintext secrets in ${configFile}: nothing to migrate.\n`,
    );
    return 0;
  }
  const { rotateClientSecret } = await import('./rotate.js');
  return rotateClientSecret(args, env);
}

// `sp-api-mcp credentials rotate`: Application Management's rotateApplicationClientSecret (grantless), then the new
// secret from the app's SQS queue (APPLICATION_OAUTH_CLIENT_NEW_SECRET), verified before it replaces the old one.
// The new secret is stored first under a pending key so it is never lost; the old one stays in use until the new
// one has produced an access token (Amazon keeps the old secret valid for a grace period).
import { dirname } from 'node:path';
import { configFilePath, loadCredentials, readConfigFile, resolveSecretRef, writeConfigFile } from '../auth/credentials.js';
import { LwaClient } from '../auth/lwa.js';
import { secretKey } from '../auth/profiles.js';
import { chooseStore, openStore, parseSecretRef, secretRef } from '../auth/secret-store.js';
import { deleteMessage, receiveMessages, type SqsAccess } from '../auth/sqs.js';
import { ConfigError } from '../lib/config-error.js';
import { sleep } from '../lib/sleep.js';
import type { CredentialsArgs } from './args.js';
import { checkClient, describeError } from './checks.js';

const NEW_SECRET = 'APPLICATION_OAUTH_CLIENT_NEW_SECRET';

function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** The new secret for `clientId` from a rotation notification, or undefined for any other message. */
export function newSecretFrom(body: string, clientId: string): string | undefined {
  try {
    const n = JSON.parse(body) as {
      notificationType?: string;
      payload?: { applicationOAuthClientNewSecret?: { clientId?: string; newClientSecret?: string } };
    };
    const p = n.payload?.applicationOAuthClientNewSecret;
    return n.notificationType === NEW_SECRET && p?.clientId === clientId && typeof p.newClientSecret === 'string' ? p.newClientSecret : undefined;
  } catch {
    return undefined;
  }
}

export async function rotateClientSecret(args: CredentialsArgs, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const configFile = configFilePath(env);
    const name = args.profile ?? env.SP_API_PROFILE ?? 'default';
    const config = readConfigFile(configFile);
    const profile = config?.profiles[name];
    if (!config || !profile)
      throw new ConfigError(`Profile "${name}" not found in ${configFile}; rotation updates a saved profile (run \`sp-api-mcp setup\`).`);
    if (!profile.clientSecretRef)
      throw new ConfigError(`Profile "${name}" keeps no client secret in a secret store; run \`sp-api-mcp credentials migrate\` first.`);
    const stores = { configDir: dirname(configFile), env };

    // The queue and the AWS key that may read it: from the profile, or once from the environment (then saved).
    if (!profile.rotation) {
      const queueUrl = env.SP_API_ROTATION_QUEUE_URL;
      const keyId = env.AWS_ACCESS_KEY_ID;
      const keySecret = env.AWS_SECRET_ACCESS_KEY;
      if (!queueUrl || !keyId || !keySecret) {
        throw new ConfigError(
          'Rotation needs the SQS queue registered for the app in Developer Central: set SP_API_ROTATION_QUEUE_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (an IAM key allowed sqs:ReceiveMessage and sqs:DeleteMessage) once; they are saved in the profile (the AWS secret in the secret store).',
        );
      }
      const store = chooseStore({ ...stores, insecurePlaintext: args.insecurePlaintext });
      store.set(secretKey(name, 'awsSecretAccessKey'), keySecret);
      profile.rotation = {
        queueUrl,
        awsAccessKeyId: keyId,
        awsSecretAccessKeyRef: secretRef(store.kind, secretKey(name, 'awsSecretAccessKey')),
        ...(env.AWS_REGION ? { awsRegion: env.AWS_REGION } : {}),
      };
      writeConfigFile(configFile, config);
    }
    const awsSecret = resolveSecretRef(profile.rotation.awsSecretAccessKeyRef, stores, 'rotation.awsSecretAccessKeyRef');
    if (!awsSecret)
      throw new ConfigError(`The AWS secret key for the rotation queue is missing from its store; set it again via AWS_SECRET_ACCESS_KEY.`);
    const sqs: SqsAccess = {
      queueUrl: profile.rotation.queueUrl,
      region: profile.rotation.awsRegion,
      accessKeyId: profile.rotation.awsAccessKeyId,
      secretAccessKey: awsSecret,
    };

    const creds = loadCredentials({ env: { ...env, SP_API_CLIENT_SECRET: '', SP_API_REFRESH_TOKEN: '' }, profile: name, configFile });
    const ref = parseSecretRef(profile.clientSecretRef)!;
    const store = openStore(ref.kind, stores);
    const pendingKey = `${ref.key}.pending`;

    let newSecret = store.get(pendingKey);
    if (newSecret) out('A rotated secret from an earlier run is waiting to be verified; verifying it instead of rotating again.');
    else {
      const client = checkClient(creds);
      try {
        await client.rotateApplicationClientSecret();
      } catch (err) {
        throw new ConfigError(`rotateApplicationClientSecret failed: ${describeError(err)}`);
      } finally {
        await client.close();
      }
      out('✓ Amazon is rotating the client secret; waiting for it on the SQS queue…');
      const deadline = Date.now() + (args.wait ?? 120) * 1000;
      while (!newSecret && Date.now() < deadline) {
        const messages = await receiveMessages(sqs, { max: 10, waitSeconds: 10 });
        for (const m of messages) {
          const s = newSecretFrom(m.body, creds.clientId);
          if (!s) continue;
          store.set(pendingKey, s);
          await deleteMessage(sqs, m.receiptHandle);
          newSecret = s;
          break;
        }
        if (!newSecret) await sleep(1000);
      }
      if (!newSecret)
        throw new ConfigError('No new secret arrived on the queue in time. Run `sp-api-mcp credentials rotate` again later: it will pick it up.');
    }

    // Verify before replacing; the old secret stays in use until then.
    let lastErr: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      const lwa = new LwaClient({ clientId: creds.clientId, clientSecret: newSecret, ...(creds.lwaEndpoint ? { endpoint: creds.lwaEndpoint } : {}) });
      try {
        await lwa.getAccessToken({ refreshToken: creds.refreshToken });
        lastErr = undefined;
        break;
      } catch (err) {
        lastErr = err;
        await sleep(2000 * (attempt + 1));
      }
    }
    if (lastErr)
      throw new ConfigError(
        `The new secret does not work yet (${describeError(lastErr)}); the old one stays in use. Run \`sp-api-mcp credentials rotate\` again later.`,
      );
    store.set(ref.key, newSecret);
    store.delete(pendingKey);
    const fresh = readConfigFile(configFile)!;
    fresh.profiles[name]!.clientSecretSetAt = new Date().toISOString();
    writeConfigFile(configFile, fresh);
    out(`✓ The new client secret works and replaced the old one in the ${store.location}. Next rotation due in 180 days.`);
    return 0;
  } catch (err) {
    process.stderr.write(`sp-api-mcp credentials rotate: ${err instanceof ConfigError ? err.message : describeError(err)}\n`);
    return 1;
  }
}

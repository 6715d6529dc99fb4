// Application Management: rotateApplicationClientSecret. The new secret goes to the app's registered SQS queue as
// an APPLICATION_OAUTH_CLIENT_NEW_SECRET notification; the old secret keeps working for the grace period.
import { randomUUID } from 'node:crypto';
import { errorReply } from '../http.js';
import type { Lwa } from '../lwa.js';
import type { SqsQueues } from '../sqs.js';
import type { Clock, HandlerTable } from '../types.js';
import type { EmulatorApp } from '../consent.js';

const GRACE_MS = 7 * 86_400_000;
const SECRET_LIFETIME_MS = 180 * 86_400_000;

export interface ApplicationsDeps {
  clock: Clock;
  lwa: Lwa;
  sqs: SqsQueues;
  apps: readonly EmulatorApp[];
  /** Rotation queue URL per LWA client id (the destination registered in the developer console). */
  rotationQueues: Map<string, string>;
  /** Called with the new secret, so the emulator's own credentials follow the rotation. */
  onRotated(clientId: string, secret: string): void;
}

export function createApplicationsHandlers(d: ApplicationsDeps): HandlerTable {
  return {
    rotateApplicationClientSecret: (req) => {
      const queue = d.rotationQueues.get(req.clientId);
      if (!queue) {
        return errorReply(
          400,
          'InvalidInput',
          'Application is not enrolled for rotation notification. Please update application notification preference in Developer console.',
        );
      }
      const secret = d.lwa.rotateWithGrace(req.clientId, GRACE_MS);
      d.onRotated(req.clientId, secret);
      const now = d.clock.now();
      const app = d.apps.find((a) => a.clientId === req.clientId);
      d.sqs.send(
        queue,
        JSON.stringify({
          notificationVersion: '1.0',
          notificationType: 'APPLICATION_OAUTH_CLIENT_NEW_SECRET',
          payloadVersion: '2023-05-09',
          eventTime: new Date(now).toISOString(),
          payload: {
            applicationOAuthClientNewSecret: {
              clientId: req.clientId,
              newClientSecret: secret,
              newClientSecretExpiryTime: new Date(now + SECRET_LIFETIME_MS).toISOString(),
              oldClientSecretExpiryTime: new Date(now + GRACE_MS).toISOString(),
            },
          },
          notificationMetadata: {
            applicationId: app?.applicationId ?? '',
            subscriptionId: randomUUID(),
            publishTime: new Date(now).toISOString(),
            notificationId: randomUUID(),
          },
        }),
      );
      return { status: 204 };
    },
  };
}

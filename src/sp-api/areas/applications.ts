// Application Management 2023-11-30: rotating the app's LWA client secret. Amazon answers 204 and sends the new
// secret to the SQS queue registered for the app (see src/sp-api/sqs.ts and the `credentials rotate` command).
import { z } from 'zod';
import { operation } from '../declare.js';

export const applicationsOperations = {
  rotateApplicationClientSecret: operation({ params: z.object({}), result: undefined, request: () => ({}) }),
};

// Builds the SP-API client the server uses: from real credentials, or from a running emulator's demo credentials.
import { SpApiClient, type ClientCredentials } from '../sp-api/client.js';
import type { RunningEmulator } from '../emulator/types.js';

export function clientForEmulator(emulator: RunningEmulator): { client: SpApiClient; credentials: ClientCredentials } {
  const credentials: ClientCredentials = {
    ...emulator.credentials,
    endpoint: emulator.endpoint,
    lwaEndpoint: emulator.lwaEndpoint,
  };
  return { client: new SpApiClient({ credentials, endpoint: emulator.endpoint, lwaEndpoint: emulator.lwaEndpoint }), credentials };
}

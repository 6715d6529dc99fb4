// Builds the SP-API client the server uses: from real credentials, or from a running emulator's demo credentials.
import { SpApiClient, type ClientCredentials, type SpApiClientOptions } from '../sp-api/client.js';
import type { RunningEmulator } from '../emulator/types.js';

export function clientForEmulator(
  emulator: RunningEmulator,
  extra: Partial<SpApiClientOptions> = {},
): { client: SpApiClient; credentials: ClientCredentials } {
  const credentials: ClientCredentials = {
    ...emulator.credentials,
    endpoint: emulator.endpoint,
    lwaEndpoint: emulator.lwaEndpoint,
  };
  return { client: new SpApiClient({ ...extra, credentials, endpoint: emulator.endpoint, lwaEndpoint: emulator.lwaEndpoint }), credentials };
}

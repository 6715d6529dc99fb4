import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { SpApiClient, type SpApiClientOptions } from '../../src/sp-api/client.js';
import { ThrottleRegistry } from '../../src/sp-api/throttle.js';

export { startEmulator, type RunningEmulator, type EmulatorOptions };

/** A client wired to an emulator with its own bucket registry (tests must not share buckets). */
export function clientFor(emu: RunningEmulator, extra: Partial<SpApiClientOptions> = {}): SpApiClient {
  return new SpApiClient({
    credentials: emu.credentials,
    endpoint: emu.endpoint,
    lwaEndpoint: emu.lwaEndpoint,
    throttle: new ThrottleRegistry(),
    retryBaseMs: 20,
    ...extra,
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

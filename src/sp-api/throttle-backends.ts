// Picks where the usage-plan buckets live: Redis when a URL is given (several machines), else the data directory's
// SQLite (the processes of one machine), else this process's memory. Loaded lazily: only the one chosen is loaded.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ThrottleRegistry } from './throttle.js';

export interface ThrottleBackendOptions {
  /** Data directory: buckets in `<dataDir>/buckets.sqlite`, shared by every process using it. */
  dataDir?: string | undefined;
  /** `SP_API_MCP_REDIS_URL`: buckets in Redis, shared across machines (takes precedence over dataDir). */
  redisUrl?: string | undefined;
  /** Client refill safety factor (default 0.97). */
  safety?: number;
  log?: Logger | undefined;
}

export const BUCKETS_FILE = 'buckets.sqlite';

export async function createThrottleRegistry(opts: ThrottleBackendOptions): Promise<ThrottleRegistry> {
  const base = opts.safety !== undefined ? { safety: opts.safety } : {};
  if (opts.redisUrl) {
    const { RedisBucketStore } = await import('./throttle-redis.js');
    return new ThrottleRegistry({ ...base, shared: await RedisBucketStore.create({ url: opts.redisUrl, log: opts.log }) });
  }
  if (opts.dataDir) {
    const { SqliteBucketStore } = await import('./throttle-sqlite.js');
    return new ThrottleRegistry({ ...base, shared: new SqliteBucketStore(join(opts.dataDir, BUCKETS_FILE)) });
  }
  return new ThrottleRegistry(base);
}

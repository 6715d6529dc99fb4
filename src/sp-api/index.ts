export * from './client.js';
export * from './errors.js';
export * from './throttle.js';
export * from './documents.js';
export * from './feeds.js';
export { isRetryable, backoffMs, DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export type * from './schemas.js';
export * as schemas from './schemas.js';

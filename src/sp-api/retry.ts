// Which failures are worth another attempt, and how long to wait before it.
import { LwaNetworkError, LwaUnavailableError } from '../auth/lwa.js';
import { SpApiAbortError, SpApiError, SpApiNetworkError, SpApiServerError, SpApiThrottledError } from './errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt (default 4, so 5 attempts in all). */
  maxRetries: number;
  /** First backoff ceiling, ms (doubles per attempt). */
  baseMs: number;
  /** Backoff ceiling, ms. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, baseMs: 500, maxMs: 30_000 };

/**
 * Throttling is not a failure to give up on after a few attempts: Amazon's 429s can last minutes. A call keeps
 * waiting them out, paced by the usage plan (the drained bucket) plus a short jittered backoff, for this long.
 */
export const DEFAULT_THROTTLE_BUDGET_MS = 120_000;
/** Backoff added after consecutive 429s of one call, on top of the bucket's pacing. */
export const THROTTLE_BACKOFF: RetryPolicy = { maxRetries: Infinity, baseMs: 250, maxMs: 5_000 };

/**
 * Idempotent calls retry on 429, 5xx and network failures. Non-idempotent calls (createFeed, createReport, ...) retry
 * only when Amazon provably did not act: a 429 (rejected before execution) or a network failure before any request
 * byte was written (see http.ts). A 5xx or a reset after sending may hide an executed request, so it is not retried.
 */
export function isRetryable(err: unknown, idempotent: boolean): boolean {
  if (err instanceof SpApiAbortError) return false;
  if (err instanceof SpApiThrottledError) return true;
  if (err instanceof SpApiNetworkError) return idempotent || !err.requestSent;
  if (err instanceof SpApiServerError) return idempotent;
  // The token exchange failed transiently: the SP-API request was never sent. LWA itself does not retry.
  if (err instanceof LwaNetworkError || err instanceof LwaUnavailableError) return true;
  if (err instanceof SpApiError) return false;
  return false;
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

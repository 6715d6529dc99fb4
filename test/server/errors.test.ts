// Errors become tool results by class: a renamed class or a look-alike object cannot fall into the wrong branch.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toToolError } from '../../src/core/errors.js';
import { ConfigError } from '../../src/lib/config-error.js';
import { LwaError, LwaInvalidGrantError, LwaNetworkError, LwaUnavailableError } from '../../src/auth/lwa.js';
import { SpApiAbortError, SpApiNetworkError, SpApiNotFoundError, SpApiThrottledError } from '../../src/sp-api/errors.js';
import { UnknownMarketplaceError } from '../../src/lib/marketplaces.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const code = (e: unknown) => toToolError(e).error.code;

describe('toToolError', () => {
  it('maps each error class to its code', () => {
    expect(code(new LwaNetworkError('connect ECONNREFUSED'))).toBe('NO_CONNECTION');
    expect(code(new SpApiNetworkError({ code: 'ECONNRESET', message: 'reset', requestSent: true }))).toBe('NO_CONNECTION');
    expect(code(new LwaUnavailableError('503', 'server_error', 503))).toBe('SP_API_ERROR');
    expect(code(new LwaInvalidGrantError(400, 'revoked'))).toBe('TOKEN_EXPIRED');
    expect(code(new LwaError('odd', 'bad_response', 200))).toBe('TOKEN_EXPIRED');
    expect(code(new SpApiAbortError('getListingsItem'))).toBe('CANCELLED');
    expect(code(new DOMException('aborted', 'AbortError'))).toBe('CANCELLED');
    expect(code(new SpApiNotFoundError({ status: 404, code: 'NOT_FOUND', message: 'gone' }))).toBe('NOT_FOUND');
    expect(code(new SpApiThrottledError({ status: 429, code: 'QuotaExceeded', message: 'slow down' }))).toBe('RATE_LIMIT');
    expect(code(new UnknownMarketplaceError('XX'))).toBe('INVALID_REQUEST');
    expect(code(z.object({ a: z.string() }).safeParse({}).error)).toBe('INVALID_REQUEST');
  });

  it('treats a bad setting as INVALID_REQUEST', () => {
    expect(code(new ConfigError('bad setting'))).toBe('INVALID_REQUEST');
  });

  it('does not trust names or status fields on look-alikes', () => {
    const fake = Object.assign(new Error('x'), { name: 'LwaNetworkError' });
    expect(code(fake)).toBe('INTERNAL_ERROR');
    expect(code({ status: 404, message: 'not really Amazon' })).toBe('INTERNAL_ERROR');
    // Our bug's message stays in the log, not in the reply.
    expect(toToolError(new TypeError('secret internals')).error.message).not.toContain('secret internals');
  });
});

describe('over MCP', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('an unreachable LWA is NO_CONNECTION, not TOKEN_EXPIRED "restart the server"', async () => {
    h = await startHarness({ client: { lwaEndpoint: 'http://127.0.0.1:9/auth/o2/token', maxRetries: 1, retryBaseMs: 5, retryMaxMs: 10 } });
    await h.mcp.listTools();
    const res = await h.call('listings_get', { sku: 'ANY-SKU' });
    expect(res.isError).toBe(true);
    expect(res.data.error.code).toBe('NO_CONNECTION');
    expect(res.data.error.message).not.toMatch(/restart the server/);
  });

  it("a missing SKU is NOT_FOUND with Amazon's request id", async () => {
    h = await startHarness();
    await h.mcp.listTools();
    const res = await h.call('listings_get', { sku: 'NO-SUCH-SKU-1' });
    expect(res.data.error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(res.data.error.requestId).toMatch(/\S/);
  });
});

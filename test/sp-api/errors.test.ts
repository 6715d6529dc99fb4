import { describe, expect, it } from 'vitest';
import {
  errorForResponse,
  parseErrorBody,
  parseRateLimit,
  SpApiBadRequestError,
  SpApiError,
  SpApiForbiddenError,
  SpApiRequestTooLargeError,
  SpApiServerError,
  SpApiThrottledError,
  SpApiUnsupportedMediaTypeError,
} from '../../src/sp-api/errors.js';
import { buildQuery } from '../../src/sp-api/client.js';
import { backoffMs, isRetryable } from '../../src/sp-api/retry.js';
import { SpApiNetworkError } from '../../src/sp-api/errors.js';

describe('parseErrorBody', () => {
  it('reads {errors:[...]}', () => {
    expect(parseErrorBody('{"errors":[{"code":"InvalidInput","message":"bad","details":"x"}]}', 400)).toEqual([
      { code: 'InvalidInput', message: 'bad', details: 'x' },
    ]);
  });
  it('reads the bare-array quirk of listings restrictions', () => {
    expect(parseErrorBody('[{"code":"BAD_REQUEST","message":"Invalid \'asin\' provided."}]', 400)).toEqual([
      { code: 'BAD_REQUEST', message: "Invalid 'asin' provided." },
    ]);
  });
  it('reads payload-wrapped and single-object errors, dropping empty details', () => {
    expect(parseErrorBody('{"payload":{"errors":[{"code":"A","message":"m","details":""}]}}', 400)).toEqual([{ code: 'A', message: 'm' }]);
    expect(parseErrorBody('{"errors":{"code":"B","message":"n"}}', 400)).toEqual([{ code: 'B', message: 'n' }]);
  });
  it('falls back for API Gateway {message} and non-JSON bodies', () => {
    expect(parseErrorBody('{"message":"Forbidden"}', 403)).toEqual([{ code: '403', message: 'Forbidden' }]);
    expect(parseErrorBody('<html>Bad Gateway</html>', 502)).toEqual([{ code: '502', message: '<html>Bad Gateway</html>' }]);
    expect(parseErrorBody('', 503)).toEqual([{ code: '503', message: 'HTTP 503' }]);
  });
});

describe('errorForResponse', () => {
  it('picks the subclass by status and carries code, requestId, rateLimit', () => {
    const mk = (status: number) =>
      errorForResponse({ status, body: '{"errors":[{"code":"C","message":"m"}]}', operation: 'getFeed', requestId: 'rid-1', rateLimit: 2 });
    expect(mk(400)).toBeInstanceOf(SpApiBadRequestError);
    expect(mk(403)).toBeInstanceOf(SpApiForbiddenError);
    expect(mk(413)).toBeInstanceOf(SpApiRequestTooLargeError);
    expect(mk(415)).toBeInstanceOf(SpApiUnsupportedMediaTypeError);
    expect(mk(429)).toBeInstanceOf(SpApiThrottledError);
    expect(mk(503)).toBeInstanceOf(SpApiServerError);
    const e = mk(400);
    expect(e).toBeInstanceOf(SpApiError);
    expect(e).toMatchObject({ status: 400, code: 'C', requestId: 'rid-1', rateLimit: 2, operation: 'getFeed' });
    expect(e.message).toBe('getFeed failed: HTTP 400 C: m (request id rid-1)');
  });
  it('never leaks tokens or presigned signatures', () => {
    const e = errorForResponse({
      status: 400,
      body: JSON.stringify({ errors: [{ code: 'X', message: 'token Atza|abc.DEF-123 at https://s3/x?X-Amz-Signature=deadbeef&y=1' }] }),
      operation: 'getReport',
    });
    expect(e.message).not.toContain('abc.DEF');
    expect(e.message).not.toContain('deadbeef');
    expect(JSON.stringify(e.errors)).not.toContain('deadbeef');
  });
});

describe('helpers', () => {
  it('builds CSV query arrays with %20, never +', () => {
    expect(buildQuery({ marketplaceIds: ['A', 'B'], keywords: ['a b', 'c,d'], pageSize: 5, x: undefined, flag: true })).toBe(
      'marketplaceIds=A,B&keywords=a%20b,c%2Cd&pageSize=5&flag=true',
    );
  });
  it('parses x-amzn-RateLimit-Limit', () => {
    expect(parseRateLimit('0.0167')).toBe(0.0167);
    expect(parseRateLimit(['5.0'])).toBe(5);
    expect(parseRateLimit('abc')).toBeUndefined();
    expect(parseRateLimit('0')).toBeUndefined();
  });
  it('backs off with full jitter under an exponential ceiling', () => {
    const p = { maxRetries: 4, baseMs: 100, maxMs: 1000 };
    expect(backoffMs(1, p, () => 1)).toBe(100);
    expect(backoffMs(3, p, () => 1)).toBe(400);
    expect(backoffMs(10, p, () => 1)).toBe(1000);
    expect(backoffMs(3, p, () => 0)).toBe(0);
  });
  it('retries a non-idempotent call only when provably not executed', () => {
    const net = (requestSent: boolean) => new SpApiNetworkError({ code: 'ECONNRESET', message: 'x', requestSent });
    expect(isRetryable(net(true), true)).toBe(true);
    expect(isRetryable(net(true), false)).toBe(false);
    expect(isRetryable(net(false), false)).toBe(true);
    const s = errorForResponse({ status: 500, body: '', operation: 'createFeed' });
    expect(isRetryable(s, true)).toBe(true);
    expect(isRetryable(s, false)).toBe(false);
    expect(isRetryable(errorForResponse({ status: 429, body: '', operation: 'createFeed' }), false)).toBe(true);
    expect(isRetryable(errorForResponse({ status: 400, body: '', operation: 'getFeed' }), true)).toBe(false);
  });
});

// Turns anything a tool throws into an isError result with a code and a next step.
// Errors are recognised by class, never by name strings or a `status` field, so a renamed or new error class
// cannot silently fall into the wrong branch. Never a stack trace, never a token or presigned URL.
import { ZodError } from 'zod';
import { ToolError, type ToolErrorCode } from './tool-error.js';
import { redactText } from '../lib/log.js';
import { ConfigError } from '../lib/config-error.js';
import { LwaError, LwaInvalidClientError, LwaInvalidGrantError, LwaNetworkError, LwaUnavailableError } from '../auth/lwa.js';
import { UnknownMarketplaceError } from '../lib/marketplaces.js';
import {
  DocumentError,
  isAbort,
  SpApiBadRequestError,
  SpApiError,
  SpApiForbiddenError,
  SpApiInputError,
  SpApiNetworkError,
  SpApiNotFoundError,
  SpApiThrottledError,
} from '../sp-api/errors.js';

export interface ToolErrorPayload {
  error: {
    code: ToolErrorCode;
    message: string;
    amazonCode?: string;
    requestId?: string;
    status?: number;
    [key: string]: unknown;
  };
}

function payload(code: ToolErrorCode, message: string, extra: Record<string, unknown> = {}): ToolErrorPayload {
  return { error: { code, message: redactText(message), ...extra } };
}

/** Errors that come from Amazon or the way to it (as opposed to a bug of ours). */
export function isUpstreamError(err: unknown): boolean {
  return err instanceof SpApiError || err instanceof LwaError;
}

export function toToolError(err: unknown): ToolErrorPayload {
  if (err instanceof ToolError) return payload(err.code, err.message, err.extra);
  if (isAbort(err)) return payload('CANCELLED', 'The call was cancelled before it finished. Nothing further was sent to Amazon.');
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ');
    return payload('INVALID_REQUEST', `Invalid arguments: ${issues}. Correct the arguments and call again.`);
  }
  if (err instanceof ConfigError || err instanceof UnknownMarketplaceError || err instanceof SpApiInputError) {
    return payload('INVALID_REQUEST', err.message);
  }
  if (err instanceof LwaNetworkError || err instanceof SpApiNetworkError) {
    return payload('NO_CONNECTION', `Could not reach Amazon: ${err.message}. Check the network or the endpoint setting, then retry.`);
  }
  if (err instanceof LwaInvalidClientError || err instanceof LwaInvalidGrantError) {
    return payload('TOKEN_EXPIRED', `${err.message} Then restart the server (or call account_status to check).`);
  }
  if (err instanceof LwaUnavailableError) {
    return payload('SP_API_ERROR', `Amazon's login service is unavailable right now (${err.message}). Retry in a few minutes.`, {
      status: err.status,
    });
  }
  if (err instanceof LwaError) {
    return payload('TOKEN_EXPIRED', `Amazon's login service refused the token request (${err.message}). Check the app's credentials, then retry.`);
  }
  if (err instanceof SpApiError) {
    const extra: Record<string, unknown> = { amazonCode: err.code };
    if (err.requestId) extra.requestId = err.requestId;
    if (err.status > 0) extra.status = err.status;
    if (err instanceof SpApiNotFoundError) {
      return payload('NOT_FOUND', `${err.message} Check the identifier (SKU, ASIN, id) and the marketplace.`, extra);
    }
    if (err instanceof SpApiThrottledError) {
      return payload(
        'RATE_LIMIT',
        'Amazon kept throttling this operation for longer than the wait budget. Wait a few minutes and retry; for bulk work use a feed.',
        extra,
      );
    }
    if (err instanceof SpApiForbiddenError) {
      return payload(
        'TOKEN_EXPIRED',
        `Amazon refused the credentials (${err.message}). Re-authorise the app in Seller Central or check its roles, then retry.`,
        extra,
      );
    }
    if (err instanceof SpApiBadRequestError) {
      return payload('INVALID_REQUEST', `Amazon rejected the request: ${err.message}. Correct the arguments and call again.`, extra);
    }
    if (err instanceof DocumentError) {
      return payload(
        'SP_API_ERROR',
        `Amazon's document storage answered with an error (${err.message}). Retry; quote the request id if it persists.`,
        extra,
      );
    }
    return payload('SP_API_ERROR', `Amazon returned an error (${err.message}). Retry later; quote the request id if it persists.`, extra);
  }
  return payload('INTERNAL_ERROR', 'An unexpected error occurred in the server. It has been logged; retry, or report it if it persists.');
}

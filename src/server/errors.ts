// Turns anything a tool throws into an isError result with a code and a next step.
// Never a stack trace, never a token or presigned URL.
import { ToolError, type ToolErrorCode } from './tool-error.js';
import { redactText } from '../log.js';

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

interface HttpishError {
  name?: string;
  status?: number;
  code?: unknown;
  message?: string;
  requestId?: string;
  details?: string;
}

function payload(code: ToolErrorCode, message: string, extra: Record<string, unknown> = {}): ToolErrorPayload {
  return { error: { code, message: redactText(message), ...extra } };
}

export function toToolError(err: unknown): ToolErrorPayload {
  if (err instanceof ToolError) return payload(err.code, err.message, err.extra);
  const e = (err ?? {}) as HttpishError & Error;
  const name = e.name ?? '';
  const message = typeof e.message === 'string' ? e.message : String(err);

  if (name === 'AbortError' || name === 'CancelledError') {
    return payload('CANCELLED', 'The call was cancelled before it finished. Nothing further was sent to Amazon.');
  }
  if (name === 'ZodError') {
    return payload('INVALID_REQUEST', `Invalid arguments: ${message}. Correct the arguments and call again.`);
  }
  if (name === 'UnknownMarketplaceError' || name === 'SpApiInputError' || name === 'ConfigError') {
    return payload('INVALID_REQUEST', message);
  }
  if (name === 'LwaInvalidClientError' || name === 'LwaInvalidGrantError' || name === 'LwaError') {
    return payload('TOKEN_EXPIRED', `${message} Then restart the server (or call account_status to check).`);
  }
  if (name === 'SpApiNetworkError' || name === 'LwaNetworkError') {
    return payload('NO_CONNECTION', `Could not reach Amazon: ${message}. Check the network or the endpoint setting, then retry.`);
  }
  const extra: Record<string, unknown> = {};
  if (typeof e.code === 'string') extra.amazonCode = e.code;
  if (e.requestId) extra.requestId = e.requestId;
  if (typeof e.status === 'number') extra.status = e.status;
  switch (e.status) {
    case 404:
      return payload('NOT_FOUND', `${message} Check the identifier (SKU, ASIN, id) and the marketplace.`, extra);
    case 429:
      return payload('RATE_LIMIT', `Amazon is throttling this operation even after retries. Wait a minute and retry; for bulk work use a feed.`, extra);
    case 401:
    case 403:
      return payload(
        'TOKEN_EXPIRED',
        `Amazon refused the credentials (${message}). Re-authorise the app in Seller Central or check its roles, then retry.`,
        extra,
      );
    case 400:
      return payload('INVALID_REQUEST', `Amazon rejected the request: ${message}. Correct the arguments and call again.`, extra);
    default:
      if (typeof e.status === 'number') {
        return payload('SP_API_ERROR', `Amazon returned an error (${message}). Retry later; quote the request id if it persists.`, extra);
      }
  }
  return payload('INTERNAL_ERROR', 'An unexpected error occurred in the server. It has been logged; retry, or report it if it persists.');
}

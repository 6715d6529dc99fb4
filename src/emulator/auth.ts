// Access-token check for SP-API calls. Failures are 403, never 401, as Amazon answers (sp-api-facts §3).
import type { IncomingHttpHeaders } from 'node:http';
import type { OperationSpec } from '../sp-api/operations.js';
import type { AccessGrant, Lwa } from './lwa.js';
import { errorReply } from './http.js';
import type { EmuReply } from './types.js';

const DENIED = 'Access to requested resource is denied.';

export function authorize(
  lwa: Lwa,
  spec: OperationSpec,
  headers: IncomingHttpHeaders,
  params: Record<string, string>,
  query: URLSearchParams,
): AccessGrant | EmuReply {
  const raw = headers['x-amz-access-token'];
  const token = Array.isArray(raw) ? raw[0] : raw;
  if (!token) return errorReply(403, 'MissingAuthenticationToken', DENIED, 'Access token is missing in the request header.');
  const grant = lwa.lookup(token);
  if (!grant) return errorReply(403, 'Unauthorized', DENIED, 'The access token you provided is revoked, malformed or invalid.');
  if (spec.grantlessScope !== undefined) {
    if (!grant.scope?.split(' ').includes(spec.grantlessScope)) return errorReply(403, 'Unauthorized', DENIED, '');
    return grant;
  }
  // Seller operations need a seller's token, and one seller cannot act for another.
  if (grant.sellerId === '') return errorReply(403, 'Unauthorized', DENIED, '');
  const named = params['sellerId'] ?? query.get('sellerId');
  if (named !== undefined && named !== null && named !== grant.sellerId) return errorReply(403, 'Unauthorized', DENIED, '');
  return grant;
}

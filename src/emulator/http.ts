// Small helpers shared by the emulator's area modules: Amazon error replies and query parsing.
import { createHash } from 'node:crypto';
import type { EmuReply } from './types.js';
import { findMarketplace } from '../lib/marketplaces.js';

/** Amazon's standard `{"errors":[...]}` body. */
export function errorReply(status: number, code: string, message: string, details?: string): EmuReply {
  return { status, body: { errors: [{ code, message, ...(details !== undefined ? { details } : {}) }] } };
}

/** Thrown inside handlers to answer with an Amazon error; the server turns it into a reply. */
export class EmuError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string,
  ) {
    super(message);
  }
  toReply(): EmuReply {
    return errorReply(this.status, this.code, this.message, this.details);
  }
}

/** A comma-separated (or repeated) array query parameter, as Amazon's models declare them (collectionFormat csv). */
export function csv(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** marketplaceIds: required, known ids only, at most `max`. */
export function marketplaceIdsParam(query: URLSearchParams, code: string, max = Infinity): string[] {
  const ids = csv(query, 'marketplaceIds');
  if (ids.length === 0) throw new EmuError(400, code, "Missing required parameter 'marketplaceIds'.");
  if (ids.length > max) throw new EmuError(400, code, `'marketplaceIds' accepts at most ${max} value(s); got ${ids.length}.`);
  for (const id of ids) {
    // Marketplace ids only; a country code is not an id.
    if (findMarketplace(id)?.id !== id) throw new EmuError(400, code, `Invalid 'marketplaceIds' provided: ${id}.`);
  }
  return ids;
}

/** includedData: every value must be one of `allowed`; `fallback` when absent. */
export function includedDataParam(query: URLSearchParams, allowed: readonly string[], fallback: string[], code: string): Set<string> {
  const values = csv(query, 'includedData');
  for (const v of values) {
    if (!allowed.includes(v)) throw new EmuError(400, code, `Invalid 'includedData' value: ${v}. Allowed: ${allowed.join(', ')}.`);
  }
  return new Set(values.length ? values : fallback);
}

/** An integer page size within [1, max]. */
export function pageSizeParam(query: URLSearchParams, max: number, fallback: number, code: string): number {
  const raw = query.get('pageSize');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new EmuError(400, code, `'pageSize' must be an integer between 1 and ${max}.`);
  return n;
}

/** Opaque page tokens: the offset plus a fingerprint of the query so a token is only valid for its own search. */
export function encodePageToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

export function decodePageToken(token: string | null, fingerprint: string, code: string): number {
  if (token === null) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.f === fingerprint) return parsed.o;
  } catch {
    // fall through
  }
  throw new EmuError(400, code, "Invalid 'pageToken' provided.");
}

/** Slices one page and builds Amazon's pagination object (absent when there is nothing to page). */
export function paginate<T>(
  all: T[],
  offset: number,
  size: number,
  fingerprint: string,
): { page: T[]; pagination?: { nextToken?: string; previousToken?: string } } {
  const page = all.slice(offset, offset + size);
  const pagination: { nextToken?: string; previousToken?: string } = {};
  if (offset + size < all.length) pagination.nextToken = encodePageToken(offset + size, fingerprint);
  if (offset > 0) pagination.previousToken = encodePageToken(Math.max(0, offset - size), fingerprint);
  return Object.keys(pagination).length ? { page, pagination } : { page };
}

/** Parses a JSON request body; malformed JSON is a 400 like Amazon's. */
export function jsonBody(body: Buffer, code: string): unknown {
  if (body.length === 0) throw new EmuError(400, code, 'Request body is missing.');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new EmuError(400, code, 'Request body is not valid JSON.');
  }
}

/** A fingerprint of the query minus some parameters, so page tokens only work for the search that made them. */
export function fingerprintOf(query: URLSearchParams, omit: string[]): string {
  const entries = [...query.entries()].filter(([k]) => !omit.includes(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha1').update(JSON.stringify(entries)).digest('base64url').slice(0, 12);
}

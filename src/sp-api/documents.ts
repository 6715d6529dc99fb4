// Presigned document URLs (S3-style): report/feed-result downloads, feed uploads, product-type schemas.
// These requests never carry the SP-API access token, and URLs never appear in errors or logs (they are bearer
// credentials until they expire).
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import type { Dispatcher } from 'undici';
import { isLoopbackHost } from '../auth/credentials.js';
import { createAgent, header, send, TransportError, type HttpResponse } from './http.js';
import {
  DocumentChecksumError,
  DocumentError,
  DocumentUploadError,
  DocumentUrlExpiredError,
  SpApiAbortError,
  SpApiInputError,
  SpApiNetworkError,
} from './errors.js';

// iconv-lite (CommonJS) is required on the first charset conversion, not at server start.
let iconvModule: typeof import('iconv-lite') | undefined;
const iconv = (): typeof import('iconv-lite') => (iconvModule ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite'));

export interface DocumentTransportOptions {
  dispatcher?: Dispatcher;
  /** Allow http:// on loopback hosts (only when the client itself talks to a local emulator). */
  allowLoopbackHttp?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface DownloadedDocument {
  /** Decompressed bytes. */
  bytes: Buffer;
  /** Bytes decoded with the charset below. */
  text: string;
  contentType: string | undefined;
  /** Charset used for decoding (from Content-Type, the caller, a BOM, or utf-8). */
  charset: string;
  /** Whether the payload was gzip (detected by magic bytes, whatever the label said). */
  compressed: boolean;
}

let sharedAgent: Dispatcher | undefined;
function dispatcherOf(opts: DocumentTransportOptions): Dispatcher {
  return opts.dispatcher ?? (sharedAgent ??= createAgent());
}

/** SSRF guard: presigned URLs must be https; http only to loopback when explicitly allowed. */
export function checkDocumentUrl(raw: string, allowLoopbackHttp = false): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SpApiInputError('document URL is not a valid URL');
  }
  if (url.username || url.password) throw new SpApiInputError('document URL must not carry credentials');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && allowLoopbackHttp && isLoopbackHost(url.hostname)) return url;
  throw new SpApiInputError(`document URL must use https (got ${url.protocol}//${url.hostname}); http is accepted only for a local emulator`);
}

async function fetchDoc(
  method: 'GET' | 'PUT',
  raw: string,
  opts: DocumentTransportOptions,
  what: string,
  extra: { headers?: Record<string, string>; body?: Buffer } = {},
): Promise<HttpResponse> {
  const url = checkDocumentUrl(raw, opts.allowLoopbackHttp);
  try {
    return await send({
      method,
      url: url.toString(),
      headers: extra.headers ?? {},
      ...(extra.body ? { body: extra.body } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      dispatcher: dispatcherOf(opts),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    });
  } catch (err) {
    if (err instanceof TransportError) {
      if (opts.signal?.aborted) throw new SpApiAbortError(what, opts.signal.reason);
      throw new SpApiNetworkError({
        code: err.errorCode ?? 'NetworkError',
        message: `${what}: network error talking to ${url.hostname}: ${err.message}`,
        operation: what,
        requestSent: err.requestSent,
        cause: err,
      });
    }
    throw err;
  }
}

/** S3 error XML: <Error><Code>…</Code><Message>…</Message></Error>. */
export function parseS3Error(body: Buffer): { code: string; message: string } {
  const text = body.toString('utf8');
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  if (code || message) return { code: code ?? 'Unknown', message: message ?? '' };
  // Not XML (e.g. a JSON body from a proxy): keep a short snippet.
  return { code: 'Unknown', message: text.replace(/\s+/g, ' ').trim().slice(0, 200) };
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;
function isGzip(b: Buffer): boolean {
  return b.length >= 2 && b[0] === GZIP_MAGIC[0] && b[1] === GZIP_MAGIC[1];
}

/** Maps the charset names Amazon uses to iconv-lite codecs (ISO-8859-1 is treated as its superset Cp1252, as browsers do). */
export function normaliseCharset(name: string): string | undefined {
  const n = name
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (n === 'utf-8' || n === 'utf8') return 'utf-8';
  if (['cp1252', 'windows-1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'us-ascii', 'ascii'].includes(n)) return 'windows-1252';
  if (['shift_jis', 'shift-jis', 'sjis', 'cp932', 'windows-31j', 'ms932', 'x-sjis'].includes(n)) return 'cp932';
  if (['euc-jp', 'eucjp', 'x-euc-jp'].includes(n)) return 'euc-jp';
  return iconv().encodingExists(n) ? n : undefined;
}

export function charsetOf(contentType: string | undefined): string | undefined {
  return contentType ? /;\s*charset\s*=\s*("?)([^";]+)\1/i.exec(contentType)?.[2] : undefined;
}

/** Decodes by the declared charset; without one, by BOM, else UTF-8. */
export function decodeText(bytes: Buffer, declared: string | undefined): { text: string; charset: string } {
  const cs = declared ? normaliseCharset(declared) : undefined;
  if (cs) return { text: iconv().decode(bytes, cs), charset: cs };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.subarray(3).toString('utf8'), charset: 'utf-8' };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv().decode(bytes, 'utf-16le'), charset: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv().decode(bytes, 'utf-16be'), charset: 'utf-16be' };
  return { text: bytes.toString('utf8'), charset: 'utf-8' };
}

/**
 * Downloads a report or feed-result document. gzip is detected by magic bytes: a GZIP label on plain bytes is
 * ignored and unlabelled gzip is still inflated. An expired URL raises DocumentUrlExpiredError.
 */
export async function downloadDocument(
  descriptor: { url: string; compressionAlgorithm?: string | undefined },
  opts: DocumentTransportOptions & { charset?: string } = {},
): Promise<DownloadedDocument> {
  const what = 'downloadDocument';
  const res = await fetchDoc('GET', descriptor.url, opts, what);
  if (res.status < 200 || res.status >= 300) throw documentHttpError(what, res);
  let bytes = res.body;
  const compressed = isGzip(bytes);
  if (compressed) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new DocumentError({
        status: res.status,
        code: 'CorruptGzip',
        message: `${what}: gzip data is corrupt: ${(err as Error).message}`,
        operation: what,
      });
    }
  }
  const contentType = header(res.headers, 'content-type');
  const { text, charset } = decodeText(bytes, opts.charset ?? charsetOf(contentType));
  return { bytes, text, contentType, charset, compressed };
}

function documentHttpError(what: string, res: HttpResponse): DocumentError {
  const s3 = parseS3Error(res.body);
  const requestId = header(res.headers, 'x-amz-request-id');
  const init = {
    status: res.status,
    code: s3.code,
    operation: what,
    ...(requestId ? { requestId } : {}),
  };
  if (res.status === 403 && /expired/i.test(`${s3.code} ${s3.message}`)) {
    return new DocumentUrlExpiredError({
      ...init,
      message: `${what}: the presigned URL has expired (${s3.code}: ${s3.message}); request the document again to get a fresh URL`,
    });
  }
  return new DocumentError({ ...init, message: `${what}: HTTP ${res.status} ${s3.code}: ${s3.message}` });
}

/**
 * Uploads feed content to the URL from createFeedDocument. `contentType` must be exactly the one given to
 * createFeedDocument (the signature covers it). A string body is encoded in the charset named by `contentType`.
 */
export async function uploadFeedDocument(
  target: { url: string },
  body: Buffer | string,
  contentType: string,
  opts: DocumentTransportOptions = {},
): Promise<void> {
  const what = 'uploadFeedDocument';
  let bytes: Buffer;
  if (typeof body === 'string') {
    const declared = charsetOf(contentType);
    const cs = declared ? normaliseCharset(declared) : 'utf-8';
    if (!cs) throw new SpApiInputError(`${what}: unsupported charset "${declared}" in contentType`);
    bytes = iconv().encode(body, cs);
  } else {
    bytes = body;
  }
  const res = await fetchDoc('PUT', target.url, opts, what, { headers: { 'content-type': contentType }, body: bytes });
  if (res.status >= 200 && res.status < 300) return;
  const s3 = parseS3Error(res.body);
  const hint =
    s3.code === 'SignatureDoesNotMatch'
      ? ' — the upload Content-Type must be exactly the contentType passed to createFeedDocument'
      : res.status === 403 && /expired/i.test(s3.message)
        ? ' — the upload URL expired (5 minutes); call createFeedDocument again'
        : '';
  const requestId = header(res.headers, 'x-amz-request-id');
  throw new DocumentUploadError({
    status: res.status,
    code: s3.code,
    message: `${what}: HTTP ${res.status} ${s3.code}: ${s3.message}${hint}`,
    operation: what,
    ...(requestId ? { requestId } : {}),
  });
}

/** Downloads a product-type JSON schema and verifies its base64 MD5 checksum before parsing. */
export async function downloadProductTypeSchema(
  link: { resource: string } | string,
  checksum: string,
  opts: DocumentTransportOptions = {},
): Promise<unknown> {
  const what = 'downloadProductTypeSchema';
  const url = typeof link === 'string' ? link : link.resource;
  const res = await fetchDoc('GET', url, opts, what);
  if (res.status < 200 || res.status >= 300) throw documentHttpError(what, res);
  const bytes = isGzip(res.body) ? gunzipSync(res.body) : res.body;
  const actual = createHash('md5').update(res.body).digest('base64');
  const actualInflated = bytes === res.body ? actual : createHash('md5').update(bytes).digest('base64');
  if (actual !== checksum && actualInflated !== checksum) {
    throw new DocumentChecksumError({
      status: res.status,
      code: 'ChecksumMismatch',
      message: `${what}: checksum mismatch (expected ${checksum}, got ${actual}); the download is corrupt or the link is stale — fetch the definition again`,
      operation: what,
    });
  }
  try {
    return JSON.parse(decodeText(bytes, charsetOf(header(res.headers, 'content-type'))).text);
  } catch (err) {
    throw new DocumentError({
      status: res.status,
      code: 'InvalidJson',
      message: `${what}: schema is not valid JSON: ${(err as Error).message}`,
      operation: what,
    });
  }
}

// Feed uploads and report/schema downloads behind S3-like presigned URLs served by the emulator itself.
import { createHmac, createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, DocumentStore } from './types.js';

interface Upload {
  contentType: string;
  bytes?: Buffer;
}

interface Download {
  contentType: string;
  bytes: Buffer;
}

export const DOCUMENTS_PREFIX = '/documents/';

export class EmulatorDocuments implements DocumentStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly downloads = new Map<string, Download>();
  private readonly secret = randomBytes(32);

  constructor(
    private readonly baseUrl: () => string,
    private readonly clock: Clock,
    private readonly lifetimeSeconds: number,
  ) {}

  createUpload(contentType: string): { documentId: string; url: string } {
    const documentId = newDocumentId();
    this.uploads.set(documentId, { contentType });
    return { documentId, url: this.sign('PUT', documentId, this.lifetimeSeconds, contentType) };
  }

  uploaded(documentId: string): { contentType: string; bytes: Buffer } | undefined {
    const u = this.uploads.get(documentId);
    return u?.bytes ? { contentType: u.contentType, bytes: u.bytes } : undefined;
  }

  /**
   * `compressed: true` means the document is served GZIP-compressed (compressionAlgorithm GZIP).
   * Callers may pass raw or already-gzipped bytes: raw bytes are gzipped here, gzip data is kept as is.
   */
  putDownload(bytes: Buffer, opts: { contentType: string; compressed: boolean }): string {
    const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
    const stored = opts.compressed && !isGzip ? gzipSync(bytes) : bytes;
    const documentId = newDocumentId();
    this.downloads.set(documentId, { contentType: opts.contentType, bytes: stored });
    return documentId;
  }

  downloadUrl(documentId: string): string | undefined {
    return this.downloadUrlFor(documentId, this.lifetimeSeconds);
  }

  /** Download URL with its own lifetime (product type schema links live 7 days on Amazon). */
  downloadUrlFor(documentId: string, lifetimeSeconds: number): string | undefined {
    if (!this.downloads.has(documentId)) return undefined;
    return this.sign('GET', documentId, lifetimeSeconds, '');
  }

  hasDownload(documentId: string): boolean {
    return this.downloads.has(documentId);
  }

  /** Bytes of a stored download (for the emulator's own use, e.g. schema checksums). */
  downloadBytes(documentId: string): Buffer | undefined {
    return this.downloads.get(documentId)?.bytes;
  }

  /** Serves PUT (upload) and GET (download) on a presigned URL. Answers as S3 does: XML errors. */
  handle(req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): void {
    const documentId = decodeURIComponent(url.pathname.slice(DOCUMENTS_PREFIX.length));
    const method = req.method ?? 'GET';
    const upload = this.uploads.get(documentId);
    const download = this.downloads.get(documentId);
    if (!upload && !download) return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    if (method !== 'PUT' && method !== 'GET' && method !== 'HEAD') {
      return s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
    const signMethod = method === 'HEAD' ? 'GET' : method;
    // The signature covers the content type, as S3 signs the Content-Type header of a presigned PUT.
    const contentType = signMethod === 'PUT' ? (req.headers['content-type'] ?? '') : '';
    const date = url.searchParams.get('X-Amz-Date') ?? '';
    const expires = url.searchParams.get('X-Amz-Expires') ?? '';
    const given = url.searchParams.get('X-Amz-Signature') ?? '';
    const expected = this.signature(signMethod, documentId, date, expires, contentType);
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      return s3Error(
        res,
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      );
    }
    const issuedAt = parseAmzDate(date);
    if (issuedAt === undefined || this.clock.now() > issuedAt + Number(expires) * 1000) {
      return s3Error(res, 403, 'AccessDenied', 'Request has expired');
    }
    if (signMethod === 'PUT') {
      if (!upload) return s3Error(res, 403, 'AccessDenied', 'Access Denied');
      upload.bytes = body;
      res.writeHead(200, { ETag: `"${createHash('md5').update(body).digest('hex')}"`, 'x-amz-request-id': requestId() });
      return void res.end();
    }
    if (!download) return s3Error(res, 403, 'AccessDenied', 'Access Denied');
    res.writeHead(200, {
      'Content-Type': download.contentType,
      'Content-Length': String(download.bytes.length),
      ETag: `"${createHash('md5').update(download.bytes).digest('hex')}"`,
      'x-amz-request-id': requestId(),
    });
    res.end(method === 'HEAD' ? undefined : download.bytes);
  }

  private sign(method: string, documentId: string, lifetimeSeconds: number, contentType: string): string {
    const date = amzDate(this.clock.now());
    const expires = String(lifetimeSeconds);
    const q = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Date': date,
      'X-Amz-Expires': expires,
      'X-Amz-SignedHeaders': method === 'PUT' ? 'content-type;host' : 'host',
      'X-Amz-Signature': this.signature(method, documentId, date, expires, contentType),
    });
    return `${this.baseUrl()}${DOCUMENTS_PREFIX}${encodeURIComponent(documentId)}?${q.toString()}`;
  }

  private signature(method: string, documentId: string, date: string, expires: string, contentType: string): string {
    return createHmac('sha256', this.secret).update([method, documentId, date, expires, contentType].join('\n')).digest('hex');
  }
}

function newDocumentId(): string {
  return `amzn1.tortuga.4.na.${randomUUID()}.T${randomBytes(6).toString('hex').toUpperCase()}`;
}

function requestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

/** 20240102T030405Z */
function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseAmzDate(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  const id = requestId();
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
    `<RequestId>${id}</RequestId><HostId>${randomBytes(24).toString('base64')}</HostId></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'x-amz-request-id': id });
  res.end(xml);
}

import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, startEmulator, type RunningEmulator } from './helpers.js';
import type { SpApiClient } from '../../src/sp-api/client.js';
import { downloadDocument } from '../../src/sp-api/documents.js';
import { submitFeedDocument } from '../../src/sp-api/feeds.js';
import { DocumentChecksumError, DocumentUploadError, DocumentUrlExpiredError, SpApiInputError } from '../../src/sp-api/errors.js';

let emu: RunningEmulator;
let client: SpApiClient;
let offset = 0;
beforeAll(async () => {
  emu = await startEmulator({ clock: { now: () => Date.now() + offset } });
  client = clientFor(emu);
});
afterAll(async () => {
  await client?.close();
  await emu?.close();
});

/** Hosts bytes on the emulator's presigned-URL server and returns a descriptor like getReportDocument's. */
function host(bytes: Buffer, contentType: string, compressed = false): { url: string } {
  const id = emu.context.documents.putDownload(bytes, { contentType, compressed });
  return { url: emu.context.documents.downloadUrl(id)! };
}

const TEXT = 'sku\tprice\nA-1\t9.99\n';

describe('downloadDocument', () => {
  it('inflates a labelled GZIP document', async () => {
    const d = host(gzipSync(TEXT), 'text/tab-separated-values; charset=UTF-8');
    const doc = await client.downloadDocument({ ...d, compressionAlgorithm: 'GZIP' });
    expect(doc).toMatchObject({ text: TEXT, compressed: true, charset: 'utf-8' });
  });

  it('uses the raw bytes when labelled GZIP but not gzipped', async () => {
    const d = host(Buffer.from(TEXT), 'text/tab-separated-values; charset=UTF-8');
    const doc = await client.downloadDocument({ ...d, compressionAlgorithm: 'GZIP' });
    expect(doc).toMatchObject({ text: TEXT, compressed: false });
  });

  it('inflates gzip data that is not labelled', async () => {
    const d = host(gzipSync(TEXT), 'text/plain');
    const doc = await client.downloadDocument(d);
    expect(doc).toMatchObject({ text: TEXT, compressed: true });
  });

  it('decodes Cp1252 and Shift_JIS (and EUC-JP) by the Content-Type charset', async () => {
    const eu = 'Café – 5 €, Größe “XL”';
    const cp = await client.downloadDocument(host(iconv.encode(eu, 'cp1252'), 'text/tab-separated-values;charset=Cp1252'));
    expect(cp.text).toBe(eu);
    const ja = '商品名\t価格\n日本茶セット\t１２００円\n';
    const sj = await client.downloadDocument(host(gzipSync(iconv.encode(ja, 'shift_jis')), 'text/plain;charset=Shift_JIS'));
    expect(sj.text).toBe(ja);
    const w31j = await client.downloadDocument(host(iconv.encode(ja, 'cp932'), 'text/plain; charset="windows-31j"'));
    expect(w31j.text).toBe(ja);
    const euc = await client.downloadDocument(host(iconv.encode(ja, 'euc-jp'), 'text/plain; charset=EUC-JP'));
    expect(euc.text).toBe(ja);
  });

  it('falls back to UTF-8 and strips a BOM when no charset is given', async () => {
    const doc = await client.downloadDocument(host(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ü日本')]), 'text/plain'));
    expect(doc.text).toBe('ü日本');
  });

  it('raises DocumentUrlExpiredError for an expired presigned URL', async () => {
    const d = host(Buffer.from(TEXT), 'text/plain');
    offset += 10 * 60_000;
    try {
      const err = await client.downloadDocument(d).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DocumentUrlExpiredError);
      expect(err).toMatchObject({ status: 403, code: 'AccessDenied' });
      expect((err as Error).message).not.toContain('X-Amz-Signature=');
    } finally {
      offset -= 10 * 60_000;
    }
  });

  it('refuses plain http unless the client talks to a loopback emulator', async () => {
    const d = host(Buffer.from(TEXT), 'text/plain');
    await expect(downloadDocument(d)).rejects.toBeInstanceOf(SpApiInputError);
    await expect(downloadDocument({ url: 'http://169.254.169.254/latest/meta-data' }, { allowLoopbackHttp: true })).rejects.toThrow(/must use https/);
    await expect(downloadDocument({ url: 'file:///etc/passwd' })).rejects.toBeInstanceOf(SpApiInputError);
  });
});

describe('feed upload', () => {
  it('uploads with the exact content type and submits the feed', async () => {
    const contentType = 'application/json; charset=UTF-8';
    await expect(
      submitFeedDocument(client, { feedType: 'JSON_LISTINGS_FEED', content: '{"header":{"version":"1"},"messages":[]}', contentType }),
    ).rejects.toThrow(/header.sellerId is required; header.version must be "2.0"; messages must hold/);
    const content = JSON.stringify({
      header: { sellerId: emu.credentials.sellerId, version: '2.0' },
      messages: [{ messageId: 1, sku: 'FEED-1', operationType: 'DELETE' }],
    });
    const r = await submitFeedDocument(client, { feedType: 'JSON_LISTINGS_FEED', content, contentType });
    expect(r.feedId).toMatch(/\S/);
    const feed = await client.getFeed({ feedId: r.feedId });
    expect(feed.feedType).toBe('JSON_LISTINGS_FEED');
  });

  it('reports S3 SignatureDoesNotMatch when the upload Content-Type differs', async () => {
    const doc = await client.createFeedDocument({ contentType: 'text/tab-separated-values; charset=UTF-8' });
    const err = await client.uploadFeedDocument(doc, TEXT, 'text/plain').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentUploadError);
    expect(err).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect((err as Error).message).toContain('contentType passed to createFeedDocument');
  });

  it('encodes a string body in the charset of the content type', async () => {
    const contentType = 'text/tab-separated-values; charset=windows-1252';
    const doc = await client.createFeedDocument({ contentType });
    await client.uploadFeedDocument(doc, 'Café\t€\n', contentType);
    const stored = emu.context.documents.uploaded(doc.feedDocumentId);
    expect(stored?.bytes).toEqual(iconv.encode('Café\t€\n', 'cp1252'));
  });
});

describe('product type schema', () => {
  it('verifies the MD5 checksum of a downloaded schema', async () => {
    const types = await client.searchDefinitionsProductTypes({ keywords: ['shirt'] });
    const name = types.productTypes[0]?.name ?? 'PRODUCT';
    const def = await client.getDefinitionsProductType({ productType: name, requirements: 'LISTING' });
    const schema = (await client.downloadProductTypeSchema(def.schema.link, def.schema.checksum)) as { properties?: object };
    expect(typeof schema).toBe('object');
    const err = await client.downloadProductTypeSchema(def.schema.link, 'AAAAAAAAAAAAAAAAAAAAAA==').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentChecksumError);
  });
});

import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { manualClock, withEmulator } from './helpers.js';

describe('presigned document URLs', () => {
  it('accepts an upload only with the exact Content-Type it was created for', async () => {
    await withEmulator({}, async (emu) => {
      const docs = emu.context.documents;
      const { documentId, url } = docs.createUpload('text/tab-separated-values; charset=UTF-8');
      expect(url).toMatch(/X-Amz-Expires=300/);
      expect(url).toMatch(/X-Amz-Signature=/);
      expect(docs.uploaded(documentId)).toBeUndefined();

      const wrong = await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'a\tb\n' });
      expect(wrong.status).toBe(403);
      const xml = await wrong.text();
      expect(xml).toContain('<Code>SignatureDoesNotMatch</Code>');
      expect(wrong.headers.get('content-type')).toBe('application/xml');
      expect(docs.uploaded(documentId)).toBeUndefined();

      const ok = await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/tab-separated-values; charset=UTF-8' }, body: 'a\tb\n' });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('etag')).toBe(`"${createHash('md5').update('a\tb\n').digest('hex')}"`);
      expect(docs.uploaded(documentId)).toEqual({ contentType: 'text/tab-separated-values; charset=UTF-8', bytes: Buffer.from('a\tb\n') });

      // A PUT URL is not a GET URL.
      const get = await fetch(url);
      expect(get.status).toBe(403);
      expect(await get.text()).toContain('SignatureDoesNotMatch');
    });
  });

  it('serves downloads with their content type, gzipped when compressed', async () => {
    await withEmulator({}, async (emu) => {
      const docs = emu.context.documents;
      const plain = docs.putDownload(Buffer.from('{"a":1}'), { contentType: 'application/json', compressed: false });
      expect(docs.hasDownload(plain)).toBe(true);
      const r = await fetch(docs.downloadUrl(plain)!);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/json');
      expect(await r.text()).toBe('{"a":1}');

      const gz = docs.putDownload(Buffer.from('sku\tqty\n'), { contentType: 'text/plain; charset=Cp1252', compressed: true });
      const g = await fetch(docs.downloadUrl(gz)!);
      expect(g.headers.get('content-encoding')).toBeNull();
      expect(gunzipSync(Buffer.from(await g.arrayBuffer())).toString()).toBe('sku\tqty\n');

      expect(docs.downloadUrl('amzn1.tortuga.4.na.nope')).toBeUndefined();
      const missing = await fetch(`${emu.endpoint}/documents/amzn1.tortuga.4.na.nope?X-Amz-Signature=x`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('<Code>NoSuchKey</Code>');

      const tampered = docs.downloadUrl(plain)!.replace(/X-Amz-Signature=[0-9a-f]/, 'X-Amz-Signature=z');
      expect((await fetch(tampered)).status).toBe(403);
    });
  });

  it('expires URLs after documentUrlLifetimeSeconds', async () => {
    const clock = manualClock();
    await withEmulator({ clock, documentUrlLifetimeSeconds: 60 }, async (emu) => {
      const docs = emu.context.documents;
      const id = docs.putDownload(Buffer.from('x'), { contentType: 'text/plain', compressed: false });
      const url = docs.downloadUrl(id)!;
      const upload = docs.createUpload('application/json');
      expect((await fetch(url)).status).toBe(200);
      clock.advance(61_000);
      const expired = await fetch(url);
      expect(expired.status).toBe(403);
      const xml = await expired.text();
      expect(xml).toContain('<Code>AccessDenied</Code>');
      expect(xml).toContain('<Message>Request has expired</Message>');
      const put = await fetch(upload.url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(put.status).toBe(403);
      // A fresh URL for the same document works again.
      expect((await fetch(docs.downloadUrl(id)!)).status).toBe(200);
    });
  });
});

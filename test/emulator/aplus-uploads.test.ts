// Uploads for A+ over HTTP: the destination binds MD5 and type; validation refuses an image never uploaded or
// uploaded with other bytes.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, putDocument, US, type Session } from './sp-http.js';

const DEST = '/uploads/2020-11-01/uploadDestinations/aplus/2020-11-01/contentDocuments';
const doc = (id: string) => ({
  contentDocument: {
    name: 'Upload check',
    contentType: 'EBC',
    locale: 'en-US',
    contentModuleList: [
      {
        contentModuleType: 'STANDARD_SINGLE_SIDE_IMAGE',
        standardSingleSideImage: {
          imagePositionType: 'LEFT',
          block: {
            image: {
              uploadDestinationId: id,
              altText: 'x',
              imageCropSpecification: { size: { width: { value: 300, units: 'pixels' }, height: { value: 300, units: 'pixels' } } },
            },
            body: { textList: [{ value: 'Text' }] },
          },
        },
      },
    ],
  },
});

describe('A+ uploads over HTTP', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    expect(s.modelIssues).toEqual([]);
    await s.close();
  });
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
  const md5 = createHash('md5').update(png).digest('base64');
  const validate = async (id: string) =>
    (await s.call('POST', '/aplus/2020-11-01/contentAsinValidations', { query: { marketplaceId: US }, body: doc(id) })).body.errors as Array<{
      code: string;
      message: string;
    }>;

  it('201 with a URL and the headers to send; the image is usable once the matching bytes are uploaded', async () => {
    const r = await s.call('POST', DEST, { query: { marketplaceIds: US, contentMD5: md5, contentType: 'image/png' } });
    expect(r.status).toBe(201);
    expect(r.body.payload.headers).toEqual({ 'Content-Type': 'image/png', 'Content-MD5': md5 });
    const id = r.body.payload.uploadDestinationId as string;
    expect((await validate(id))[0]!.message).toMatch(/no file was uploaded/);
    expect(await putDocument(r.body.payload.url, 'image/png', png)).toBe(200);
    expect(await validate(id)).toEqual([]);
  });

  it('other bytes than the declared MD5 make the image unusable', async () => {
    const r = await s.call('POST', DEST, { query: { marketplaceIds: US, contentMD5: md5, contentType: 'image/png' } });
    await putDocument(r.body.payload.url, 'image/png', Buffer.concat([png, Buffer.from([0])]));
    expect((await validate(r.body.payload.uploadDestinationId))[0]!.message).toMatch(/does not match its contentMD5/);
  });

  it('refuses a missing checksum, a missing or non-image type, and other resources', async () => {
    expect((await s.call('POST', DEST, { query: { marketplaceIds: US, contentType: 'image/png', contentMD5: 'x' } })).status).toBe(400);
    expect((await s.call('POST', DEST, { query: { marketplaceIds: US, contentMD5: md5 } })).status).toBe(400);
    expect((await s.call('POST', DEST, { query: { marketplaceIds: US, contentMD5: md5, contentType: 'text/plain' } })).status).toBe(415);
    const other = await s.call('POST', '/uploads/2020-11-01/uploadDestinations/messaging/v1/orders/1/messages/x', {
      query: { marketplaceIds: US, contentMD5: md5 },
    });
    expect(other.status).toBe(404);
  });
});

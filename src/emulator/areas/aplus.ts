// A+ Content 2020-11-01, read side: the seller's content documents (two seeded per seller on first use), their
// metadata and ASIN relations. Pages of 10; unknown keys and other marketplaces' documents are 404s as at Amazon.
import { createHash } from 'node:crypto';
import { findMarketplace } from '../../lib/marketplaces.js';
import { CATALOG_ITEMS } from '../seed/catalog.js';
import { EmuError, csv, decodePageToken, encodePageToken, jsonBody } from '../http.js';
import type { EmulatorContext, HandlerTable, StoredContentDocument } from '../types.js';

const BAD = 'InvalidInput';
const PAGE = 10;

const text = (value: string) => ({ value, decoratorSet: [] });
const image = (id: string, alt: string) => ({
  uploadDestinationId: id,
  altText: alt,
  imageCropSpecification: { size: { width: { value: 970, units: 'pixels' }, height: { value: 600, units: 'pixels' } } },
});

function seed(sellerId: string, marketplaceId: string, now: number): StoredContentDocument[] {
  return [
    {
      sellerId,
      contentReferenceKey: 'emu-aplus-tees-1',
      marketplaceId,
      status: 'APPROVED',
      badgeSet: ['STANDARD'],
      updateTime: new Date(now - 40 * 86_400_000).toISOString(),
      asins: ['B0DEMO0001', 'B0DEMO0002'],
      document: {
        name: 'Northwind tees',
        contentType: 'EBC',
        locale: 'en-US',
        contentModuleList: [
          {
            contentModuleType: 'STANDARD_HEADER_IMAGE_TEXT',
            standardHeaderImageText: {
              headline: text('Soft cotton, made to last'),
              block: {
                image: image('sc/emu-upload-tee-hero.jpg', 'Folded navy tee'),
                headline: text('Everyday comfort'),
                body: { textList: [text('Combed cotton that keeps its shape wash after wash.')] },
              },
            },
          },
        ],
      },
    },
    {
      sellerId,
      contentReferenceKey: 'emu-aplus-kitchen-2',
      marketplaceId,
      status: 'DRAFT',
      badgeSet: ['STANDARD'],
      updateTime: new Date(now - 2 * 86_400_000).toISOString(),
      asins: [],
      document: {
        name: 'Kitchen basics (draft)',
        contentType: 'EBC',
        locale: 'en-US',
        contentModuleList: [
          { contentModuleType: 'STANDARD_TEXT', standardText: { headline: text('Cook more'), body: { textList: [text('Tools for every day.')] } } },
        ],
      },
    },
  ];
}

/** Upload ids the emulator knows (seeded documents' images; uploads add theirs to ctx.aplusUploads). */
const SEEDED_UPLOADS = ['sc/emu-upload-tee-hero.jpg'];
/** Claims Amazon's A+ guidelines do not allow (rankings, guarantees, pricing and shipping promises). */
const PROHIBITED = /\b(best[- ]?sell(er|ing)|#\s?1\b|number one|guarantee[ds]?|free shipping|cheapest|on sale)/i;
const camel = (type: string) => type.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Why an upload id cannot be used: never created, never uploaded, or the bytes do not match the declared MD5/type. */
function uploadProblem(ctx: EmulatorContext, id: string): string | undefined {
  const u = ctx.aplusUploads.get(id);
  if (!u) return 'was not found. Upload it with the Uploads API first.';
  const file = ctx.documents.uploaded(u.documentId);
  if (!file) return 'has an upload destination but no file was uploaded to it.';
  if (createHash('md5').update(file.bytes).digest('base64') !== u.contentMD5) return 'was uploaded with content that does not match its contentMD5.';
  if (file.contentType !== u.contentType) return `was uploaded as ${file.contentType}, not ${u.contentType}.`;
  return undefined;
}

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/bmp'];

export function createUploadsHandlers(ctx: EmulatorContext): HandlerTable {
  return {
    createUploadDestinationForResource(req) {
      const resource = req.params['resource'] ?? '';
      if (resource !== 'aplus/2020-11-01/contentDocuments')
        throw new EmuError(404, 'NotFound', `The emulator takes uploads for A+ Content only, not ${resource}.`);
      const mps = csv(req.query, 'marketplaceIds');
      if (mps.length !== 1 || findMarketplace(mps[0]!)?.id !== mps[0])
        throw new EmuError(400, BAD, 'marketplaceIds must hold exactly one valid marketplace.');
      const md5 = req.query.get('contentMD5') ?? '';
      if (!/^[A-Za-z0-9+/]{22}==$/.test(md5)) throw new EmuError(400, BAD, 'contentMD5 must be the base64-encoded MD5 of the file.');
      const contentType = req.query.get('contentType') ?? '';
      if (!contentType) throw new EmuError(400, BAD, 'contentType is required for A+ Content uploads.');
      if (!IMAGE_TYPES.includes(contentType))
        throw new EmuError(415, 'UnsupportedMediaType', `${contentType} is not an image type A+ Content accepts.`);
      const { documentId, url } = ctx.documents.createUpload(contentType);
      const uploadDestinationId = `sc/${documentId}.${contentType.split('/')[1]}`;
      ctx.aplusUploads.set(uploadDestinationId, { documentId, contentMD5: md5, contentType });
      return { status: 201, body: { payload: { uploadDestinationId, url, headers: { 'Content-Type': contentType, 'Content-MD5': md5 } } } };
    },
  };
}

type Problem = { code: string; message: string; details?: string };

/** Amazon's content rules as the emulator checks them; validate answers with these, create/update refuse on them. */
function problems(
  ctx: EmulatorContext,
  sellerId: string,
  doc: Record<string, unknown> | undefined,
  asins: string[],
): { shape?: string; content: Problem[] } {
  if (!doc || typeof doc !== 'object') return { shape: 'contentDocument is required.', content: [] };
  const name = doc['name'];
  if (typeof name !== 'string' || name.length < 1 || name.length > 100)
    return { shape: 'contentDocument.name must be 1 to 100 characters.', content: [] };
  if (doc['contentType'] !== 'EBC' && doc['contentType'] !== 'EMC') return { shape: 'contentDocument.contentType must be EBC or EMC.', content: [] };
  if (typeof doc['locale'] !== 'string' || !/^[a-z]{2,}-[A-Z0-9]{2,}$/.test(doc['locale']))
    return { shape: 'contentDocument.locale must look like en-US.', content: [] };
  const modules = doc['contentModuleList'];
  if (!Array.isArray(modules) || modules.length < 1 || modules.length > 100)
    return { shape: 'contentDocument.contentModuleList must hold 1 to 100 modules.', content: [] };
  const content: Problem[] = [];
  modules.forEach((m: Record<string, unknown>, i) => {
    const type = m?.['contentModuleType'];
    if (typeof type !== 'string' || !type.startsWith('STANDARD_') || !m[camel(type)]) {
      content.push({
        code: 'INVALID_MODULE',
        message: `Module ${i + 1} must have a contentModuleType and its matching ${typeof type === 'string' ? camel(type) : 'module'} object.`,
      });
      return;
    }
    const walk = (v: unknown, key: string): void => {
      if (Array.isArray(v)) return v.forEach((x) => walk(x, key));
      if (v && typeof v === 'object') return Object.entries(v).forEach(([k, x]) => walk(x, k));
      if (key === 'uploadDestinationId') {
        const why = typeof v === 'string' && SEEDED_UPLOADS.includes(v) ? undefined : uploadProblem(ctx, String(v));
        if (why) content.push({ code: 'IMAGE_NOT_FOUND', message: `Module ${i + 1}: image ${String(v)} ${why}` });
      }
      if (key === 'value' && typeof v === 'string' && PROHIBITED.test(v)) {
        content.push({
          code: 'PROHIBITED_CLAIM',
          message: `Module ${i + 1}: "${v.slice(0, 80)}" makes a claim A+ Content does not allow.`,
          details: v.match(PROHIBITED)![0],
        });
      }
    };
    walk(m[camel(type)], '');
  });
  for (const asin of asins) {
    const known = CATALOG_ITEMS.some((c) => c.asin === asin) || ctx.listings.all(sellerId).some((l) => l.asin === asin);
    if (!known) content.push({ code: 'ASIN_NOT_FOUND', message: `ASIN ${asin} is not in the catalog.` });
  }
  return { content };
}

export function createAplusHandlers(ctx: EmulatorContext): HandlerTable {
  const docs = (sellerId: string, marketplaceId: string): StoredContentDocument[] => {
    if (!ctx.aplus.some((d) => d.sellerId === sellerId)) ctx.aplus.push(...seed(sellerId, 'ATVPDKIKX0DER', ctx.clock.now()));
    const mine = ctx.aplus.filter((d) => d.sellerId === sellerId && d.marketplaceId === marketplaceId);
    // Amazon's review: a submitted document is approved after two job steps (its content passed validation already).
    for (const d of mine) {
      if (d.status === 'SUBMITTED' && d.submittedAt !== undefined && ctx.clock.now() >= d.submittedAt + 2 * ctx.jobStepMs) {
        d.status = 'APPROVED';
        d.updateTime = new Date(ctx.clock.now()).toISOString();
      }
    }
    return mine;
  };
  const marketplace = (q: URLSearchParams): string => {
    const mp = q.get('marketplaceId');
    if (!mp) throw new EmuError(400, BAD, 'marketplaceId is required.');
    if (findMarketplace(mp)?.id !== mp) throw new EmuError(400, BAD, `Invalid marketplaceId: ${mp}.`);
    return mp;
  };
  const find = (sellerId: string, mp: string, key: string): StoredContentDocument => {
    const d = docs(sellerId, mp).find((x) => x.contentReferenceKey === key);
    if (!d) throw new EmuError(404, 'NOT_FOUND', `Content document ${key} was not found in marketplace ${mp}.`);
    return d;
  };
  const metadata = (d: StoredContentDocument) => ({
    name: d.document.name,
    marketplaceId: d.marketplaceId,
    status: d.status,
    badgeSet: d.badgeSet,
    updateTime: d.updateTime,
  });

  const docOf = (req: { body: Buffer }) =>
    (jsonBody(req.body, BAD) as Record<string, unknown> | null)?.['contentDocument'] as Record<string, unknown> | undefined;
  const checked = (req: { body: Buffer; sellerId: string }, asins: string[] = []) => {
    const doc = docOf(req);
    const p = problems(ctx, req.sellerId, doc, asins);
    if (p.shape) throw new EmuError(400, BAD, p.shape);
    return { doc: doc as StoredContentDocument['document'], content: p.content };
  };
  const refuse = (content: Problem[]) => ({ status: 400, body: { errors: content } });

  return {
    validateContentDocumentAsinRelations(req) {
      marketplace(req.query);
      const { content } = checked(req, csv(req.query, 'asinSet'));
      return { status: 200, body: { errors: content } };
    },
    createContentDocument(req) {
      const mp = marketplace(req.query);
      docs(req.sellerId, mp);
      const { doc, content } = checked(req);
      if (content.length) return refuse(content);
      const key = `emu-aplus-${ctx.aplus.length + 1}-${ctx.clock.now().toString(36)}`;
      ctx.aplus.push({
        sellerId: req.sellerId,
        contentReferenceKey: key,
        marketplaceId: mp,
        status: 'DRAFT',
        badgeSet: ['STANDARD'],
        updateTime: new Date(ctx.clock.now()).toISOString(),
        asins: [],
        document: doc,
      });
      return { status: 200, body: { contentReferenceKey: key } };
    },
    updateContentDocument(req) {
      const mp = marketplace(req.query);
      const d = find(req.sellerId, mp, req.params['contentReferenceKey'] ?? '');
      const { doc, content } = checked(req);
      if (content.length) return refuse(content);
      // An edited document needs a new review before it is published again.
      Object.assign(d, { document: doc, status: 'DRAFT', updateTime: new Date(ctx.clock.now()).toISOString() });
      return { status: 200, body: { contentReferenceKey: d.contentReferenceKey } };
    },
    postContentDocumentAsinRelations(req) {
      const mp = marketplace(req.query);
      const d = find(req.sellerId, mp, req.params['contentReferenceKey'] ?? '');
      const asinSet = (jsonBody(req.body, BAD) as Record<string, unknown> | null)?.['asinSet'];
      if (!Array.isArray(asinSet) || asinSet.some((a) => typeof a !== 'string' || a.length < 10)) {
        throw new EmuError(400, BAD, 'asinSet must be an array of ASINs.');
      }
      const unknown = problems(ctx, req.sellerId, d.document, asinSet as string[]).content.filter((p) => p.code === 'ASIN_NOT_FOUND');
      if (unknown.length) return refuse(unknown);
      d.asins = [...new Set(asinSet as string[])];
      return { status: 200, body: {} };
    },
    postContentDocumentApprovalSubmission(req) {
      const mp = marketplace(req.query);
      const d = find(req.sellerId, mp, req.params['contentReferenceKey'] ?? '');
      if (d.asins.length === 0) throw new EmuError(400, BAD, 'Apply the content document to at least one ASIN before submitting it for approval.');
      if (d.status === 'SUBMITTED') throw new EmuError(400, BAD, 'The content document is already submitted and waiting for review.');
      Object.assign(d, { status: 'SUBMITTED', submittedAt: ctx.clock.now(), updateTime: new Date(ctx.clock.now()).toISOString() });
      return { status: 200, body: {} };
    },
    searchContentDocuments(req) {
      const mp = marketplace(req.query);
      const all = docs(req.sellerId, mp);
      const fp = `search:${mp}`;
      const offset = decodePageToken(req.query.get('pageToken'), fp, BAD);
      const page = all.slice(offset, offset + PAGE);
      return {
        status: 200,
        body: {
          contentMetadataRecords: page.map((d) => ({ contentReferenceKey: d.contentReferenceKey, contentMetadata: metadata(d) })),
          ...(offset + PAGE < all.length ? { nextPageToken: encodePageToken(offset + PAGE, fp) } : {}),
        },
      };
    },
    getContentDocument(req) {
      const mp = marketplace(req.query);
      const sets = csv(req.query, 'includedDataSet');
      if (sets.length === 0 || sets.some((s) => s !== 'CONTENTS' && s !== 'METADATA')) {
        throw new EmuError(400, BAD, 'includedDataSet is required: CONTENTS and/or METADATA.');
      }
      const d = find(req.sellerId, mp, req.params['contentReferenceKey'] ?? '');
      return {
        status: 200,
        body: {
          contentRecord: {
            contentReferenceKey: d.contentReferenceKey,
            ...(sets.includes('METADATA') ? { contentMetadata: metadata(d) } : {}),
            ...(sets.includes('CONTENTS') ? { contentDocument: d.document } : {}),
          },
        },
      };
    },
    listContentDocumentAsinRelations(req) {
      const mp = marketplace(req.query);
      const d = find(req.sellerId, mp, req.params['contentReferenceKey'] ?? '');
      const only = csv(req.query, 'asinSet');
      const withMeta = csv(req.query, 'includedDataSet').includes('METADATA');
      const asins = d.asins.filter((a) => only.length === 0 || only.includes(a));
      return {
        status: 200,
        body: {
          asinMetadataSet: asins.map((asin) => ({
            asin,
            ...(withMeta
              ? {
                  badgeSet: [d.status === 'APPROVED' ? 'CONTENT_PUBLISHED' : 'CONTENT_NOT_PUBLISHED'],
                  contentReferenceKeySet: [d.contentReferenceKey],
                }
              : {}),
          })),
        },
      };
    },
  };
}

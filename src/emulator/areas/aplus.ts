// A+ Content 2020-11-01, read side: the seller's content documents (two seeded per seller on first use), their
// metadata and ASIN relations. Pages of 10; unknown keys and other marketplaces' documents are 404s as at Amazon.
import { findMarketplace } from '../../lib/marketplaces.js';
import { EmuError, csv, decodePageToken, encodePageToken } from '../http.js';
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

export function createAplusHandlers(ctx: EmulatorContext): HandlerTable {
  const docs = (sellerId: string, marketplaceId: string): StoredContentDocument[] => {
    if (!ctx.aplus.some((d) => d.sellerId === sellerId)) ctx.aplus.push(...seed(sellerId, 'ATVPDKIKX0DER', ctx.clock.now()));
    return ctx.aplus.filter((d) => d.sellerId === sellerId && d.marketplaceId === marketplaceId);
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

  return {
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

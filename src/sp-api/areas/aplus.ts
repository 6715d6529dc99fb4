// A+ Content 2020-11-01 (read side): search and read content documents and their ASINs. Written from Amazon's model,
// not copied; modules are read as loose objects (fifteen module types, each with its own shape).
import { z } from 'zod';
import { operation } from '../declare.js';

const oneMarketplace = z.string().min(1).optional();
const messages = z.array(z.looseObject({ code: z.string(), message: z.string() })).optional();

export const contentMetadata = z.looseObject({
  name: z.string(),
  marketplaceId: z.string(),
  status: z.string(),
  badgeSet: z.array(z.string()),
  updateTime: z.string(),
});

export const contentDocument = z.looseObject({
  name: z.string(),
  contentType: z.string(),
  contentSubType: z.string().optional(),
  locale: z.string(),
  contentModuleList: z.array(z.looseObject({ contentModuleType: z.string() })),
});
export type ContentDocument = z.infer<typeof contentDocument>;

export const searchContentDocumentsParams = z.object({ marketplaceId: oneMarketplace, pageToken: z.string().min(1).optional() });
export const searchContentDocumentsResult = z.looseObject({
  warnings: messages,
  nextPageToken: z.string().optional(),
  contentMetadataRecords: z.array(z.looseObject({ contentReferenceKey: z.string(), contentMetadata })),
});

export const getContentDocumentParams = z.object({
  contentReferenceKey: z.string().min(1),
  marketplaceId: oneMarketplace,
  includedDataSet: z.array(z.enum(['CONTENTS', 'METADATA'])).min(1),
});
export const getContentDocumentResult = z.looseObject({
  warnings: messages,
  contentRecord: z.looseObject({
    contentReferenceKey: z.string(),
    contentMetadata: contentMetadata.optional(),
    contentDocument: contentDocument.optional(),
  }),
});

export const listContentDocumentAsinRelationsParams = z.object({
  contentReferenceKey: z.string().min(1),
  marketplaceId: oneMarketplace,
  includedDataSet: z.array(z.enum(['METADATA'])).optional(),
  asinSet: z.array(z.string().min(10)).optional(),
  pageToken: z.string().min(1).optional(),
});
export const listContentDocumentAsinRelationsResult = z.looseObject({
  warnings: messages,
  nextPageToken: z.string().optional(),
  asinMetadataSet: z.array(z.looseObject({ asin: z.string(), badgeSet: z.array(z.string()).optional(), title: z.string().optional() })),
});

/** The document we send: modules are built by the tool in Amazon's shape. */
export const contentDocumentInput = z.object({
  name: z.string().min(1).max(100),
  contentType: z.enum(['EBC', 'EMC']),
  locale: z.string().regex(/^[a-z]{2,}-[A-Z0-9]{2,}$/),
  contentModuleList: z.array(z.record(z.string(), z.unknown())).min(1).max(100),
});

export const validateContentDocumentAsinRelationsParams = z.object({
  marketplaceId: oneMarketplace,
  asinSet: z.array(z.string().min(10)).optional(),
  contentDocument: contentDocumentInput,
});
export const validateResult = z.looseObject({
  warnings: messages,
  errors: z.array(z.looseObject({ code: z.string(), message: z.string(), details: z.string().optional() })),
});

export const createContentDocumentParams = z.object({ marketplaceId: oneMarketplace, contentDocument: contentDocumentInput });
export const updateContentDocumentParams = createContentDocumentParams.extend({ contentReferenceKey: z.string().min(1) });
export const postContentDocumentResult = z.looseObject({ warnings: messages, contentReferenceKey: z.string() });

const mp = (s: { marketplaces(ids?: readonly string[]): string[] }, id?: string) => s.marketplaces(id ? [id] : undefined)[0]!;

export const postContentDocumentAsinRelationsParams = z.object({
  contentReferenceKey: z.string().min(1),
  marketplaceId: oneMarketplace,
  asinSet: z.array(z.string().min(10)),
});
export const approvalSubmissionParams = z.object({ contentReferenceKey: z.string().min(1), marketplaceId: oneMarketplace });
export const aplusResponse = z.looseObject({ warnings: messages });

export const aplusOperations = {
  postContentDocumentAsinRelations: operation({
    params: postContentDocumentAsinRelationsParams,
    result: aplusResponse,
    request: (p, s) => ({
      path: { contentReferenceKey: p.contentReferenceKey },
      query: { marketplaceId: mp(s, p.marketplaceId) },
      body: { asinSet: p.asinSet },
    }),
  }),
  postContentDocumentApprovalSubmission: operation({
    params: approvalSubmissionParams,
    result: aplusResponse,
    request: (p, s) => ({ path: { contentReferenceKey: p.contentReferenceKey }, query: { marketplaceId: mp(s, p.marketplaceId) } }),
  }),
  validateContentDocumentAsinRelations: operation({
    params: validateContentDocumentAsinRelationsParams,
    result: validateResult,
    request: (p, s) => ({ query: { marketplaceId: mp(s, p.marketplaceId), asinSet: p.asinSet }, body: { contentDocument: p.contentDocument } }),
  }),
  createContentDocument: operation({
    params: createContentDocumentParams,
    result: postContentDocumentResult,
    request: (p, s) => ({ query: { marketplaceId: mp(s, p.marketplaceId) }, body: { contentDocument: p.contentDocument } }),
  }),
  updateContentDocument: operation({
    params: updateContentDocumentParams,
    result: postContentDocumentResult,
    request: (p, s) => ({
      path: { contentReferenceKey: p.contentReferenceKey },
      query: { marketplaceId: mp(s, p.marketplaceId) },
      body: { contentDocument: p.contentDocument },
    }),
  }),
  searchContentDocuments: operation({
    params: searchContentDocumentsParams,
    result: searchContentDocumentsResult,
    request: (p, s) => ({ query: { marketplaceId: mp(s, p.marketplaceId), pageToken: p.pageToken } }),
  }),
  getContentDocument: operation({
    params: getContentDocumentParams,
    result: getContentDocumentResult,
    request: (p, s) => ({
      path: { contentReferenceKey: p.contentReferenceKey },
      query: { marketplaceId: mp(s, p.marketplaceId), includedDataSet: p.includedDataSet },
    }),
  }),
  listContentDocumentAsinRelations: operation({
    params: listContentDocumentAsinRelationsParams,
    result: listContentDocumentAsinRelationsResult,
    request: (p, s) => ({
      path: { contentReferenceKey: p.contentReferenceKey },
      query: { marketplaceId: mp(s, p.marketplaceId), includedDataSet: p.includedDataSet, asinSet: p.asinSet, pageToken: p.pageToken },
    }),
  }),
};

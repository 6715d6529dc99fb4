// Uploads 2020-11-01 createUploadDestinationForResource, for A+ Content images: the destination is bound to the
// file's MD5 (base64) and content type; the file is then PUT to the returned URL.
import { z } from 'zod';
import { operation } from '../declare.js';

export const APLUS_UPLOAD_RESOURCE = 'aplus/2020-11-01/contentDocuments';

export const createUploadDestinationParams = z.object({
  resource: z.string().min(1),
  marketplaceId: z.string().min(1).optional(),
  contentMD5: z.string().regex(/^[A-Za-z0-9+/]{22}==$/, 'base64 of the 16-byte MD5'),
  contentType: z.string().min(1).optional(),
});

export const uploadDestinationResult = z.looseObject({
  payload: z.looseObject({ uploadDestinationId: z.string(), url: z.string(), headers: z.record(z.string(), z.unknown()).optional() }),
});

export const uploadsOperations = {
  createUploadDestinationForResource: operation({
    params: createUploadDestinationParams,
    result: uploadDestinationResult,
    request: (p, s) => ({
      path: { resource: p.resource },
      query: {
        marketplaceIds: s.marketplaces(p.marketplaceId ? [p.marketplaceId] : undefined),
        contentMD5: p.contentMD5,
        contentType: p.contentType,
      },
    }),
  }),
};

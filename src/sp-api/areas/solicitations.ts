// Solicitations v1: the parameters we accept, the responses we read (written from Amazon's models, not copied) and one
// declaration per operation. Responses are loose objects: Amazon adds fields over time and that must not break us.
import { z } from 'zod';
import { oneMarketplace, operation } from '../declare.js';

export const solicitationParams = z.object({
  amazonOrderId: z.string().regex(/^\d{3}-\d{7}-\d{7}$/, 'Amazon order id like 123-1234567-1234567'),
  marketplaceIds: oneMarketplace,
});

const halLink = z.looseObject({ href: z.string(), name: z.string().optional() });
export const solicitationActionsResult = z.looseObject({
  _links: z.looseObject({ actions: z.array(halLink), self: halLink.optional() }),
  _embedded: z.looseObject({ actions: z.array(z.looseObject({})).optional() }).optional(),
});
export type SolicitationActions = z.infer<typeof solicitationActionsResult>;
export const createSolicitationResult = z.looseObject({});

const forOrder = operation({
  params: solicitationParams,
  result: solicitationActionsResult,
  request: (p, s) => ({ path: { amazonOrderId: p.amazonOrderId }, query: { marketplaceIds: s.marketplaces(p.marketplaceIds) } }),
});

export const solicitationsOperations = {
  getSolicitationActionsForOrder: forOrder,
  createProductReviewAndSellerFeedbackSolicitation: operation({ ...forOrder, result: createSolicitationResult }),
};

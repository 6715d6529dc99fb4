// Sellers v1: the parameters we accept, the responses we read (written from Amazon's models, not copied) and one
// declaration per operation. Responses are loose objects: Amazon adds fields over time and that must not break us.
import { z } from 'zod';
import { operation } from '../declare.js';

export const marketplaceParticipationsResult = z.looseObject({
  payload: z.array(
    z.looseObject({
      marketplace: z.looseObject({
        id: z.string(),
        name: z.string().optional(),
        countryCode: z.string().optional(),
        defaultCurrencyCode: z.string().optional(),
        defaultLanguageCode: z.string().optional(),
        domainName: z.string().optional(),
      }),
      storeName: z.string().optional(),
      participation: z.looseObject({ isParticipating: z.boolean(), hasSuspendedListings: z.boolean().optional() }),
    }),
  ),
});
export type MarketplaceParticipations = z.infer<typeof marketplaceParticipationsResult>;

export const sellersOperations = {
  getMarketplaceParticipations: operation({ params: z.object({}), result: marketplaceParticipationsResult, request: () => ({}) }),
};

// Product Pricing 2022-05-01 batch operations: the parameters we accept, the responses we read (written from Amazon's
// model, not copied) and one declaration per operation. Each batch entry carries its own status: one SKU's error
// does not fail the batch.
import { z } from 'zod';
import { operation } from '../declare.js';

export const FOEP_URI = '/products/pricing/2022-05-01/offer/featuredOfferExpectedPrice';
export const COMPETITIVE_SUMMARY_URI = '/products/pricing/2022-05-01/items/competitiveSummary';
/** Entries per batch call (the operations' descriptions / the model's maxItems). */
export const FOEP_BATCH = 40;
export const SUMMARY_BATCH = 20;

const money = z.looseObject({ amount: z.number().optional(), currencyCode: z.string().optional() });
const statusLine = z.looseObject({ statusCode: z.number().int().optional(), reasonPhrase: z.string().optional() });
const errorList = z.array(z.looseObject({ code: z.string(), message: z.string(), details: z.string().optional() }));
const offerIdentifier = z.looseObject({
  marketplaceId: z.string(),
  asin: z.string(),
  sellerId: z.string().optional(),
  sku: z.string().optional(),
  fulfillmentType: z.string().optional(),
});
const featuredOffer = z.looseObject({
  offerIdentifier,
  condition: z.string().optional(),
  price: z.looseObject({ listingPrice: money, shippingPrice: money.optional() }).optional(),
});

export const getFeaturedOfferExpectedPriceBatchParams = z.object({
  requests: z
    .array(z.object({ sku: z.string().min(1), marketplaceId: z.string().min(1) }))
    .min(1)
    .max(FOEP_BATCH),
});

export const foepBatchResult = z.looseObject({
  responses: z.array(
    z.looseObject({
      status: statusLine,
      request: z.looseObject({ sku: z.string(), marketplaceId: z.string() }),
      body: z
        .looseObject({
          offerIdentifier: offerIdentifier.optional(),
          featuredOfferExpectedPriceResults: z
            .array(
              z.looseObject({
                resultStatus: z.string(),
                featuredOfferExpectedPrice: z.looseObject({ listingPrice: money }).optional(),
                competingFeaturedOffer: featuredOffer.optional(),
                currentFeaturedOffer: featuredOffer.optional(),
              }),
            )
            .optional(),
          errors: errorList.optional(),
        })
        .optional(),
    }),
  ),
});
export type FoepBatchResult = z.infer<typeof foepBatchResult>;

export const getCompetitiveSummaryParams = z.object({
  requests: z
    .array(
      z.object({
        asin: z.string().min(1),
        marketplaceId: z.string().min(1),
        includedData: z.array(z.enum(['featuredBuyingOptions', 'referencePrices', 'lowestPricedOffers', 'similarItems'])).min(1),
      }),
    )
    .min(1)
    .max(SUMMARY_BATCH),
});

const offer = z.looseObject({
  sellerId: z.string(),
  condition: z.string(),
  fulfillmentType: z.string(),
  listingPrice: money,
  shippingOptions: z.array(z.looseObject({ shippingOptionType: z.string(), price: money })).optional(),
});

export const competitiveSummaryResult = z.looseObject({
  responses: z.array(
    z.looseObject({
      status: statusLine,
      body: z.looseObject({
        asin: z.string().optional(),
        marketplaceId: z.string().optional(),
        featuredBuyingOptions: z
          .array(
            z.looseObject({
              buyingOptionType: z.string(),
              segmentedFeaturedOffers: z.array(offer.extend({ featuredOfferSegments: z.array(z.json()).optional() })),
            }),
          )
          .optional(),
        lowestPricedOffers: z.array(z.looseObject({ lowestPricedOffersInput: z.json(), offers: z.array(offer) })).optional(),
        referencePrices: z.array(z.looseObject({ name: z.string(), price: money })).optional(),
        errors: errorList.optional(),
      }),
    }),
  ),
});
export type CompetitiveSummaryResult = z.infer<typeof competitiveSummaryResult>;

export const pricingOperations = {
  getFeaturedOfferExpectedPriceBatch: operation({
    params: getFeaturedOfferExpectedPriceBatchParams,
    result: foepBatchResult,
    request: (p) => ({ body: { requests: p.requests.map((r) => ({ uri: FOEP_URI, method: 'GET', marketplaceId: r.marketplaceId, sku: r.sku })) } }),
  }),
  getCompetitiveSummary: operation({
    params: getCompetitiveSummaryParams,
    result: competitiveSummaryResult,
    request: (p) => ({
      body: {
        requests: p.requests.map((r) => ({
          uri: COMPETITIVE_SUMMARY_URI,
          method: 'GET',
          asin: r.asin,
          marketplaceId: r.marketplaceId,
          includedData: r.includedData,
          ...(r.includedData.includes('lowestPricedOffers') ? { lowestPricedOffersInputs: [{ itemCondition: 'New', offerType: 'Consumer' }] } : {}),
        })),
      },
    }),
  }),
};

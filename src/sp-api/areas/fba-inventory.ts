// FBA Inventory v1 getInventorySummaries: the parameters we accept, the response we read (written from Amazon's
// model, not copied). Pages hold up to 50 summaries; a nextToken expires 30 seconds after it was issued.
import { z } from 'zod';
import { isoDate, operation } from '../declare.js';

export const FBA_SKUS_PER_CALL = 50;

export const getInventorySummariesParams = z.object({
  /** One marketplace: granularityId and marketplaceIds both carry it. */
  marketplaceId: z.string().min(1).optional(),
  details: z.boolean().optional(),
  startDateTime: isoDate.optional(),
  sellerSkus: z.array(z.string().min(1)).min(1).max(FBA_SKUS_PER_CALL).optional(),
  nextToken: z.string().min(1).optional(),
});

const n = z.number().int().optional();
export const inventorySummary = z.looseObject({
  asin: z.string().optional(),
  fnSku: z.string().optional(),
  sellerSku: z.string().optional(),
  condition: z.string().optional(),
  lastUpdatedTime: z.string().optional(),
  productName: z.string().optional(),
  totalQuantity: n,
  inventoryDetails: z
    .looseObject({
      fulfillableQuantity: n,
      inboundWorkingQuantity: n,
      inboundShippedQuantity: n,
      inboundReceivingQuantity: n,
      reservedQuantity: z.looseObject({ totalReservedQuantity: n }).optional(),
      researchingQuantity: z.looseObject({ totalResearchingQuantity: n }).optional(),
      unfulfillableQuantity: z.looseObject({ totalUnfulfillableQuantity: n }).optional(),
    })
    .optional(),
});
export type InventorySummary = z.infer<typeof inventorySummary>;

export const getInventorySummariesResult = z.looseObject({
  payload: z.looseObject({ inventorySummaries: z.array(inventorySummary) }).optional(),
  pagination: z.looseObject({ nextToken: z.string().optional() }).optional(),
});

export const fbaInventoryOperations = {
  getInventorySummaries: operation({
    params: getInventorySummariesParams,
    result: getInventorySummariesResult,
    request: (p, s) => {
      const marketplaceId = s.marketplaces(p.marketplaceId ? [p.marketplaceId] : undefined)[0]!;
      return {
        query: {
          details: p.details,
          granularityType: 'Marketplace',
          granularityId: marketplaceId,
          marketplaceIds: [marketplaceId],
          startDateTime: p.startDateTime,
          sellerSkus: p.sellerSkus,
          nextToken: p.nextToken,
        },
      };
    },
  }),
};

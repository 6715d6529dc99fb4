// Sales v1: the parameters we accept, the responses we read (written from Amazon's models, not copied) and one
// declaration per operation. Responses are loose objects: Amazon adds fields over time and that must not break us.
import { z } from 'zod';
import { marketplaceIds, operation } from '../declare.js';

export const getOrderMetricsParams = z.object({
  marketplaceIds,
  /** ISO 8601 interval: start--end. */
  interval: z.string().regex(/^\S+--\S+$/, 'interval like 2024-01-01T00:00:00Z--2024-01-31T23:59:59Z'),
  granularity: z.enum(['Hour', 'Day', 'Week', 'Month', 'Year', 'Total']),
  granularityTimeZone: z.string().optional(),
  buyerType: z.enum(['B2B', 'B2C', 'All']).optional(),
  fulfillmentNetwork: z.string().optional(),
  firstDayOfWeek: z.enum(['Monday', 'Sunday']).optional(),
  asin: z.string().optional(),
  sku: z.string().optional(),
});

const money = z.looseObject({ amount: z.string(), currencyCode: z.string() });
export const orderMetricsResult = z.looseObject({
  payload: z.array(
    z.looseObject({
      interval: z.string(),
      unitCount: z.number(),
      orderItemCount: z.number(),
      orderCount: z.number(),
      averageUnitPrice: money,
      totalSales: money,
    }),
  ),
});
export type OrderMetrics = z.infer<typeof orderMetricsResult>;

export const salesOperations = {
  getOrderMetrics: operation({
    params: getOrderMetricsParams,
    result: orderMetricsResult,
    request: ({ marketplaceIds, ...rest }, s) => ({ query: { ...rest, marketplaceIds: s.marketplaces(marketplaceIds) } }),
  }),
};

// Orders v0 getOrders and getOrderItems: the parameters we accept and the fields we read (written from Amazon's
// model, not copied). We never ask for a Restricted Data Token, and the schemas below read no buyer field at all:
// whatever Amazon adds to an order, only these fields reach a tool.
import { z } from 'zod';
import { isoDate, operation } from '../declare.js';

const money = z.looseObject({ CurrencyCode: z.string().optional(), Amount: z.string().optional() });

export const getOrdersParams = z
  .object({
    marketplaceIds: z.array(z.string().min(1)).min(1).max(50).optional(),
    createdAfter: isoDate.optional(),
    createdBefore: isoDate.optional(),
    lastUpdatedAfter: isoDate.optional(),
    lastUpdatedBefore: isoDate.optional(),
    orderStatuses: z.array(z.string().min(1)).min(1).optional(),
    fulfillmentChannels: z
      .array(z.enum(['AFN', 'MFN']))
      .min(1)
      .optional(),
    maxResultsPerPage: z.number().int().min(1).max(100).optional(),
    nextToken: z.string().min(1).optional(),
  })
  .refine((p) => p.nextToken || (p.createdAfter === undefined) !== (p.lastUpdatedAfter === undefined), {
    message: 'exactly one of createdAfter or lastUpdatedAfter is required',
  });

export const orderSchema = z
  .object({
    AmazonOrderId: z.string(),
    PurchaseDate: z.string(),
    LastUpdateDate: z.string(),
    OrderStatus: z.string(),
    FulfillmentChannel: z.string().optional(),
    SalesChannel: z.string().optional(),
    OrderChannel: z.string().optional(),
    OrderTotal: money.optional(),
    NumberOfItemsShipped: z.number().optional(),
    NumberOfItemsUnshipped: z.number().optional(),
    MarketplaceId: z.string().optional(),
    OrderType: z.string().optional(),
    IsBusinessOrder: z.boolean().optional(),
    IsPrime: z.boolean().optional(),
  })
  // strip (zod's default): unknown keys such as ShippingAddress or BuyerInfo are dropped while parsing.
  .strip();
export type OrderSummary = z.infer<typeof orderSchema>;

export const getOrdersResult = z.looseObject({
  payload: z.looseObject({
    Orders: z.array(orderSchema),
    NextToken: z.string().optional(),
    LastUpdatedBefore: z.string().optional(),
    CreatedBefore: z.string().optional(),
  }),
});

export const getOrderItemsParams = z.object({ orderId: z.string().min(1), nextToken: z.string().min(1).optional() });
export const orderItemSchema = z
  .object({
    ASIN: z.string(),
    SellerSKU: z.string().optional(),
    OrderItemId: z.string(),
    QuantityOrdered: z.number(),
    QuantityShipped: z.number().optional(),
    ItemPrice: money.optional(),
  })
  .strip();
export const getOrderItemsResult = z.looseObject({
  payload: z.looseObject({ AmazonOrderId: z.string(), OrderItems: z.array(orderItemSchema), NextToken: z.string().optional() }),
});

export const ordersOperations = {
  getOrders: operation({
    params: getOrdersParams,
    result: getOrdersResult,
    request: (p, s) =>
      p.nextToken
        ? { query: { MarketplaceIds: s.marketplaces(p.marketplaceIds), NextToken: p.nextToken } }
        : {
            query: {
              MarketplaceIds: s.marketplaces(p.marketplaceIds),
              CreatedAfter: p.createdAfter,
              CreatedBefore: p.createdBefore,
              LastUpdatedAfter: p.lastUpdatedAfter,
              LastUpdatedBefore: p.lastUpdatedBefore,
              OrderStatuses: p.orderStatuses,
              FulfillmentChannels: p.fulfillmentChannels,
              MaxResultsPerPage: p.maxResultsPerPage,
            },
          },
  }),
  getOrderItems: operation({
    params: getOrderItemsParams,
    result: getOrderItemsResult,
    request: (p) => ({ path: { orderId: p.orderId }, query: { NextToken: p.nextToken } }),
  }),
};

// The trimmed listing both listings read tools return: what an assistant needs to reason about a listing.
import { z } from 'zod';
import { attributesSchema } from '../common.js';
import { issueSchema, trimIssues } from '../../core/issues.js';
import type { ListingsItem } from '../../sp-api/schemas.js';

export const listingViewSchema = z.object({
  sku: z.string(),
  asin: z.string().optional(),
  productType: z.string().optional(),
  itemName: z.string().optional(),
  status: z.array(z.string()).optional(),
  conditionType: z.string().optional(),
  mainImage: z.string().optional(),
  createdDate: z.string().optional(),
  lastUpdatedDate: z.string().optional(),
  price: z.object({ amount: z.string(), currencyCode: z.string() }).optional(),
  quantity: z.number().optional(),
  fulfillmentChannel: z.string().optional(),
  issues: z.array(issueSchema).optional(),
  attributes: attributesSchema.optional(),
});

export type ListingView = z.infer<typeof listingViewSchema>;

const text = (v: string | undefined) => (v !== undefined && v !== '' ? v : undefined);

/** Keeps only the keys whose value is defined (the output schema has optional keys, not undefined values). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function trimListing(item: ListingsItem, marketplaceId: string, withAttributes: boolean): ListingView {
  const summaries = item.summaries ?? [];
  const s = summaries.find((x) => x.marketplaceId === marketplaceId) ?? summaries[0];
  const offers = item.offers ?? [];
  const offer = offers.find((o) => o.marketplaceId === marketplaceId && o.offerType !== 'B2B') ?? offers[0];
  const fa = item.fulfillmentAvailability?.[0];
  const price = offer?.price;
  return defined({
    sku: item.sku,
    asin: text(s?.asin),
    productType: text(s?.productType) ?? text(item.productTypes?.[0]?.productType),
    itemName: text(s?.itemName),
    status: s?.status?.map(String),
    conditionType: text(s?.conditionType),
    mainImage: text(s?.mainImage?.link),
    createdDate: text(s?.createdDate),
    lastUpdatedDate: text(s?.lastUpdatedDate),
    price: price?.amount !== undefined ? { amount: String(price.amount), currencyCode: price.currencyCode ?? '' } : undefined,
    quantity: fa?.quantity,
    fulfillmentChannel: text(fa?.fulfillmentChannelCode),
    issues: item.issues !== undefined ? trimIssues(item.issues) : undefined,
    attributes: withAttributes && item.attributes ? (item.attributes as z.infer<typeof attributesSchema>) : undefined,
  });
}

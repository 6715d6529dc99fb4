// The trimmed listing both listings read tools return: what an assistant needs to reason about a listing.
import { z } from 'zod';
import { attributesSchema } from '../common.js';
import { issueSchema, trimIssues } from '../../core/issues.js';

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
type Obj = Record<string, unknown>;

export function trimListing(item: Obj, marketplaceId: string, withAttributes: boolean): ListingView {
  const summaries = (item.summaries as Obj[] | undefined) ?? [];
  const s = summaries.find((x) => x.marketplaceId === marketplaceId) ?? summaries[0] ?? {};
  const offers = (item.offers as Obj[] | undefined) ?? [];
  const offer = offers.find((o) => o.marketplaceId === marketplaceId && o.offerType !== 'B2B') ?? offers[0];
  const fa = ((item.fulfillmentAvailability as Obj[] | undefined) ?? [])[0];
  const out: ListingView = { sku: String(item.sku) };
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const assign = (k: keyof ListingView, v: unknown) => {
    if (v !== undefined) (out as Obj)[k] = v;
  };
  assign('asin', str(s.asin));
  assign('productType', str(s.productType) ?? str(((item.productTypes as Obj[] | undefined) ?? [])[0]?.productType));
  assign('itemName', str(s.itemName));
  if (Array.isArray(s.status)) out.status = s.status.map(String);
  assign('conditionType', str(s.conditionType));
  assign('mainImage', str((s.mainImage as Obj | undefined)?.link));
  assign('createdDate', str(s.createdDate));
  assign('lastUpdatedDate', str(s.lastUpdatedDate));
  const price = offer?.price as Obj | undefined;
  if (price && price.amount !== undefined) out.price = { amount: String(price.amount), currencyCode: String(price.currencyCode ?? '') };
  if (fa && typeof fa.quantity === 'number') out.quantity = fa.quantity;
  assign('fulfillmentChannel', str(fa?.fulfillmentChannelCode));
  if (item.issues !== undefined) out.issues = trimIssues(item.issues);
  if (withAttributes && item.attributes && typeof item.attributes === 'object') out.attributes = item.attributes as z.infer<typeof attributesSchema>;
  return out;
}

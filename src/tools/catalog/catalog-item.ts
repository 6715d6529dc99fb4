// The trimmed catalog item both catalog tools return.
import { z } from 'zod';
import { attributesSchema } from '../common.js';

export const catalogItemSchema = z.object({
  asin: z.string(),
  title: z.string().optional(),
  brand: z.string().optional(),
  productType: z.string().optional(),
  classification: z.string().optional(),
  manufacturer: z.string().optional(),
  modelNumber: z.string().optional(),
  color: z.string().optional(),
  size: z.string().optional(),
  mainImage: z.string().optional(),
  identifiers: z.array(z.object({ type: z.string(), value: z.string() })).optional(),
  salesRank: z.number().optional(),
  attributes: attributesSchema.optional(),
});

type Obj = Record<string, unknown>;

/** Entry of a per-marketplace list (summaries, images, ...) for the marketplace asked about. */
function forMarketplace(list: unknown, marketplaceId: string): Obj | undefined {
  if (!Array.isArray(list)) return undefined;
  return (list.find((e) => (e as Obj)?.marketplaceId === marketplaceId) ?? list[0]) as Obj | undefined;
}

export function trimCatalogItem(item: Obj, marketplaceId: string, withAttributes = false): z.infer<typeof catalogItemSchema> {
  const summary = forMarketplace(item.summaries, marketplaceId) ?? {};
  const productType = forMarketplace(item.productTypes, marketplaceId);
  const images = (forMarketplace(item.images, marketplaceId)?.images as Obj[] | undefined) ?? [];
  const main = images.find((i) => i.variant === 'MAIN') ?? images[0];
  const ids = (forMarketplace(item.identifiers, marketplaceId)?.identifiers as Obj[] | undefined) ?? [];
  const classification = (summary.browseClassification as Obj | undefined)?.displayName;
  const ranks = forMarketplace(item.salesRanks, marketplaceId);
  const rank = ((ranks?.displayGroupRanks as Obj[] | undefined)?.[0]?.rank ?? (ranks?.classificationRanks as Obj[] | undefined)?.[0]?.rank) as
    | number
    | undefined;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const out: z.infer<typeof catalogItemSchema> = { asin: String(item.asin) };
  const set = <K extends keyof typeof out>(k: K, v: (typeof out)[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('title', str(summary.itemName));
  set('brand', str(summary.brand) ?? str(summary.brandName));
  set('productType', str(productType?.productType));
  set('classification', str(classification));
  set('manufacturer', str(summary.manufacturer));
  set('modelNumber', str(summary.modelNumber));
  set('color', str(summary.color));
  set('size', str(summary.size));
  set('mainImage', str(main?.link));
  if (ids.length) out.identifiers = ids.slice(0, 10).map((i) => ({ type: String(i.identifierType), value: String(i.identifier) }));
  if (typeof rank === 'number') out.salesRank = rank;
  if (withAttributes && item.attributes && typeof item.attributes === 'object') out.attributes = item.attributes as z.infer<typeof attributesSchema>;
  return out;
}

// The trimmed catalog item both catalog tools return.
import { z } from 'zod';
import { attributesSchema } from '../common.js';
import type { CatalogItem } from '../../sp-api/schemas.js';

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

type CatalogView = z.infer<typeof catalogItemSchema>;

/** Entry of a per-marketplace list (summaries, images, ...) for the marketplace asked about. */
function forMarketplace<T extends { marketplaceId?: string | undefined }>(list: T[] | undefined, marketplaceId: string): T | undefined {
  return list?.find((e) => e.marketplaceId === marketplaceId) ?? list?.[0];
}

const text = (v: string | undefined) => (v !== undefined && v !== '' ? v : undefined);

export function trimCatalogItem(item: CatalogItem, marketplaceId: string, withAttributes = false): CatalogView {
  const summary = forMarketplace(item.summaries, marketplaceId);
  const images = forMarketplace(item.images, marketplaceId)?.images ?? [];
  const main = images.find((i) => i.variant === 'MAIN') ?? images[0];
  const ids = forMarketplace(item.identifiers, marketplaceId)?.identifiers ?? [];
  const ranks = forMarketplace(item.salesRanks, marketplaceId);
  const rank = ranks?.displayGroupRanks?.[0]?.rank ?? ranks?.classificationRanks?.[0]?.rank;
  const out: CatalogView = { asin: item.asin };
  const set = <K extends keyof CatalogView>(k: K, v: CatalogView[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('title', text(summary?.itemName));
  set('brand', text(summary?.brand) ?? text(summary?.brandName));
  set('productType', text(forMarketplace(item.productTypes, marketplaceId)?.productType));
  set('classification', text(summary?.browseClassification?.displayName));
  set('manufacturer', text(summary?.manufacturer));
  set('modelNumber', text(summary?.modelNumber));
  set('color', text(summary?.color));
  set('size', text(summary?.size));
  set('mainImage', text(main?.link));
  if (ids.length)
    set(
      'identifiers',
      ids.slice(0, 10).map((i) => ({ type: i.identifierType, value: i.identifier })),
    );
  set('salesRank', rank);
  if (withAttributes && item.attributes) set('attributes', item.attributes as z.infer<typeof attributesSchema>);
  return out;
}

// Product type schemas are large (Amazon's PRODUCT is ~0.5 MB) and change rarely: download once per
// (product type, marketplace, locale, requirements, version, checksum), keep on disk, serve as an MCP resource.
import { readFileSync } from 'node:fs';
import type { SpApiClient } from '../sp-api/client.js';
import { ResourceStore, type StoredResource } from '../core/resources.js';
import { LruCache } from '../lib/lru.js';

export interface ProductTypeRef {
  productType: string;
  marketplaceId: string;
  sellerId: string;
  locale?: string;
  requirements?: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
}

export interface LoadedSchema {
  productType: string;
  displayName: string;
  marketplaceId: string;
  locale: string;
  requirements: string;
  version: string;
  checksum: string;
  propertyGroups: Record<string, { title?: string; propertyNames?: string[] }>;
  schema: Record<string, unknown>;
  resource: StoredResource;
  fromCache: boolean;
}

const KIND = 'product-types';
// Parsed schemas by content key, to skip re-reading and re-parsing the file. A seller works with a handful of
// product types in a few marketplaces; PRODUCT, one of the largest, is ~0.5 MB of heap. Same bound as the validator
// cache, whose validators keep their schemas alive anyway. An evicted schema is read from disk again.
export const MAX_SCHEMAS_IN_MEMORY = 32;
const memory = new LruCache<string, Record<string, unknown>>({ maxEntries: MAX_SCHEMAS_IN_MEMORY });

export async function loadProductTypeSchema(
  client: SpApiClient,
  resources: ResourceStore,
  ref: ProductTypeRef,
  opts: { signal?: AbortSignal; onWait?: (i: { operation: string; waitMs: number }) => void } = {},
): Promise<LoadedSchema> {
  const requirements = ref.requirements ?? 'LISTING';
  const def = await client.getDefinitionsProductType(
    {
      productType: ref.productType,
      marketplaceIds: [ref.marketplaceId],
      sellerId: ref.sellerId,
      requirements,
      ...(ref.locale ? { locale: ref.locale } : {}),
    },
    opts,
  );
  const version = def.productTypeVersion?.version ?? 'unknown';
  const checksum = def.schema.checksum ?? '';
  const locale = def.locale ?? ref.locale ?? 'DEFAULT';
  const key = ResourceStore.fileKey([def.productType ?? ref.productType, ref.marketplaceId, locale, requirements, version, checksum]);
  let schema = memory.get(key);
  let fromCache = true;
  const title = `${ref.productType} schema (${ref.marketplaceId}, ${locale}, ${requirements}, version ${version})`;
  const onDisk = resources.has(KIND, key, 'json');
  if (!schema && onDisk) {
    schema = JSON.parse(readFileSync(resources.pathFor(KIND, key, 'json'), 'utf8')) as Record<string, unknown>;
  }
  if (!schema) {
    fromCache = false;
    schema = (await client.downloadProductTypeSchema(def.schema.link.resource, checksum, opts)) as Record<string, unknown>;
  }
  // Another data directory (another server in this process) may not have the file yet.
  const resource = resources.put(KIND, key, {
    ext: 'json',
    mimeType: 'application/schema+json',
    title,
    ...(onDisk ? {} : { content: JSON.stringify(schema) }),
  });
  memory.set(key, schema);
  return {
    productType: def.productType ?? ref.productType,
    displayName: def.displayName ?? ref.productType,
    marketplaceId: ref.marketplaceId,
    locale,
    requirements,
    version,
    checksum,
    propertyGroups: (def.propertyGroups ?? {}) as LoadedSchema['propertyGroups'],
    schema,
    resource,
    fromCache,
  };
}

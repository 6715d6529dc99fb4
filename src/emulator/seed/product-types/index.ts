// Seed product types served by the emulator's Product Type Definitions API. The schemas are our own,
// abridged, in Amazon's product type schema format; the validator in src/validation checks listings
// against them exactly as it checks Amazon's real schemas.
import type { Json } from './builders.js';
import { HOME } from './home.js';
import { TABLE_TYPES } from './catalog-types.js';
import { KITCHEN } from './kitchen.js';
import { LUGGAGE } from './luggage.js';
import { SCHEMA_MARKETPLACES, US_MARKETPLACE_ID, schemaContext, type SchemaContext } from './marketplaces.js';
import { SHIRT } from './shirt.js';
import type { PropertyGroup } from './common.js';

export interface SeedProductType {
  displayName: string;
  keywords: string[];
  /** The schema for the US marketplace (en_US, USD). */
  schema: object;
  propertyGroups: Record<string, PropertyGroup>;
}

interface Definition {
  displayName: string;
  keywords: string[];
  build: (ctx: SchemaContext) => Json;
  groups: (schema: Json) => Record<string, PropertyGroup>;
}

const DEFINITIONS: Record<string, Definition> = { SHIRT, HOME, KITCHEN, LUGGAGE, ...TABLE_TYPES };

const built = new Map<string, Json>();

/**
 * The schema of a seed product type for a marketplace, or undefined for an unknown product type or
 * marketplace. Same structure everywhere; the marketplace sets the marketplace_id/language_tag enums, the
 * currency and the price step. `locale` (e.g. 'fr_CA') picks the default language_tag when the
 * marketplace uses it. Memoized: the same object comes back for the same arguments, so validators
 * compiled per schema object stay cached.
 */
export function productTypeSchema(name: string, marketplaceId: string = US_MARKETPLACE_ID, locale?: string): object | undefined {
  const def = DEFINITIONS[name];
  const ctx = schemaContext(marketplaceId, locale);
  if (!def || !ctx) return undefined;
  const key = `${name}|${ctx.marketplaceId}|${ctx.languageTag}`;
  let schema = built.get(key);
  if (!schema) {
    schema = def.build(ctx);
    built.set(key, schema);
  }
  return schema;
}

/** A stable key for caching compiled validators, e.g. 'seed:SHIRT|ATVPDKIKX0DER|en_US'. */
export function productTypeSchemaKey(name: string, marketplaceId: string = US_MARKETPLACE_ID, locale?: string): string | undefined {
  const ctx = schemaContext(marketplaceId, locale);
  return DEFINITIONS[name] && ctx ? `seed:${name}|${ctx.marketplaceId}|${ctx.languageTag}` : undefined;
}

export const PRODUCT_TYPES: Record<string, SeedProductType> = Object.fromEntries(
  Object.entries(DEFINITIONS).map(([name, def]) => {
    const schema = productTypeSchema(name) as Json;
    return [name, { displayName: def.displayName, keywords: def.keywords, schema, propertyGroups: def.groups(schema) }];
  }),
);

/** Marketplace ids the seed schemas can be built for. */
export const PRODUCT_TYPE_MARKETPLACE_IDS: readonly string[] = Object.keys(SCHEMA_MARKETPLACES);

// Compiles Amazon product type schemas once and hands out fast validators.
// Choices: one shared Ajv2019 instance (allErrors for complete issue lists, verbose so enum errors carry
// their sibling enumNames); `strict: false` because Amazon's schemas break Ajv's strict typing rules
// (e.g. maxLength on a number in PRODUCT's list_price) and may carry vocabulary we don't know yet;
// `addUsedSchema: false` so several schemas may share an $id (one per marketplace or locale). The
// `$schema` URI resolves to our own offline stand-in for Amazon's meta-schema (see meta-schema.ts).
import Ajv2019Module from 'ajv/dist/2019.js';
import type { Ajv2019, ErrorObject } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import type { AttributesValidator, SchemaIssue } from './index.js';
import { toIssues } from './issues.js';
import { addAmazonKeywords } from './keywords.js';
import { AMAZON_META_SCHEMA } from './meta-schema.js';
import { LruCache } from '../lib/lru.js';

// ajv and ajv-formats are CommonJS; their classes/functions sit on `.default` under NodeNext interop.
const AjvClass = Ajv2019Module.default;
const addFormats = addFormatsModule.default;

/** A fresh Ajv2019 instance that understands Amazon's product type schemas. */
export function createAjv(): Ajv2019 {
  const ajv = new AjvClass({
    allErrors: true,
    verbose: true,
    strict: false,
    addUsedSchema: false,
    multipleOfPrecision: 6, // 19.99 / 0.01 is not an integer in floating point; prices must still pass
  });
  addFormats(ajv);
  addAmazonKeywords(ajv);
  ajv.addMetaSchema(AMAZON_META_SCHEMA as object);
  return ajv;
}

let shared: Ajv2019 | undefined;
// Compiled validators by cache key, or by schema object (held until evicted) when no key is given. A compiled
// PRODUCT validator holds ~2.3 MB of heap with its schema (6–9 MB of RSS) and takes ~0.5 s to compile; 32 covers a
// seller's handful of product types in several marketplaces, twice over when the emulator shares the process
// (~75 MB of heap at most; docs/BENCHMARKS.md). An evicted validator is recompiled.
export const MAX_VALIDATORS = 32;
const validators = new LruCache<string | object, AttributesValidator>({ maxEntries: MAX_VALIDATORS });

/** 'https://.../schema/v1/SHIRT' -> 'SHIRT' */
function productTypeOf(schema: object): string | undefined {
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id !== 'string') return undefined;
  const last = id.split(/[/#]/).filter(Boolean).pop();
  return last && /^[A-Z0-9_]+$/.test(last) ? last : undefined;
}

/** Compiles without caching. Throws if the schema itself is invalid. */
export function compileValidator(schema: object): AttributesValidator {
  const ajv = (shared ??= createAjv());
  const validate = ajv.compile(schema);
  ajv.removeSchema(schema); // our caches own the lifetime; keep Ajv's internal cache from growing
  const ctx = { productType: productTypeOf(schema) };
  return (attributes) => {
    if (validate(attributes)) return [];
    return toIssues(validate.errors as ErrorObject[], ctx);
  };
}

/**
 * The validator for a schema, compiled once per cacheKey, or per schema object when no key is given.
 * Use a key such as `SHIRT:ATVPDKIKX0DER:en_US:<version>` when schemas are re-fetched as new objects.
 * (Not keyed by $id alone: Amazon serves different schemas under one $id for different marketplaces.)
 */
export function getValidator(schema: object, cacheKey?: string): AttributesValidator {
  const key = cacheKey ?? schema;
  let v = validators.get(key);
  if (v) return v;
  v = compileValidator(schema);
  validators.set(key, v);
  return v;
}

/** One-shot convenience; compiles on first use (cached as in getValidator). */
export function validateAttributes(schema: object, attributes: Record<string, unknown>, cacheKey?: string): SchemaIssue[] {
  return getValidator(schema, cacheKey)(attributes);
}

/** Drops cached validators (e.g. after a product type version change); they are recompiled on next use. */
export function clearValidatorCache(): void {
  validators.clear();
}

/** Validators held in the cache (at most MAX_VALIDATORS). */
export function cachedValidatorCount(): number {
  return validators.size;
}

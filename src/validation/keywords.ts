// Amazon's product-type vocabulary as Ajv keywords. Validation keywords are "compile" keywords so the
// per-schema work (reading sibling `selectors`, limits) happens once; annotation keywords only check
// their own value. Semantics follow Amazon's reference validators (sp-api-facts §12).
import type { Ajv2019 } from 'ajv/dist/2019.js';
import type { ErrorObject, KeywordDefinition } from 'ajv/dist/2019.js';
import type { DataValidateFunction } from 'ajv/dist/types/index.js';
import { AMAZON_KEYWORD_VALUE_SCHEMAS as V } from './meta-schema.js';

type Obj = Record<string, unknown>;

/** Order-independent JSON, so objects that differ only in key order make the same tuple. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(stableJson).join(',') + ']';
  const keys = Object.keys(value).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + stableJson((value as Obj)[k])).join(',') + '}';
}

/** The identity of an array item: its selector values, or all its properties when there are no selectors. */
export function selectorTuple(item: unknown, selectors: readonly string[] | undefined): string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return stableJson(item);
  if (!selectors || selectors.length === 0) return stableJson(item);
  let key = '';
  for (const name of selectors) {
    const v = (item as Obj)[name];
    key += (typeof v === 'string' ? 's' + v : stableJson(v)) + '\u0000';
  }
  return key;
}

/** Counts items per selector tuple. Returns the most frequent tuple (its first item) and the number of distinct tuples. */
export function countTuples(items: readonly unknown[], selectors: readonly string[] | undefined) {
  const counts = new Map<string, number>();
  let top = 0;
  let topItem: unknown;
  for (const item of items) {
    const key = selectorTuple(item, selectors);
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n > top) {
      top = n;
      topItem = item;
    }
  }
  return { distinct: counts.size, top, topItem };
}

/** The selector values of one item, e.g. { marketplace_id: 'ATVPDKIKX0DER', language_tag: 'en_US' }. */
function selectorValues(item: unknown, selectors: readonly string[]): Obj {
  const out: Obj = {};
  if (item && typeof item === 'object') for (const s of selectors) out[s] = (item as Obj)[s];
  return out;
}

function selectorsOf(parentSchema: unknown): string[] {
  const s = (parentSchema as Obj | undefined)?.selectors;
  return Array.isArray(s) ? (s as string[]) : [];
}

function fail(fn: DataValidateFunction, error: Partial<ErrorObject>): false {
  fn.errors = [error];
  return false;
}

const maxUniqueItems: KeywordDefinition = {
  keyword: 'maxUniqueItems',
  type: 'array',
  schemaType: 'number',
  metaSchema: V.maxUniqueItems,
  errors: true,
  compile(max: number, parentSchema) {
    const selectors = selectorsOf(parentSchema);
    const fn: DataValidateFunction = (data: unknown[]) => {
      if (data.length <= max) return true; // no tuple can occur more often than there are items
      const { top, topItem } = countTuples(data, selectors);
      if (top <= max) return true;
      return fail(fn, {
        keyword: 'maxUniqueItems',
        message: `must NOT have more than ${max} items with the same selector values`,
        params: { limit: max, count: top, selectors, selectorValues: selectorValues(topItem, selectors) },
      });
    };
    return fn;
  },
};

const minUniqueItems: KeywordDefinition = {
  keyword: 'minUniqueItems',
  type: 'array',
  schemaType: 'number',
  metaSchema: V.minUniqueItems,
  errors: true,
  compile(min: number, parentSchema) {
    const selectors = selectorsOf(parentSchema);
    const fn: DataValidateFunction = (data: unknown[]) => {
      if (min <= 1 && data.length >= min) return true; // one item is one distinct tuple
      const distinct = data.length < min ? data.length : countTuples(data, selectors).distinct;
      if (distinct >= min) return true;
      return fail(fn, {
        keyword: 'minUniqueItems',
        message: `must NOT have fewer than ${min} items with distinct selector values`,
        params: { limit: min, count: distinct, selectors },
      });
    };
    return fn;
  },
};

const maxUtf8ByteLength: KeywordDefinition = {
  keyword: 'maxUtf8ByteLength',
  type: 'string',
  schemaType: 'number',
  metaSchema: V.maxUtf8ByteLength,
  errors: true,
  compile(max: number) {
    const fn: DataValidateFunction = (data: string) => {
      if (data.length * 3 <= max) return true; // a UTF-16 code unit never takes more than 3 UTF-8 bytes
      const bytes = Buffer.byteLength(data, 'utf8');
      if (bytes <= max) return true;
      return fail(fn, {
        keyword: 'maxUtf8ByteLength',
        message: `must NOT be longer than ${max} bytes in UTF-8`,
        params: { limit: max, bytes },
      });
    };
    return fn;
  },
};

const minUtf8ByteLength: KeywordDefinition = {
  keyword: 'minUtf8ByteLength',
  type: 'string',
  schemaType: 'number',
  metaSchema: V.minUtf8ByteLength,
  errors: true,
  compile(min: number) {
    const fn: DataValidateFunction = (data: string) => {
      if (data.length >= min) return true; // UTF-8 never takes fewer bytes than UTF-16 code units
      const bytes = Buffer.byteLength(data, 'utf8');
      if (bytes >= min) return true;
      return fail(fn, {
        keyword: 'minUtf8ByteLength',
        message: `must NOT be shorter than ${min} bytes in UTF-8`,
        params: { limit: min, bytes },
      });
    };
    return fn;
  },
};

/** Informational keywords: Ajv only checks that their values are well-formed. */
const annotations: KeywordDefinition[] = (['editable', 'hidden', 'enumNames', 'selectors', '$lifecycle'] as const).map((keyword) => ({
  keyword,
  metaSchema: V[keyword],
}));

export const AMAZON_KEYWORDS: readonly KeywordDefinition[] = [maxUniqueItems, minUniqueItems, maxUtf8ByteLength, minUtf8ByteLength, ...annotations];

export function addAmazonKeywords(ajv: Ajv2019): Ajv2019 {
  for (const def of AMAZON_KEYWORDS) ajv.addKeyword(def);
  return ajv;
}

// Questions for the seller: each fact Amazon requires that the seller's data lacks, asked once per group of
// products (a product type) with the schema's allowed values — "country of origin — 14 products" — instead of
// once per SKU. Facts that differ per product (barcodes, prices) are asked per product.
import type { ExportProduct } from '../../store/export-store.js';
import { ISSUE_CODES } from '../../validation/issues.js';

type Json = Record<string, unknown>;

/** Attributes whose value is different for every product: one answer cannot cover a group. */
export const PER_PRODUCT = new Set([
  'externally_assigned_product_identifier',
  'purchasable_offer',
  'fulfillment_availability',
  'item_name',
  'main_product_image_locator',
  'list_price',
  'model_number',
  'part_number',
  'item_weight',
  'item_dimensions',
  'item_package_dimensions',
  'item_package_weight',
]);

export interface Choice {
  value: string | number | boolean;
  label: string;
}

export interface Question {
  id: string;
  productType: string;
  attribute: string;
  title: string;
  question: string;
  count: number;
  skus: string[];
  kind: 'choice' | 'text' | 'number' | 'boolean' | 'structured';
  perProduct: boolean;
  allowedValues?: Choice[];
  moreAllowedValues?: number;
  description?: string;
  previousAnswer?: string;
}

const SHOWN_SKUS = 25;
const SHOWN_VALUES = 80;

export function valueLeaf(schema: Json, attribute: string): Json | undefined {
  const prop = (schema.properties as Json | undefined)?.[attribute] as Json | undefined;
  const items = prop?.items as Json | undefined;
  return (items?.properties as Json | undefined)?.value as Json | undefined;
}

function nonValueFields(schema: Json, attribute: string): string[] {
  const prop = (schema.properties as Json | undefined)?.[attribute] as Json | undefined;
  const items = prop?.items as Json | undefined;
  const req = (items?.required as string[] | undefined) ?? [];
  return req.filter((r) => !['value', 'marketplace_id', 'language_tag'].includes(r));
}

/** The allowed values of an attribute's value leaf, whole (never shortened: Unknown / Not Applicable stay). */
export function choicesOf(leaf: Json | undefined): Choice[] | undefined {
  if (!leaf) return undefined;
  const branches = [leaf, ...(((leaf.anyOf ?? leaf.oneOf) as Json[] | undefined) ?? [])];
  for (const b of branches) {
    const values = b.enum as Array<string | number | boolean> | undefined;
    if (!values) continue;
    const names = (b.enumNames as string[] | undefined) ?? [];
    return values.map((v, i) => ({ value: v, label: names[i] ?? String(v) }));
  }
  return undefined;
}

function kindOf(schema: Json, attribute: string): Question['kind'] {
  if (nonValueFields(schema, attribute).length > 0) return 'structured';
  const leaf = valueLeaf(schema, attribute);
  if (!leaf) return 'structured';
  if (choicesOf(leaf)) return leaf.type === 'boolean' ? 'boolean' : 'choice';
  const t = leaf.type;
  return t === 'number' || t === 'integer' ? 'number' : t === 'boolean' ? 'boolean' : 'text';
}

export const questionId = (productType: string, attribute: string) => `${productType}/${attribute}`;

/** One question per (missing attribute, product type) across the invalid products. */
export function buildQuestions(
  products: ExportProduct[],
  schemaOf: (productType: string) => Json | undefined,
  previous: (productType: string, attribute: string) => string | undefined,
): Question[] {
  const by = new Map<string, Question>();
  for (const p of products) {
    if (p.state !== 'invalid' || !p.productType) continue;
    const schema = schemaOf(p.productType);
    if (!schema) continue;
    const missing = new Set<string>();
    for (const i of p.issues) {
      if (i.severity !== 'ERROR' || i.code !== ISSUE_CODES.missing) continue;
      for (const a of i.attributeNames ?? []) missing.add(a);
    }
    for (const attribute of missing) {
      const id = questionId(p.productType, attribute);
      let q = by.get(id);
      if (!q) {
        const prop = ((schema.properties as Json | undefined)?.[attribute] as Json | undefined) ?? {};
        const title = typeof prop.title === 'string' ? prop.title : attribute;
        const kind = kindOf(schema, attribute);
        const choices = kind === 'choice' ? choicesOf(valueLeaf(schema, attribute)) : undefined;
        const prev = previous(p.productType, attribute);
        q = {
          id,
          productType: p.productType,
          attribute,
          title,
          question: '',
          count: 0,
          skus: [],
          kind,
          perProduct: PER_PRODUCT.has(attribute),
          ...(choices ? { allowedValues: choices.slice(0, SHOWN_VALUES) } : {}),
          ...(choices && choices.length > SHOWN_VALUES ? { moreAllowedValues: choices.length - SHOWN_VALUES } : {}),
          ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
          ...(prev !== undefined ? { previousAnswer: prev } : {}),
        };
        by.set(id, q);
      }
      q.count++;
      if (q.skus.length < SHOWN_SKUS) q.skus.push(p.sku);
    }
  }
  for (const q of by.values()) {
    q.question = q.perProduct
      ? `${q.title} of each of ${q.count} ${q.productType} product(s) — one answer per SKU`
      : `${q.title} — ${q.count} ${q.productType} product(s): one answer covers them all`;
  }
  return [...by.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

/** The entry an answer becomes, or why it does not fit the attribute. */
export function answerEntry(schema: Json, attribute: string, answer: unknown): { entry?: Json; problem?: string } {
  const kind = kindOf(schema, attribute);
  if (kind === 'structured') {
    if (answer && typeof answer === 'object' && !Array.isArray(answer)) return { entry: answer as Json };
    const measured = typeof answer === 'string' ? measureEntry(schema, attribute, answer) : undefined;
    if (measured) return { entry: measured };
    return { problem: `${attribute} has several fields; answer with an entry object in the shape product_type_requirements shows` };
  }
  const leaf = valueLeaf(schema, attribute);
  const choices = choicesOf(leaf);
  if (choices) {
    const text = String(answer).trim().toLowerCase();
    const hit = choices.find((c) => String(c.value).toLowerCase() === text) ?? choices.find((c) => c.label.toLowerCase() === text);
    if (!hit) {
      const shown = choices
        .slice(0, 30)
        .map((c) => `${String(c.value)} (${c.label})`)
        .join(', ');
      return { problem: `"${String(answer)}" is not an allowed value of ${attribute}; allowed: ${shown}${choices.length > 30 ? ', …' : ''}` };
    }
    return { entry: { value: hit.value } };
  }
  if (kind === 'number') {
    const n = typeof answer === 'number' ? answer : Number(String(answer).replace(',', '.'));
    if (!Number.isFinite(n)) return { problem: `${attribute} needs a number; got "${String(answer)}"` };
    return { entry: { value: leaf?.type === 'integer' ? Math.round(n) : n } };
  }
  if (typeof answer !== 'string' || answer.trim() === '') return { problem: `${attribute} needs text` };
  return { entry: { value: answer.trim() } };
}

const UNIT_ALIASES: Record<string, string> = {
  ml: 'milliliters',
  millilitre: 'milliliters',
  milliliter: 'milliliters',
  l: 'liters',
  litre: 'liters',
  liter: 'liters',
  floz: 'fluid_ounces',
  'fl oz': 'fluid_ounces',
  g: 'grams',
  gram: 'grams',
  kg: 'kilograms',
  oz: 'ounces',
  lb: 'pounds',
  lbs: 'pounds',
  mm: 'millimeters',
  cm: 'centimeters',
  m: 'meters',
  in: 'inches',
  inch: 'inches',
  ft: 'feet',
};

/** "350 ml" for a value-with-unit attribute (capacity, weight, thickness…), with the unit from the schema's enum. */
function measureEntry(schema: Json, attribute: string, answer: string): Json | undefined {
  const prop = (schema.properties as Json | undefined)?.[attribute] as Json | undefined;
  const props = ((prop?.items as Json | undefined)?.properties as Json | undefined) ?? {};
  const units = choicesOf(props.unit as Json | undefined);
  if (!units || !props.value) return undefined;
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*([a-zA-Z][a-zA-Z .]*?)\s*$/.exec(answer);
  if (!m) return undefined;
  const word = m[2]!.toLowerCase().replace(/\.$/, '');
  const unit = units.find(
    (u) => String(u.value) === word || u.label.toLowerCase() === word || String(u.value) === UNIT_ALIASES[word] || String(u.value) === `${word}s`,
  );
  if (!unit) return undefined;
  return { value: Number(m[1]!.replace(',', '.')), unit: unit.value };
}

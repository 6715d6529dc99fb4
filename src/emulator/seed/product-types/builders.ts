// Small builders that emit attributes in Amazon's product type schema format: every attribute is an array
// of objects keyed by selectors (marketplace_id, often language_tag), with limits on the `value` leaf.
// Builders keep the seed files readable; their output is plain JSON Schema + Amazon's vocabulary.
import type { SchemaContext } from './marketplaces.js';

export type Json = Record<string, unknown>;
export type Choices = readonly (readonly [value: string, label: string])[];

export const META_SCHEMA_URI = 'https://schemas.amazon.com/selling-partners/definitions/product-types/meta-schema/v1';
export const SCHEMA_ID_BASE = 'https://schemas.amazon.com/selling-partners/definitions/product-types/schema/v1/';

export interface AttrText {
  title: string;
  description: string;
  examples?: readonly unknown[];
  /** Why Amazon has the attribute (kept short). */
  comment?: string;
}

export interface AttrOptions extends AttrText {
  /** Text a buyer reads is selected per language_tag as well as marketplace_id. */
  localized?: boolean;
  maxUniqueItems?: number;
  editable?: boolean;
  hidden?: boolean;
}

/** The leaf that carries a value's type and limits. */
export function leaf(o: AttrOptions, schema: Json): Json {
  return {
    title: o.title,
    description: o.description,
    editable: o.editable ?? true,
    hidden: o.hidden ?? false,
    ...(o.examples ? { examples: [...o.examples] } : {}),
    ...schema,
  };
}

/** Wraps item properties into Amazon's attribute shape: array of selector-keyed objects. */
export function attribute(o: AttrOptions, properties: Json, required: readonly string[], extraSelectors: readonly string[] = []): Json {
  const selectors = ['marketplace_id', ...(o.localized ? ['language_tag'] : []), ...extraSelectors];
  const props: Json = { ...properties };
  if (o.localized) props.language_tag = { $ref: '#/$defs/language_tag' };
  props.marketplace_id = { $ref: '#/$defs/marketplace_id' };
  return {
    ...(o.comment ? { $comment: o.comment } : {}),
    title: o.title,
    description: o.description,
    ...(o.examples ? { examples: [...o.examples] } : {}),
    type: 'array',
    minItems: 1,
    minUniqueItems: 1,
    maxUniqueItems: o.maxUniqueItems ?? 1,
    selectors,
    items: {
      type: 'object',
      required: [...new Set([...required, ...selectors])].sort(),
      properties: props,
      additionalProperties: false,
    },
  };
}

export interface TextOptions extends AttrOptions {
  maxLength?: number;
  minLength?: number;
  maxUtf8ByteLength?: number;
}

export function text(o: TextOptions): Json {
  const limits: Json = { type: 'string' };
  if (o.minLength !== undefined) limits.minLength = o.minLength;
  if (o.maxLength !== undefined) limits.maxLength = o.maxLength;
  if (o.maxUtf8ByteLength !== undefined) limits.maxUtf8ByteLength = o.maxUtf8ByteLength;
  return attribute(o, { value: leaf(o, limits) }, ['value']);
}

export function enumLeaf(o: AttrOptions, choices: Choices): Json {
  return leaf(o, { type: 'string', enum: choices.map(([v]) => v), enumNames: choices.map(([, l]) => l) });
}

export function choice(o: AttrOptions & { choices: Choices }): Json {
  return attribute(o, { value: enumLeaf(o, o.choices) }, ['value']);
}

export function flag(o: AttrOptions): Json {
  return attribute(o, { value: leaf(o, { type: 'boolean', enum: [false, true], enumNames: ['No', 'Yes'] }) }, ['value']);
}

export function integer(o: AttrOptions & { minimum?: number; maximum?: number }): Json {
  const limits: Json = { type: 'integer' };
  if (o.minimum !== undefined) limits.minimum = o.minimum;
  if (o.maximum !== undefined) limits.maximum = o.maximum;
  return attribute(o, { value: leaf(o, limits) }, ['value']);
}

export const LENGTH_UNITS: Choices = [
  ['centimeters', 'Centimeters'],
  ['feet', 'Feet'],
  ['inches', 'Inches'],
  ['meters', 'Meters'],
  ['millimeters', 'Millimeters'],
];
export const WEIGHT_UNITS: Choices = [
  ['grams', 'Grams'],
  ['kilograms', 'Kilograms'],
  ['ounces', 'Ounces'],
  ['pounds', 'Pounds'],
];
export const VOLUME_UNITS: Choices = [
  ['cups', 'Cups'],
  ['fluid_ounces', 'Fluid Ounces'],
  ['gallons', 'Gallons'],
  ['liters', 'Liters'],
  ['milliliters', 'Milliliters'],
  ['quarts', 'Quarts'],
];

function quantity(o: AttrOptions, units: Choices): Json {
  return {
    type: 'object',
    required: ['unit', 'value'],
    properties: {
      value: leaf({ ...o, title: `${o.title} Value` }, { type: 'number', exclusiveMinimum: 0 }),
      unit: enumLeaf({ ...o, title: `${o.title} Unit` }, units),
    },
    additionalProperties: false,
  };
}

/** A number with a unit, e.g. capacity 750 milliliters. */
export function measure(o: AttrOptions & { units: Choices }): Json {
  const q = quantity(o, o.units) as { properties: Json };
  return attribute(o, q.properties, ['unit', 'value']);
}

/** Length x width x height, each a number with a unit (Amazon's item_dimensions shape). */
export function dimensions(o: AttrOptions): Json {
  const side = (name: string) => quantity({ ...o, title: `${o.title} ${name}` }, LENGTH_UNITS);
  return attribute(o, { length: side('Length'), width: side('Width'), height: side('Height') }, ['height', 'length', 'width']);
}

export function image(o: AttrOptions): Json {
  return attribute(o, { media_location: leaf({ ...o, title: `${o.title} Location` }, { type: 'string', minLength: 1, maxLength: 2048 }) }, [
    'media_location',
  ]);
}

/** Amazon's $defs: the selector leaves, limited to this marketplace. */
export function selectorDefs(ctx: SchemaContext): Json {
  return {
    marketplace_id: {
      default: ctx.marketplaceId,
      editable: false,
      hidden: true,
      examples: [ctx.name],
      type: 'string',
      anyOf: [{ type: 'string' }, { type: 'string', enum: [ctx.marketplaceId], enumNames: [ctx.name] }],
    },
    language_tag: {
      default: ctx.languageTag,
      editable: false,
      hidden: true,
      examples: [ctx.languages.find(([t]) => t === ctx.languageTag)?.[1] ?? ctx.languageTag],
      type: 'string',
      anyOf: [{ type: 'string' }, { type: 'string', enum: ctx.languages.map(([t]) => t), enumNames: ctx.languages.map(([, n]) => n) }],
    },
  };
}

/** "attribute contains an entry whose value is one of `values`" — the test Amazon's conditions use. */
export function hasValue(attr: string, values: readonly unknown[], field = 'value'): Json {
  return {
    required: [attr],
    properties: { [attr]: { contains: { required: [field], properties: { [field]: { enum: [...values] } } } } },
  };
}

export interface ProductTypeParts {
  name: string;
  comment: string;
  required: readonly string[];
  properties: Json;
  allOf: readonly Json[];
}

export function productTypeSchema(ctx: SchemaContext, parts: ProductTypeParts): Json {
  return {
    $schema: META_SCHEMA_URI,
    $id: SCHEMA_ID_BASE + parts.name,
    $comment: parts.comment,
    $defs: selectorDefs(ctx),
    type: 'object',
    required: [...parts.required],
    properties: parts.properties,
    additionalProperties: false,
    allOf: [...parts.allOf],
  };
}

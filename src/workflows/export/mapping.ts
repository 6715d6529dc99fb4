// Turns a seller's spreadsheet row into Amazon attributes: column mappings (with value translations and
// templates for nested attributes), constant values for a group, and per-product values; every value is
// marked as mapped (from a column) or generated (gap-filled by the assistant).

import { checkGtin } from '../../lib/gtin.js';
import { htmlToText, looksLikeHtml, parseDecimal } from './clean-values.js';

type Json = Record<string, unknown>;

export interface ColumnMapping {
  attribute: string;
  /** One column, or several whose values are joined into one (e.g. Title + Size + Color). */
  column: string | string[];
  /** Between joined values (default ", "). */
  join?: string | undefined;
  /** Source value → Amazon value (e.g. "Navy Blue" → "navy"). */
  translate?: Record<string, string> | undefined;
  /** Entry template with "{{value}}", "{{number}}", "{{integer}}" or "{{boolean}}" placeholders, for nested attributes. */
  template?: unknown;
  /** Split the cell into several entries (e.g. "|" for bullet points). */
  split?: string | undefined;
}

export interface ValueOrigin {
  origin: 'mapped' | 'generated';
  column?: string;
  /** Every source column of a value built from several. */
  columns?: string[];
  translations?: Record<string, string>;
}

export interface BuiltAttributes {
  attributes: Record<string, unknown[]>;
  origins: Record<string, ValueOrigin>;
  problems: string[];
  /** Mapped columns that exist but are empty for this product: attribute → column. */
  empty: Array<{ attribute: string; column: string }>;
  /** Values withheld because they are wrong (a damaged barcode): attribute → why. */
  withheld: Array<{ attribute: string; problem: string }>;
}

function itemSchema(schema: Json, attribute: string): Json | undefined {
  const prop = (schema.properties as Json | undefined)?.[attribute] as Json | undefined;
  return prop?.items as Json | undefined;
}

function leafType(schema: Json, attribute: string): string | undefined {
  const value = ((itemSchema(schema, attribute)?.properties as Json | undefined)?.value as Json | undefined) ?? undefined;
  if (!value) return undefined;
  if (typeof value.type === 'string') return value.type;
  const branch = (value.anyOf as Json[] | undefined)?.find((b) => typeof b.type === 'string');
  return branch?.type as string | undefined;
}

/** Spreadsheet text to a JSON value of the type the schema wants; numbers by the marketplace's convention. */
export function coerce(raw: string, type: string | undefined, decimal: '.' | ',' = '.'): unknown {
  const t = raw.trim();
  if (type === 'number' || type === 'integer') {
    // "19,99", "$24.00", "1.299,00": currency symbols dropped, separators read by the marketplace's convention.
    const n = parseDecimal(t, decimal).value;
    if (n === undefined) return t;
    return type === 'integer' ? Math.round(n) : n;
  }
  if (type === 'boolean') {
    if (/^(true|yes|y|1|ja|oui|si)$/i.test(t)) return true;
    if (/^(false|no|n|0|nein|non)$/i.test(t)) return false;
    return t;
  }
  return t;
}

interface Fill {
  value: string;
  decimal: '.' | ',';
  gtin?: { digits: string; type: string };
}

function fillTemplate(template: unknown, f: Fill): unknown {
  if (typeof template === 'string') {
    if (template === '{{number}}') return coerce(f.value, 'number', f.decimal);
    if (template === '{{integer}}') return coerce(f.value, 'integer', f.decimal);
    if (template === '{{boolean}}') return coerce(f.value, 'boolean');
    return template
      .replace(/\{\{gtin\}\}/g, f.gtin?.digits ?? f.value)
      .replace(/\{\{gtin_type\}\}/g, f.gtin?.type ?? '')
      .replace(/\{\{value\}\}/g, f.value);
  }
  if (Array.isArray(template)) return template.map((t) => fillTemplate(t, f));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template as Json).map(([k, v]) => [k, fillTemplate(v, f)]));
  }
  return template;
}

/** Text a buyer reads: HTML from a shop's description turned into clean lines. */
const cleanText = (v: string) => (looksLikeHtml(v) ? htmlToText(v) : v);

const IDENTIFIER_ATTRIBUTES = new Set(['externally_assigned_product_identifier', 'external_product_id', 'amzn1_gtin']);

/** Adds marketplace_id/language_tag where the schema's entries have them and the caller left them out. */
export function withSelectors(schema: Json, attribute: string, entry: unknown, marketplaceId: string, languageTag: string): unknown {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return entry;
  const props = (itemSchema(schema, attribute)?.properties as Json | undefined) ?? {};
  const out = { ...(entry as Json) };
  if ('marketplace_id' in props && out.marketplace_id === undefined) out.marketplace_id = marketplaceId;
  if ('language_tag' in props && out.language_tag === undefined) out.language_tag = languageTag;
  return out;
}

export function buildAttributes(input: {
  schema: Json;
  marketplaceId: string;
  languageTag: string;
  row: Record<string, string>;
  /** Every column of the source: a mapped column outside it is a mistake, inside it an empty cell is a gap. */
  knownColumns?: string[] | undefined;
  decimal?: '.' | ',' | undefined;
  columns?: ColumnMapping[] | undefined;
  /** Values for every product of the group (generated unless listed in mappedConstants). */
  values?: Record<string, unknown[]> | undefined;
  /** Values for this product only, with their origins (attribute → source column, or "generated"). */
  productValues?: Record<string, unknown[]> | undefined;
  productOrigins?: Record<string, string> | undefined;
}): BuiltAttributes {
  const { schema, marketplaceId, languageTag, row } = input;
  const decimal = input.decimal ?? '.';
  const attributes: Record<string, unknown[]> = {};
  const origins: Record<string, ValueOrigin> = {};
  const problems: string[] = [];
  const empty: BuiltAttributes['empty'] = [];
  const withheld: BuiltAttributes['withheld'] = [];
  const known = (schema.properties as Json | undefined) ?? {};
  const check = (attribute: string): boolean => {
    if (attribute in known) return true;
    problems.push(`"${attribute}" is not an attribute of this product type; see product_type_requirements.`);
    return false;
  };

  for (const [attribute, entries] of Object.entries(input.values ?? {})) {
    if (!check(attribute)) continue;
    attributes[attribute] = entries.map((e) => withSelectors(schema, attribute, e, marketplaceId, languageTag));
    origins[attribute] = { origin: 'generated' };
  }

  for (const m of input.columns ?? []) {
    if (!check(m.attribute)) continue;
    const cols = Array.isArray(m.column) ? m.column : [m.column];
    const absent = cols.filter((c) => (input.knownColumns ? !input.knownColumns.includes(c) : !(c in row)));
    if (absent.length) {
      problems.push(`Column "${absent.join('", "')}" (for ${m.attribute}) is not in the source; columns are listed by export_load.`);
      continue;
    }
    const cell = cols
      .map((c) => (row[c] ?? '').trim())
      .filter(Boolean)
      .join(m.join ?? ', ');
    if ((row[cols[0]!] ?? '').trim() === '') {
      empty.push({ attribute: m.attribute, column: cols[0]! }); // a gap: left for the assistant or the seller to fill
      continue;
    }
    const parts = m.split
      ? cell
          .split(m.split)
          .map((p) => p.trim())
          .filter(Boolean)
      : [cell];
    const hasValue = leafType(schema, m.attribute) !== undefined;
    // An example showing the template as a one-entry array is taken as that entry.
    const template = Array.isArray(m.template) && m.template.length === 1 ? (m.template[0] as unknown) : m.template;
    if (!template && !hasValue) {
      problems.push(`${m.attribute} entries have no plain "value"; give a template, e.g. the shape shown by product_type_requirements.`);
      continue;
    }
    const isIdentifier = IDENTIFIER_ATTRIBUTES.has(m.attribute) || (typeof template === 'object' && JSON.stringify(template).includes('{{gtin'));
    let bad: string | undefined;
    const entries = parts.map((part) => {
      const translated = m.translate?.[part] ?? part;
      const f: Fill = { value: translated, decimal };
      if (isIdentifier) {
        const g = checkGtin(translated);
        if (g.ok) f.gtin = { digits: g.digits, type: g.type };
        else bad = g.problem;
      }
      const entry = template
        ? fillTemplate(template, f)
        : { value: coerce(leafType(schema, m.attribute) === 'string' ? cleanText(translated) : translated, leafType(schema, m.attribute), decimal) };
      return withSelectors(schema, m.attribute, entry, marketplaceId, languageTag);
    });
    if (bad) {
      withheld.push({ attribute: m.attribute, problem: bad });
      continue;
    }
    attributes[m.attribute] = entries;
    origins[m.attribute] = {
      origin: 'mapped',
      column: cols.join(' + '),
      ...(cols.length > 1 ? { columns: cols } : {}),
      ...(m.translate && Object.keys(m.translate).length ? { translations: m.translate } : {}),
    };
  }

  for (const [attribute, entries] of Object.entries(input.productValues ?? {})) {
    if (!check(attribute)) continue;
    attributes[attribute] = entries.map((e) => withSelectors(schema, attribute, e, marketplaceId, languageTag));
    const from = input.productOrigins?.[attribute];
    origins[attribute] = from && from !== 'generated' ? { origin: 'mapped', column: from } : { origin: 'generated' };
  }
  return { attributes, origins, problems, empty, withheld };
}

// Turns a seller's spreadsheet row into Amazon attributes: column mappings (with value translations and
// templates for nested attributes), constant values for a group, and per-product values; every value is
// marked as mapped (from a column) or generated (gap-filled by the assistant).

type Json = Record<string, unknown>;

export interface ColumnMapping {
  attribute: string;
  column: string;
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
  translations?: Record<string, string>;
}

export interface BuiltAttributes {
  attributes: Record<string, unknown[]>;
  origins: Record<string, ValueOrigin>;
  problems: string[];
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

/** Spreadsheet text to a JSON value of the type the schema wants. */
export function coerce(raw: string, type: string | undefined): unknown {
  const t = raw.trim();
  if (type === 'number' || type === 'integer') {
    // Accept "19,99" (European decimal comma) and "1,299.00" (thousands separator).
    const normalised = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : t.replace(',', '.');
    const n = Number(normalised.replace(/[^\d.+-eE]/g, ''));
    if (!Number.isFinite(n)) return t;
    return type === 'integer' ? Math.round(n) : n;
  }
  if (type === 'boolean') {
    if (/^(true|yes|y|1|ja|oui|si)$/i.test(t)) return true;
    if (/^(false|no|n|0|nein|non)$/i.test(t)) return false;
    return t;
  }
  return t;
}

function fillTemplate(template: unknown, value: string): unknown {
  if (typeof template === 'string') {
    if (template === '{{number}}') return coerce(value, 'number');
    if (template === '{{integer}}') return coerce(value, 'integer');
    if (template === '{{boolean}}') return coerce(value, 'boolean');
    return template.replace(/\{\{value\}\}/g, value);
  }
  if (Array.isArray(template)) return template.map((t) => fillTemplate(t, value));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template as Json).map(([k, v]) => [k, fillTemplate(v, value)]));
  }
  return template;
}

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
  columns?: ColumnMapping[] | undefined;
  /** Values for every product of the group (generated unless listed in mappedConstants). */
  values?: Record<string, unknown[]> | undefined;
  /** Values for this product only, with their origins (attribute → source column, or "generated"). */
  productValues?: Record<string, unknown[]> | undefined;
  productOrigins?: Record<string, string> | undefined;
}): BuiltAttributes {
  const { schema, marketplaceId, languageTag, row } = input;
  const attributes: Record<string, unknown[]> = {};
  const origins: Record<string, ValueOrigin> = {};
  const problems: string[] = [];
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
    if (!(m.column in row)) {
      problems.push(`Column "${m.column}" (for ${m.attribute}) is not in the source; columns are listed by export_load.`);
      continue;
    }
    const cell = (row[m.column] ?? '').trim();
    if (cell === '') continue; // a gap: left for the assistant to fill
    const parts = m.split
      ? cell
          .split(m.split)
          .map((p) => p.trim())
          .filter(Boolean)
      : [cell];
    const hasValue = leafType(schema, m.attribute) !== undefined;
    if (!m.template && !hasValue) {
      problems.push(`${m.attribute} entries have no plain "value"; give a template, e.g. the shape shown by product_type_requirements.`);
      continue;
    }
    const entries = parts.map((part) => {
      const translated = m.translate?.[part] ?? part;
      const entry = m.template ? fillTemplate(m.template, translated) : { value: coerce(translated, leafType(schema, m.attribute)) };
      return withSelectors(schema, m.attribute, entry, marketplaceId, languageTag);
    });
    attributes[m.attribute] = entries;
    origins[m.attribute] = {
      origin: 'mapped',
      column: m.column,
      ...(m.translate && Object.keys(m.translate).length ? { translations: m.translate } : {}),
    };
  }

  for (const [attribute, entries] of Object.entries(input.productValues ?? {})) {
    if (!check(attribute)) continue;
    attributes[attribute] = entries.map((e) => withSelectors(schema, attribute, e, marketplaceId, languageTag));
    const from = input.productOrigins?.[attribute];
    origins[attribute] = from && from !== 'generated' ? { origin: 'mapped', column: from } : { origin: 'generated' };
  }
  return { attributes, origins, problems };
}

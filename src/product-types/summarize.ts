// A concise, assistant-oriented summary of an Amazon product type schema: what must be filled, in what shape,
// with which allowed values and limits. The full schema stays on disk as a resource.

type Json = Record<string, unknown>;

export interface AttributeSummary {
  name: string;
  title?: string;
  /** Compact value shape, e.g. "value: string ≤200 chars". */
  shape: string;
  /** Properties that make one entry unique (Amazon's `selectors`). */
  selectors?: string[];
  /** Entries allowed per selector combination / array limits. */
  limits?: string;
  /** Allowed values, "value (label)"; cut at enumLimit. */
  allowedValues?: string[];
  allowedValuesMore?: number;
  description?: string;
  examples?: string[];
}

export interface ConditionalRequirement {
  attributes: string[];
  when: string;
}

export interface ProductTypeSummary {
  required: AttributeSummary[];
  conditional: ConditionalRequirement[];
  /** Every other attribute: name → title. */
  optional: Record<string, string>;
  details?: AttributeSummary[];
  unknownAttributes?: string[];
}

const SELECTOR_FIELDS = new Set(['marketplace_id', 'language_tag']);
const MAX_CONDITION_CHARS = 220;

function asObj(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function resolveRef(root: Json, node: Json | undefined): Json | undefined {
  const ref = node?.['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let cur: unknown = root;
  for (const part of ref.slice(2).split('/')) cur = asObj(cur)?.[part];
  return asObj(cur);
}

function limitsOf(s: Json): string[] {
  const out: string[] = [];
  if (typeof s.maxLength === 'number') out.push(`≤${s.maxLength} chars`);
  if (typeof s.minLength === 'number' && s.minLength > 0) out.push(`≥${s.minLength} chars`);
  if (typeof s.maxUtf8ByteLength === 'number') out.push(`≤${s.maxUtf8ByteLength} bytes UTF-8`);
  if (typeof s.minimum === 'number') out.push(`≥${s.minimum}`);
  if (typeof s.exclusiveMinimum === 'number') out.push(`>${s.exclusiveMinimum}`);
  if (typeof s.maximum === 'number') out.push(`≤${s.maximum}`);
  if (typeof s.pattern === 'string' && s.pattern.length <= 40) out.push(`pattern ${s.pattern}`);
  if (typeof s.format === 'string') out.push(s.format);
  return out;
}

function typeOf(s: Json): string {
  if (Array.isArray(s.enum)) return 'enum';
  if (typeof s.type === 'string') return s.type;
  if (Array.isArray(s.anyOf)) {
    const types = (s.anyOf as Json[]).map((b) => (Array.isArray(b.enum) ? 'enum' : String(b.type ?? '?')));
    return [...new Set(types)].join('|');
  }
  return 'any';
}

/** Enum values and labels of a leaf, looking into anyOf branches (Amazon offers "string or one of"). */
function enumOf(s: Json): { values: unknown[]; names?: unknown[] } | undefined {
  if (Array.isArray(s.enum)) return { values: s.enum, names: Array.isArray(s.enumNames) ? s.enumNames : undefined };
  for (const b of (s.anyOf as Json[] | undefined) ?? []) {
    if (Array.isArray(b.enum)) return { values: b.enum, names: Array.isArray(b.enumNames) ? b.enumNames : undefined };
  }
  return undefined;
}

function describeShape(root: Json, schema: Json | undefined, depth: number): string {
  const s = resolveRef(root, schema);
  if (!s) return 'any';
  if (s.type === 'array') {
    const inner = describeShape(root, asObj(s.items), depth);
    return `[${inner}]`;
  }
  if (s.type === 'object' || asObj(s.properties)) {
    if (depth >= 3) return '{…}';
    const props = asObj(s.properties) ?? {};
    const required = new Set((s.required as string[] | undefined) ?? []);
    const parts = Object.entries(props)
      .filter(([k]) => !SELECTOR_FIELDS.has(k))
      .map(([k, v]) => `${k}${required.has(k) ? '' : '?'}: ${describeShape(root, asObj(v), depth + 1)}`);
    return depth === 0 ? parts.join(', ') : `{${parts.join(', ')}}`;
  }
  const t = typeOf(s);
  const lim = limitsOf(s);
  return lim.length ? `${t} ${lim.join(' ')}` : t;
}

/** First leaf with an enum under an attribute, with its path (e.g. "value" or "unit"). */
function findEnum(root: Json, schema: Json | undefined, path: string, depth = 0): { path: string; values: unknown[]; names?: unknown[] } | undefined {
  const s = resolveRef(root, schema);
  if (!s || depth > 4) return undefined;
  if (s.type === 'array') return findEnum(root, asObj(s.items), path, depth + 1);
  const props = asObj(s.properties);
  if (props) {
    // Prefer the main value, then other fields.
    const keys = Object.keys(props)
      .filter((k) => !SELECTOR_FIELDS.has(k))
      .sort((a, b) => Number(b === 'value') - Number(a === 'value'));
    for (const k of keys) {
      const hit = findEnum(root, asObj(props[k]), path ? `${path}.${k}` : k, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  const e = enumOf(s);
  return e ? { path, ...e } : undefined;
}

function summarizeAttribute(root: Json, name: string, attr: Json, opts: { enumLimit: number; verbose: boolean }): AttributeSummary {
  const out: AttributeSummary = { name, shape: describeShape(root, asObj(attr.items), 0) };
  if (typeof attr.title === 'string') out.title = attr.title;
  if (Array.isArray(attr.selectors) && attr.selectors.length) out.selectors = attr.selectors as string[];
  const lim: string[] = [];
  if (typeof attr.maxUniqueItems === 'number') lim.push(`max ${attr.maxUniqueItems} per ${out.selectors?.join('+') ?? 'value'}`);
  if (typeof attr.maxItems === 'number') lim.push(`max ${attr.maxItems} entries`);
  if (lim.length) out.limits = lim.join('; ');
  const e = findEnum(root, attr, '');
  if (e) {
    const labelled = e.values.map((v, i) => {
      const label = e.names?.[i];
      return label !== undefined && String(label) !== String(v) ? `${String(v)} (${String(label)})` : String(v);
    });
    const prefix = e.path && e.path !== 'value' ? `${e.path}: ` : '';
    // Shortening never drops the values a seller without the fact needs ("Unknown", "Not Applicable", "Other"…).
    const fallback = (v: string) => /^(unknown|not[ _-]?applicable|n\/?a|none|other|not[ _-]?specified|no[ _-]?lock)\b/i.test(v);
    const kept =
      labelled.length > opts.enumLimit
        ? [...labelled.slice(0, opts.enumLimit), ...labelled.slice(opts.enumLimit).filter((v) => fallback(v) || fallback(v.replace(/^.*\(/, '')))]
        : labelled;
    out.allowedValues = kept.map((v, i) => (i === 0 ? prefix + v : v));
    if (labelled.length > kept.length) out.allowedValuesMore = labelled.length - kept.length;
  }
  if (opts.verbose) {
    if (typeof attr.description === 'string') out.description = attr.description;
    if (Array.isArray(attr.examples)) out.examples = (attr.examples as unknown[]).slice(0, 3).map(String);
  }
  return out;
}

function quoteValues(values: unknown[]): string {
  const shown = values.slice(0, 4).map((v) => JSON.stringify(v));
  return values.length > 4
    ? `one of ${shown.join(', ')} …(+${values.length - 4})`
    : values.length > 1
      ? `one of ${shown.join(', ')}`
      : (shown[0] ?? '?');
}

/** Puts a JSON-Schema `if` condition into words, e.g. "batteries_required is true and battery is provided". */
export function describeCondition(node: unknown): string {
  const n = asObj(node);
  if (!n) return 'always';
  const parts: string[] = [];
  if (Array.isArray(n.anyOf))
    parts.push(
      `(${(n.anyOf as unknown[])
        .map((b) => {
          const d = describeCondition(b);
          return d.includes(' and ') ? `(${d})` : d;
        })
        .join(' or ')})`,
    );
  if (Array.isArray(n.allOf)) parts.push((n.allOf as unknown[]).map(describeCondition).join(' and '));
  if (n.not !== undefined) {
    const inner = asObj(n.not);
    const req = inner?.required as string[] | undefined;
    if (req && req.length === 1 && !inner?.anyOf && !inner?.allOf) {
      const v = valueConstraint(asObj(asObj(inner?.properties)?.[req[0]!]));
      parts.push(v ? `${req[0]} is not ${v}` : `${req[0]} is not provided`);
    } else {
      parts.push(`not (${describeCondition(n.not)})`);
    }
  }
  if (Array.isArray(n.required)) {
    for (const r of n.required as string[]) {
      const v = valueConstraint(asObj(asObj(n.properties)?.[r]));
      parts.push(v ? `${r} is ${v}` : `${r} is provided`);
    }
  }
  const text = parts.filter(Boolean).join(' and ') || 'a schema condition holds';
  return text.length > MAX_CONDITION_CHARS ? `${text.slice(0, MAX_CONDITION_CHARS - 1)}…` : text;
}

/** "true", "one of …" for a property constrained to enum values (directly, or via contains/items → value). */
function valueConstraint(prop: Json | undefined): string | undefined {
  if (!prop) return undefined;
  if (Array.isArray(prop.enum)) return quoteValues(prop.enum);
  const inner = asObj(prop.contains) ?? asObj(prop.items);
  if (!inner) return undefined;
  const props = asObj(inner.properties);
  if (!props) return undefined;
  for (const [k, v] of Object.entries(props)) {
    const e = asObj(v)?.enum;
    if (Array.isArray(e)) return k === 'value' ? quoteValues(e) : `${k} ${quoteValues(e)}`;
    const deeper = valueConstraint(asObj(v));
    if (deeper) return `${k} ${deeper}`;
  }
  return undefined;
}

/** Top-level conditional requirements: allOf entries whose `then` requires attributes. */
function conditionalRequirements(schema: Json): ConditionalRequirement[] {
  const out: ConditionalRequirement[] = [];
  for (const entry of (schema.allOf as unknown[] | undefined) ?? []) {
    const e = asObj(entry);
    const then = asObj(e?.then);
    const req = then?.required as string[] | undefined;
    if (e?.if !== undefined && req?.length) out.push({ attributes: req, when: describeCondition(e.if) });
  }
  return out;
}

export interface SummarizeOptions {
  /** Attributes to describe in full (description, examples, every allowed value up to enumLimitDetail). */
  attributes?: string[];
  enumLimit?: number;
  enumLimitDetail?: number;
}

export function summarizeProductTypeSchema(schema: Json, opts: SummarizeOptions = {}): ProductTypeSummary {
  const props = asObj(schema.properties) ?? {};
  const requiredNames = ((schema.required as string[] | undefined) ?? []).filter((n) => n in props);
  const required = requiredNames.map((n) => summarizeAttribute(schema, n, asObj(props[n])!, { enumLimit: opts.enumLimit ?? 12, verbose: false }));
  const conditional = conditionalRequirements(schema);
  const requiredSet = new Set(requiredNames);
  const optional: Record<string, string> = {};
  for (const [name, attr] of Object.entries(props)) {
    if (requiredSet.has(name)) continue;
    const a = asObj(attr);
    if (a?.hidden === true) continue;
    optional[name] = typeof a?.title === 'string' ? a.title : name;
  }
  const summary: ProductTypeSummary = { required, conditional, optional };
  if (opts.attributes?.length) {
    summary.details = [];
    const unknown: string[] = [];
    for (const name of opts.attributes) {
      const a = asObj(props[name]);
      if (!a) {
        unknown.push(name);
        continue;
      }
      summary.details.push(summarizeAttribute(schema, name, a, { enumLimit: opts.enumLimitDetail ?? 200, verbose: true }));
    }
    if (unknown.length) summary.unknownAttributes = unknown;
  }
  return summary;
}

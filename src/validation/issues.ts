// Turns Ajv errors into Amazon's listing issue shape, worded like Amazon's own issues so an assistant can
// act on them: 90220 missing attribute, 90000900 unknown attribute, 99016 too many occurrences, 99022 not
// enough values, 4000001 invalid value (codes as seen in Listings Items API responses). Branch errors of
// anyOf/oneOf and item errors under `contains` are folded into one issue; `if` wrappers ("must match
// then schema") are dropped, since the error from the `then` branch says what is missing.
import type { ErrorObject } from 'ajv/dist/2019.js';
import type { SchemaIssue } from './index.js';

export const ISSUE_CODES = {
  missing: '90220',
  unknownAttribute: '90000900',
  tooMany: '99016',
  tooFew: '99022',
  invalid: '4000001',
} as const;

export interface IssueContext {
  /** Product type name used in messages, e.g. 'SHIRT'. */
  productType?: string;
}

/** One translated error before it becomes an issue; `phrase` is what is wrong with `subject`. */
interface Finding {
  code: string;
  category: 'MISSING_ATTRIBUTE' | 'INVALID_ATTRIBUTE';
  attr: string | undefined;
  subject: string;
  phrase: string;
  message: string;
  instancePath: string;
  schemaPath: string;
  /** Full display path of a missing property (required errors only). */
  missing?: string;
  fault?: Fault;
  keyword?: string;
}

function invalidMessage(attr: string | undefined, subject: string, phrase: string): string {
  const target = attr === undefined ? 'the attributes' : `'${attr}'`;
  const who = subject === '' ? 'The attributes object' : `'${subject}'`;
  return `The provided value for ${target} is invalid. ${sentence(`${who} ${phrase}`)}`;
}

const ENUM_SHOWN = 8;

function segments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** '/purchasable_offer/0/our_price/0/schedule' -> 'purchasable_offer[0].our_price[0].schedule' */
export function displayPath(parts: readonly string[]): string {
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

const QUOTE_MAX = 80;

/** A value as shown in a message; long values are cut so issues stay readable. */
function quote(v: unknown): string {
  const s = typeof v === 'string' ? `'${v}'` : (JSON.stringify(v) ?? String(v));
  return s.length > QUOTE_MAX ? s.slice(0, QUOTE_MAX - 3) + '...' : s;
}

/** What is wrong with a value: what it is (optional) and the rule it breaks, starting with "must". */
interface Fault {
  got?: string;
  rule: string;
}

function phraseOf(f: Fault): string {
  return f.got ? `${f.got}; it ${f.rule}` : f.rule;
}

function enumFault(err: ErrorObject): Fault {
  const allowed = (err.params as { allowedValues?: unknown[] }).allowedValues ?? [];
  const names = (err.parentSchema as { enumNames?: unknown } | undefined)?.enumNames;
  const labels = Array.isArray(names) && names.length === allowed.length ? (names as string[]) : undefined;
  const show = (i: number) => {
    const label = labels?.[i];
    const v = quote(allowed[i]);
    return label !== undefined && label !== allowed[i] ? `${v} (${label})` : v;
  };
  const got = `is ${quote(err.data)}`;
  // A value that matches an allowed value or label up to case is almost certainly what was meant.
  const given = typeof err.data === 'string' ? err.data.trim().toLowerCase() : undefined;
  const hit = given === undefined ? -1 : allowed.findIndex((a, i) => String(a).toLowerCase() === given || labels?.[i]?.toLowerCase() === given);
  if (hit >= 0) return { got, rule: `must be one of the allowed values; did you mean ${show(hit)}?` };
  if (allowed.length === 1) return { got, rule: `must be ${show(0)}` };
  const shown = allowed.slice(0, ENUM_SHOWN).map((_, i) => show(i));
  const more = allowed.length > ENUM_SHOWN ? `, ... (${allowed.length} allowed values in total)` : '';
  return { got, rule: `must be one of ${shown.join(', ')}${more}` };
}

function typeRule(type: unknown): string {
  const types = String(type).split(',');
  const words = types.map((t) => (t === 'array' || t === 'object' || t === 'integer' ? `an ${t}` : `a ${t}`));
  return `must be ${words.join(' or ')}`;
}

function notRule(err: ErrorObject): string {
  const sub = err.schema as { required?: unknown; properties?: unknown } | undefined;
  const req = sub && Array.isArray(sub.required) ? (sub.required as string[]) : [];
  if (req.length > 0 && Object.keys(sub ?? {}).every((k) => k === 'required' || k === 'properties')) {
    return `must not include ${req.map((r) => `'${r}'`).join(' and ')} together with its other values`;
  }
  return 'must not have this combination of values';
}

function length(data: unknown): number | string {
  return typeof data === 'string' ? [...data].length : '?';
}

/** What is wrong with the value at the error's instancePath. */
function invalidFault(err: ErrorObject): Fault {
  const p = err.params as Record<string, unknown>;
  const data = err.data;
  const got = `is ${quote(data)}`;
  switch (err.keyword) {
    case 'enum':
      return enumFault(err);
    case 'const':
      return { got, rule: `must be ${quote(p.allowedValue)}` };
    case 'type':
      return { rule: typeRule(p.type) };
    case 'maxLength':
      return { got: `is ${length(data)} characters long`, rule: `must be at most ${p.limit} characters` };
    case 'minLength':
      return { got: `is ${length(data)} characters long`, rule: `must be at least ${p.limit} characters` };
    case 'maxUtf8ByteLength':
      return {
        got: `is ${p.bytes} bytes in UTF-8`,
        rule: `must be at most ${p.limit} bytes (accented letters, CJK characters and emoji take 2-4 bytes each)`,
      };
    case 'minUtf8ByteLength':
      return { got: `is ${p.bytes} bytes in UTF-8`, rule: `must be at least ${p.limit} bytes` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { got, rule: `must be ${p.comparison} ${p.limit}` };
    case 'multipleOf':
      return { got, rule: `must be a multiple of ${p.multipleOf}` };
    case 'format':
      return { got, rule: `must be a valid ${p.format}` };
    case 'pattern':
      return { got, rule: `must match the pattern ${p.pattern}` };
    case 'uniqueItems':
      return { got: `has identical entries ${p.j} and ${p.i}`, rule: 'must not repeat entries' };
    case 'not':
      return { rule: notRule(err) };
    case 'contains':
    case 'minContains':
      return { rule: 'must contain at least one entry that meets the requirements' };
    case 'additionalProperties':
      return { rule: `must not have the field '${p.additionalProperty}'` };
    case 'unevaluatedProperties':
      return { rule: `must not have the field '${p.unevaluatedProperty}'` };
    case 'false schema':
      return { rule: 'must not be supplied here' };
    default:
      return { rule: err.message ?? 'must be valid' };
  }
}

function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : text + '.';
}

function selectorText(v: unknown): string {
  return v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v);
}

function finding(
  err: ErrorObject,
  code: string,
  category: Finding['category'],
  attr: string | undefined,
  subject: string,
  phrase: string,
  message: string,
): Finding {
  return { code, category, attr, subject, phrase, message, instancePath: err.instancePath, schemaPath: err.schemaPath };
}

function translate(err: ErrorObject, ctx: IssueContext): Finding {
  const parts = segments(err.instancePath);
  const attr = parts[0];
  const subject = displayPath(parts);
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'required':
    case 'dependentRequired': {
      const missing = String(p.missingProperty);
      const full = subject === '' ? missing : `${subject}.${missing}`;
      const f = finding(
        err,
        ISSUE_CODES.missing,
        'MISSING_ATTRIBUTE',
        attr ?? missing,
        subject,
        `must include '${missing}'`,
        `'${full}' is required but not supplied.`,
      );
      f.missing = full;
      return f;
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      if (attr !== undefined) break;
      const name = String(p.additionalProperty ?? p.unevaluatedProperty);
      const where = ctx.productType ? `product type ${ctx.productType}` : 'this product type';
      return finding(
        err,
        ISSUE_CODES.unknownAttribute,
        'INVALID_ATTRIBUTE',
        name,
        name,
        'is not an attribute',
        `The attributes are invalid. '${name}' is not an attribute of ${where}; remove it or use an attribute from the product type definition.`,
      );
    }
    case 'maxUniqueItems':
    case 'maxItems': {
      const selectors = (p.selectors as string[] | undefined) ?? [];
      const count = err.keyword === 'maxItems' && Array.isArray(err.data) ? err.data.length : p.count;
      const per = selectors.length > 0 ? ` per combination of ${selectors.join(', ')}` : '';
      const values = p.selectorValues as Record<string, unknown> | undefined;
      const which = values && selectors.length > 0 ? ` (${selectors.map((s) => `${s}=${selectorText(values[s])}`).join(', ')})` : '';
      return finding(
        err,
        ISSUE_CODES.tooMany,
        'INVALID_ATTRIBUTE',
        attr,
        subject,
        `must have at most ${p.limit} entries${per}`,
        `A maximum of ${p.limit} occurrence(s) is/are allowed for the attribute ${subject}${per} but it currently occurs ${count} times${which}.`,
      );
    }
    case 'minItems':
    case 'minUniqueItems': {
      const selectors = (p.selectors as string[] | undefined) ?? [];
      const distinct = err.keyword === 'minUniqueItems' && selectors.length > 0 ? ` with distinct ${selectors.join(', ')}` : '';
      const head =
        parts.length <= 1 ? `The attribute '${subject}'` : `The field '${parts[parts.length - 1]}' for the attribute '${attr}' (${subject})`;
      return finding(
        err,
        ISSUE_CODES.tooFew,
        'INVALID_ATTRIBUTE',
        attr,
        subject,
        `must have at least ${p.limit} entries${distinct}`,
        `${head} does not have enough values. The required minimum is '${p.limit}' value(s)${distinct}.`,
      );
    }
  }
  const fault = invalidFault(err);
  const f = finding(err, ISSUE_CODES.invalid, 'INVALID_ATTRIBUTE', attr, subject, phraseOf(fault), invalidMessage(attr, subject, phraseOf(fault)));
  f.fault = fault;
  f.keyword = err.keyword;
  return f;
}

/** Folds the branch findings of a failed anyOf/oneOf into a single finding. */
function combine(wrapper: ErrorObject, branches: Finding[], ctx: IssueContext): Finding {
  if (branches.length === 0) return translate(wrapper, ctx);
  const first = branches[0]!;
  if (branches.length === 1) return first;
  if (branches.every((b) => b.code === ISSUE_CODES.missing && b.subject === first.subject)) {
    const names = [...new Set(branches.map((b) => b.missing ?? b.subject))];
    const attr = segments(wrapper.instancePath)[0] ?? first.attr;
    return {
      ...first,
      attr,
      phrase: `must include one of ${names.join(', ')}`,
      message: `One of ${names.map((n) => `'${n}'`).join(', ')} is required but not supplied.`,
    };
  }
  // Same subject: "is 'x'; it must be A or must be B". Different subjects: one clause each.
  const bySubject = new Map<string, { got?: string; rules: string[] }>();
  for (const b of branches) {
    const entry = bySubject.get(b.subject) ?? { rules: [] };
    const fault = b.fault ?? { rule: b.phrase };
    entry.got ??= fault.got;
    if (!entry.rules.includes(fault.rule)) entry.rules.push(fault.rule);
    bySubject.set(b.subject, entry);
  }
  const clauses = [...bySubject].map(([s, e]) => {
    const who = s === '' ? 'The attributes object' : `'${s}'`;
    return `${who} ${phraseOf({ got: e.got, rule: e.rules.join(' or ') })}`;
  });
  const attr = segments(wrapper.instancePath)[0] ?? first.attr;
  const subject = displayPath(segments(wrapper.instancePath));
  const target = attr === undefined ? 'the attributes' : `'${attr}'`;
  return {
    code: ISSUE_CODES.invalid,
    category: 'INVALID_ATTRIBUTE',
    attr,
    subject,
    phrase: clauses.join(', or '),
    message: `The provided value for ${target} is invalid. ${sentence(clauses.join(', or '))}`,
    instancePath: wrapper.instancePath,
    schemaPath: wrapper.schemaPath,
  };
}

/** "'hazmat' must contain at least one entry in which 'aspect' must be 'united_nations_regulatory_id'". */
function containsFinding(wrapper: ErrorObject, branches: Finding[], ctx: IssueContext): Finding {
  const f = translate(wrapper, ctx);
  const firstItem = wrapper.instancePath + '/0';
  const prefix = f.subject + '[0]';
  const clauses = [
    ...new Set(
      branches
        .filter((b) => b.instancePath === firstItem || b.instancePath.startsWith(firstItem + '/'))
        .map((b) => {
          const rel = b.subject.slice(prefix.length).replace(/^\./, '');
          const rule = b.missing !== undefined ? b.phrase : (b.fault?.rule ?? b.phrase);
          return rel === '' ? rule : `'${rel}' ${rule}`;
        }),
    ),
  ];
  if (clauses.length === 0) return f;
  const phrase = `must contain at least one entry in which ${clauses.join(' and ')}`;
  return { ...f, phrase, message: invalidMessage(f.attr, f.subject, phrase) };
}

const LENGTH_KEYWORDS = new Set(['maxLength', 'maxUtf8ByteLength']);

/** A value too long in characters and in bytes becomes one issue stating both limits. */
function mergeLength(into: Finding, other: Finding): void {
  const a = into.fault!;
  const b = other.fault!;
  const fault: Fault = { got: `${a.got} (${b.got?.replace(/^is /, '')})`, rule: `${a.rule} and ${b.rule}` };
  into.fault = fault;
  into.phrase = phraseOf(fault);
  into.message = invalidMessage(into.attr, into.subject, into.phrase);
}

function isUnder(f: Finding, wrapper: ErrorObject): boolean {
  return (
    f.schemaPath.startsWith(wrapper.schemaPath + '/') &&
    (f.instancePath === wrapper.instancePath || f.instancePath.startsWith(wrapper.instancePath + '/'))
  );
}

/** Ajv errors (compiled with allErrors + verbose) -> Amazon issues, deduplicated, in schema order. */
export function toIssues(errors: readonly ErrorObject[], ctx: IssueContext = {}): SchemaIssue[] {
  const minItemsAt = new Set<string>();
  for (const e of errors) if (e.keyword === 'minItems') minItemsAt.add(e.instancePath);

  let found: Finding[] = [];
  for (const err of errors) {
    if (err.keyword === 'if') continue; // "must match then schema": the then-branch error says it better
    if (err.keyword === 'minUniqueItems' && minItemsAt.has(err.instancePath)) continue;
    if (err.keyword === 'contains') {
      // Item errors under `contains` only explain why no item matched; fold them into one issue.
      const branches = found.filter((f) => isUnder(f, err));
      found = found.filter((f) => !isUnder(f, err));
      found.push(containsFinding(err, branches, ctx));
      continue;
    }
    if (err.keyword === 'anyOf' || err.keyword === 'oneOf') {
      // Ajv reports a combinator after its branch errors, so the branches are already in `found`.
      const branches = found.filter((f) => isUnder(f, err));
      found = found.filter((f) => !isUnder(f, err));
      found.push(combine(err, branches, ctx));
      continue;
    }
    const f = translate(err, ctx);
    const twin = LENGTH_KEYWORDS.has(err.keyword)
      ? found.find((o) => o.instancePath === f.instancePath && o.keyword !== f.keyword && LENGTH_KEYWORDS.has(o.keyword ?? ''))
      : undefined;
    if (twin) mergeLength(twin, f);
    else found.push(f);
  }

  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const f of found) {
    const key = f.code + '\u0000' + f.message;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({
      code: f.code,
      message: f.message,
      severity: 'ERROR',
      categories: [f.category],
      attributeNames: f.attr === undefined ? [] : [f.attr],
    });
  }
  return issues;
}

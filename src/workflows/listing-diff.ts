// Attribute-level before/after for the confirm step: what a put, patch or delete will change on a listing.
import { canonicalJson } from '../lib/canonical-json.js';

type Attrs = Record<string, unknown>;
export interface Patch {
  op: 'add' | 'replace' | 'merge' | 'delete';
  path: string;
  value?: unknown[];
}

export interface AttributeChange {
  attribute: string;
  change: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

export interface PatchEffect {
  op: Patch['op'];
  attribute: string;
  /** Selector values that pick the entries the op touches (delete/merge). */
  selectors?: Record<string, unknown>[];
  before: string;
  after: string;
}

const MAX_VALUE_CHARS = 240;
/** Fields Amazon uses to tell entries of one attribute apart. */
const SELECTOR_KEYS = ['marketplace_id', 'language_tag', 'fulfillment_channel_code', 'currency', 'audience', 'type', 'unit'];

/**
 * Compact, bounded rendering of an attribute value for humans. A long value is cut at a word boundary and says how
 * long it is and where to read it whole, so the human never approves a silently shortened text.
 */
export function renderValue(
  value: unknown,
  whole = 'the whole value is in export_report for an export, or in the values given to this tool',
): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  if (text.length <= MAX_VALUE_CHARS) return text;
  const cut = text.slice(0, MAX_VALUE_CHARS);
  const space = cut.lastIndexOf(' ');
  const head = space > MAX_VALUE_CHARS * 0.6 ? cut.slice(0, space) : cut;
  return `${head} … [shortened here: ${text.length} characters in all; ${whole}]`;
}

export function diffAttributes(before: Attrs | undefined, after: Attrs): AttributeChange[] {
  const out: AttributeChange[] = [];
  const prev = before ?? {};
  const names = [...new Set([...Object.keys(prev), ...Object.keys(after)])].sort();
  for (const name of names) {
    const a = prev[name];
    const b = after[name];
    if (a === undefined && b !== undefined) out.push({ attribute: name, change: 'added', after: renderValue(b) });
    else if (a !== undefined && b === undefined) out.push({ attribute: name, change: 'removed', before: renderValue(a) });
    else if (canonicalJson(a) !== canonicalJson(b)) out.push({ attribute: name, change: 'changed', before: renderValue(a), after: renderValue(b) });
  }
  return out;
}

export function attributeOfPath(path: string): string | undefined {
  const m = /^\/attributes\/([^/]+)$/.exec(path);
  return m ? decodeURIComponent(m[1]!.replace(/~1/g, '/').replace(/~0/g, '~')) : undefined;
}

function selectorValues(entry: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (entry && typeof entry === 'object') {
    for (const k of SELECTOR_KEYS) {
      const v = (entry as Record<string, unknown>)[k];
      if (v !== undefined && v !== null && v !== '') out[k] = v;
    }
  }
  return out;
}

function sameSelectors(entry: unknown, sel: Record<string, unknown>): boolean {
  const keys = Object.keys(sel);
  return keys.length > 0 && keys.every((k) => canonicalJson((entry as Record<string, unknown>)?.[k]) === canonicalJson(sel[k]));
}

/** What each op does to the current attributes, in order, as Amazon applies them. */
export function simulatePatches(current: Attrs | undefined, patches: Patch[]): { after: Attrs; effects: PatchEffect[] } {
  const after: Attrs = structuredClone(current ?? {});
  const effects: PatchEffect[] = [];
  for (const p of patches) {
    const name = attributeOfPath(p.path) ?? p.path;
    const before = after[name];
    const value = p.value ?? [];
    let selectors: Record<string, unknown>[] | undefined;
    if (p.op === 'add' || p.op === 'replace') {
      after[name] = structuredClone(value);
    } else if (p.op === 'delete') {
      selectors = value.map(selectorValues);
      if (!Array.isArray(before) || selectors.every((s) => Object.keys(s).length === 0)) {
        delete after[name];
      } else {
        const kept = before.filter((e) => !selectors!.some((s) => sameSelectors(e, s)));
        if (kept.length) after[name] = kept;
        else delete after[name];
      }
    } else {
      selectors = value.map(selectorValues);
      const merged = Array.isArray(before) ? structuredClone(before) : [];
      for (const entry of value) {
        const sel = selectorValues(entry);
        const i = merged.findIndex((e) => sameSelectors(e, sel));
        if (i >= 0) merged[i] = { ...(merged[i] as Record<string, unknown>), ...(entry as Record<string, unknown>) };
        else merged.push(structuredClone(entry));
      }
      after[name] = merged;
    }
    effects.push({ op: p.op, attribute: name, ...(selectors ? { selectors } : {}), before: renderValue(before), after: renderValue(after[name]) });
  }
  return { after, effects };
}

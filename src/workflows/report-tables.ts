// A parsed report is a set of named tables (columns with a type, rows of cells) plus a small summary.
// Tables are paged with a token budget, so a reply stays small whatever the report size.
import { stripUnsafe } from '../lib/sanitize.js';
import { ToolError } from '../core/tool-error.js';
import type { MarketplacePerformance } from './seller-performance.js';

export type Cell = string | number | boolean | null;
export type ColumnType = 'number' | 'boolean' | 'string';

export interface ColumnInfo {
  name: string;
  type: ColumnType;
}

export interface Table {
  columns: ColumnInfo[];
  rows: Cell[][];
}

export interface ParsedReport {
  format: 'tsv' | 'json' | 'text';
  /** Which parser read it: the report type for known types, else generic-tsv / generic-json / text. */
  parser: string;
  /** Ordered: the first table is the default one. */
  tables: Record<string, Table>;
  summary: Record<string, unknown>;
  /** GET_V2_SELLER_PERFORMANCE_REPORT read by its own parser, for account_health (not part of any reply). */
  performance?: MarketplacePerformance[];
}

export interface TablePage {
  table: string;
  offset: number;
  total: number;
  columns: string[];
  rows: Cell[][];
  nextOffset?: number;
  /** Cells cut to MAX_CELL_CHARS in this page (the full text is in the saved file). */
  truncatedCells?: number;
}

const MAX_CELL_CHARS = 500;

/** Rough token count: ~4 ASCII characters per token, about one token per other character (CJK, accents). */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 128) ascii++;
    else other++;
  }
  return Math.ceil(ascii / 4) + other;
}

/** Column names come from Amazon: keep them readable and free of control characters. */
export function cleanName(name: string): string {
  return stripUnsafe(name).trim().slice(0, 120);
}

/**
 * One page of a table: at most `limit` rows, and fewer when the page would exceed `maxTokens`.
 * `columns` selects and orders columns (unknown names are refused with the list of known ones).
 */
export function pageTable(
  name: string,
  table: Table,
  opts: { offset: number; limit: number; columns?: string[] | undefined; maxTokens: number },
): TablePage {
  const known = table.columns.map((c) => c.name);
  let indexes = known.map((_, i) => i);
  if (opts.columns && opts.columns.length > 0) {
    const missing = opts.columns.filter((c) => !known.includes(c));
    if (missing.length > 0) {
      throw new ToolError(
        'INVALID_REQUEST',
        `Unknown column(s) ${missing.map((m) => `"${m}"`).join(', ')} in table "${name}". Known columns: ${known.slice(0, 80).join(', ')}${known.length > 80 ? ', …' : ''}.`,
      );
    }
    indexes = opts.columns.map((c) => known.indexOf(c));
  }
  const total = table.rows.length;
  const offset = Math.min(opts.offset, total);
  const rows: Cell[][] = [];
  let truncated = 0;
  let tokens = estimateTokens(JSON.stringify(indexes.map((i) => known[i])));
  for (let r = offset; r < total && rows.length < opts.limit; r++) {
    const src = table.rows[r]!;
    const row = indexes.map((i) => {
      const v = src[i] ?? null;
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) {
        truncated++;
        return `${v.slice(0, MAX_CELL_CHARS - 1)}…`;
      }
      return v;
    });
    const cost = estimateTokens(JSON.stringify(row)) + 1;
    if (rows.length > 0 && tokens + cost > opts.maxTokens) break;
    tokens += cost;
    rows.push(row);
  }
  const end = offset + rows.length;
  return {
    table: name,
    offset,
    total,
    columns: indexes.map((i) => known[i]!),
    rows,
    ...(end < total ? { nextOffset: end } : {}),
    ...(truncated > 0 ? { truncatedCells: truncated } : {}),
  };
}

/** Picks a table by name (default: the first), or explains which exist. */
export function pickTable(parsed: ParsedReport, name: string | undefined): [string, Table] {
  const names = Object.keys(parsed.tables);
  const chosen = name ?? names[0];
  const table = chosen !== undefined ? parsed.tables[chosen] : undefined;
  if (!table || chosen === undefined) {
    throw new ToolError('INVALID_REQUEST', `This report has no table "${name}". Tables: ${names.join(', ') || '(none)'}.`);
  }
  return [chosen, table];
}

/** Builds a table from flat records: columns in order of first appearance, typed from their values. */
export function tableFromRecords(records: Array<Record<string, Cell>>): Table {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const rec of records) {
    for (const k of Object.keys(rec)) {
      if (seen.has(k)) continue;
      seen.add(k);
      names.push(k);
    }
  }
  const rows = records.map((rec) => names.map((n) => rec[n] ?? null));
  const columns = names.map((n, i) => ({ name: n, type: typeOfValues(rows.map((r) => r[i] ?? null)) }));
  return { columns, rows };
}

function typeOfValues(values: Cell[]): ColumnType {
  const present = values.filter((v) => v !== null && v !== '');
  if (present.length > 0 && present.every((v) => typeof v === 'number')) return 'number';
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return 'boolean';
  return 'string';
}

/** Deep copy with object keys cleaned (keys of Amazon's JSON are untrusted text too). */
export function cleanKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [cleanName(k), cleanKeys(v)]));
  }
  return value;
}

/** Flattens nested objects to dotted keys; money {amount, currencyCode} becomes its amount; arrays become JSON text. */
export function flatten(value: unknown, prefix = '', out: Record<string, Cell> = {}, currencies?: Set<string>): Record<string, Cell> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 2 && 'amount' in obj && 'currencyCode' in obj) {
      if (typeof obj.currencyCode === 'string') currencies?.add(obj.currencyCode);
      out[prefix] = toCell(
        typeof obj.amount === 'string' && obj.amount.trim() !== '' && !Number.isNaN(Number(obj.amount)) ? Number(obj.amount) : obj.amount,
      );
      return out;
    }
    for (const k of keys) flatten(obj[k], prefix ? `${prefix}.${cleanName(k)}` : cleanName(k), out, currencies);
    return out;
  }
  out[prefix || 'value'] = toCell(value);
  return out;
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

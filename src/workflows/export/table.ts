// The common shape every source becomes: unique column names and non-blank rows of text values keyed by column.
import { ToolError } from '../../core/tool-error.js';

/** Raw rows as read, with the row number the seller sees (spreadsheet row, or position in a JSON array). */
export type Grid = Array<{ row: number; values: string[] }>;

export interface SourceRow {
  row: number;
  /** Non-empty values only, keyed by (unique) column name. */
  values: Record<string, string>;
}

export interface SourceTable {
  columns: string[];
  rows: SourceRow[];
  /** Rows that could not be read at all (e.g. a JSON item that is not an object). */
  unreadable: Array<{ row: number; problem: string }>;
  warnings: string[];
}

/** One batch is at most one JSON_LISTINGS_FEED (25,000 messages). */
export const MAX_ROWS = 25_000;

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

function checkRowCount(n: number): void {
  if (n > MAX_ROWS) {
    throw new ToolError(
      'BATCH_TOO_LARGE',
      `The source has ${n.toLocaleString('en-US')} product rows; one batch takes at most ${MAX_ROWS.toLocaleString('en-US')}. Nothing was loaded. Split it into smaller files and load them as separate batches.`,
      { rows: n, maxRows: MAX_ROWS },
    );
  }
}

/** Makes names unique case-insensitively: "Color", "Color (2)". Empty names become "Column N". */
export function uniqueNames(raw: string[]): { names: string[]; renamed: string[] } {
  const seen = new Set<string>();
  const renamed: string[] = [];
  const names = raw.map((r, i) => {
    const base = r.trim() === '' ? `Column ${i + 1}` : r.trim();
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    if (name !== base) renamed.push(`"${base}" → "${name}"`);
    seen.add(name.toLowerCase());
    return name;
  });
  return { names, renamed };
}

function duplicateWarning(renamed: string[]): string[] {
  return renamed.length === 0
    ? []
    : [
        `Duplicate column names were made unique: ${renamed.slice(0, 10).join(', ')}${renamed.length > 10 ? ` and ${renamed.length - 10} more` : ''}.`,
      ];
}

/** Header = first non-blank row; blank rows are skipped; values beyond the header are dropped with a warning. */
export function tableFromGrid(grid: Grid): SourceTable {
  let start = grid.findIndex((r) => r.values.some((v) => !blank(v)));
  if (start < 0) throw new ToolError('INVALID_REQUEST', 'The source is empty: no header row and no products. Nothing was loaded.');
  const pre: string[] = [];
  // Amazon's inventory file (category listing template): row 1 "TemplateType=…", row 2 labels, row 3 attribute names.
  if (/^TemplateType=/i.test((grid[start]!.values[0] ?? '').trim()) && grid.length > start + 2) {
    start += 2;
    pre.push('Amazon inventory file: the template and label rows were skipped; columns are the attribute names of row 3.');
  }
  const header = grid[start]!.values;
  const body = grid.slice(start + 1).filter((r) => r.values.some((v) => !blank(v)));
  checkRowCount(body.length);

  // Unnamed columns are kept only when they hold data (trailing ",,," in Excel exports hold none).
  let width = header.length;
  while (width > 0 && blank(header[width - 1]) && body.every((r) => blank(r.values[width - 1]))) width--;
  const { names, renamed } = uniqueNames(header.slice(0, width));
  const warnings = [...pre, ...duplicateWarning(renamed)];
  const unnamed = names.filter((_, i) => blank(header[i]));
  if (unnamed.length > 0) warnings.push(`Columns without a header were named ${unnamed.join(', ')}.`);

  let overflow = 0;
  const rows = body.map((r) => {
    const values: Record<string, string> = {};
    r.values.forEach((v, i) => {
      if (blank(v)) return;
      if (i < width) values[names[i]!] = v;
      else overflow++;
    });
    return { row: r.row, values };
  });
  if (overflow > 0) warnings.push(`${overflow} value(s) stood beyond the last header column and were ignored; add a header for them if they matter.`);
  return { columns: names, rows, unreadable: [], warnings };
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** JSON or inline rows: columns in order of first appearance; nested values become JSON text. */
export function tableFromRecords(records: unknown[]): SourceTable {
  const keys: string[] = [];
  const known = new Set<string>();
  for (const r of records) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) continue;
    for (const k of Object.keys(r)) {
      if (known.has(k)) continue;
      known.add(k);
      keys.push(k);
    }
  }
  const { names, renamed } = uniqueNames(keys);
  const column = new Map(keys.map((k, i) => [k, names[i]!]));
  const rows: SourceRow[] = [];
  const unreadable: SourceTable['unreadable'] = [];
  records.forEach((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) {
      if (r !== null && r !== undefined) unreadable.push({ row: i + 1, problem: `item ${i + 1} is not an object with column names` });
      return;
    }
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) {
      const s = text(v);
      if (!blank(s)) values[column.get(k)!] = s;
    }
    if (Object.keys(values).length > 0) rows.push({ row: i + 1, values });
  });
  checkRowCount(rows.length + unreadable.length);
  return { columns: names, rows, unreadable, warnings: duplicateWarning(renamed) };
}

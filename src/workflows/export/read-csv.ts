// CSV text → grid of strings. Every value stays text exactly as written (leading zeros, "1.50", long EANs).
import { parse } from 'csv-parse/sync';
import { ToolError } from '../../core/tool-error.js';
import type { Grid } from './table.js';

const DELIMITERS = [',', ';', '\t', '|'] as const;
const NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** Excel's "sep=;" first line names the delimiter (and Excel hides that line, so row numbers match without it). */
export function splitSepLine(text: string): { text: string; delimiter?: string } {
  const m = /^sep=(.)\r?\n/i.exec(text);
  return m ? { text: text.slice(m[0].length), delimiter: m[1]! } : { text };
}

/** Counts each candidate outside quotes on the first non-empty line (the header); the most frequent wins, comma on ties. */
export function detectDelimiter(text: string): string {
  let line = '';
  for (const l of text.split(/\r?\n/, 50)) {
    if (l.trim() !== '') {
      line = l;
      break;
    }
  }
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

export function delimiterName(d: string): string {
  return NAMES[d] ?? JSON.stringify(d);
}

/** Rows in file order; row i of the grid is spreadsheet row i + 1 (a quoted newline does not start a row). */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): Grid {
  try {
    const records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_records_with_error: false }) as string[][];
    return records.map((values, i) => ({ row: i + 1, values }));
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new ToolError(
      'INVALID_REQUEST',
      `The CSV could not be read${e.lines ? ` near line ${e.lines}` : ''}: ${e.message}. Nothing was loaded. A quote is probably not closed; fix it in the file and load it again.`,
    );
  }
}

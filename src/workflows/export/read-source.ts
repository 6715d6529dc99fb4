// Reads products for export_load from a CSV, XLSX or JSON file or from inline rows, into one SourceTable.
import { basename, extname } from 'node:path';
import { ToolError } from '../../core/tool-error.js';
import { decodeText } from './decode-text.js';
import { delimiterName, detectDelimiter, parseCsv, splitSepLine } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import { readSourceFile } from './source-file.js';
import { tableFromGrid, tableFromRecords, type SourceTable } from './table.js';

export interface ReadSourceInput {
  path?: string | undefined;
  rows?: Array<Record<string, unknown>> | undefined;
  sheet?: string | undefined;
}

export interface ReadSourceResult extends SourceTable {
  /** What the batch records as its source: the real file path, or "inline rows". */
  source: string;
  format: 'csv' | 'xlsx' | 'json' | 'inline';
}

type Format = 'csv' | 'xlsx' | 'json';

function formatOf(path: string, bytes: Buffer): Format {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.json') return 'json';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.xls' || ext === '.numbers' || ext === '.ods') {
    throw new ToolError('INVALID_REQUEST', `${basename(path)}: ${ext} files are not supported. Save the sheet as .xlsx or CSV UTF-8 and load that.`);
  }
  // Unknown extension: a zip is a workbook, a leading [ or { is JSON, anything else is tried as CSV.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  const head = bytes
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('[') || head.startsWith('{') ? 'json' : 'csv';
}

function jsonRecords(text: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ToolError('INVALID_REQUEST', `The file is not valid JSON (${(err as Error).message}). Nothing was loaded.`);
  }
  if (Array.isArray(data)) return data;
  const products = (data as Record<string, unknown> | null)?.products;
  if (Array.isArray(products)) return products;
  throw new ToolError('INVALID_REQUEST', 'The JSON must be an array of product objects, or an object with a "products" array. Nothing was loaded.');
}

export async function readSource(input: ReadSourceInput): Promise<ReadSourceResult> {
  if ((input.path === undefined) === (input.rows === undefined)) {
    throw new ToolError('INVALID_REQUEST', 'Give exactly one of path (a .csv, .xlsx or .json file) or rows (inline products).');
  }
  if (input.rows) return { ...tableFromRecords(input.rows), source: 'inline rows', format: 'inline' };

  const file = await readSourceFile(input.path!);
  const format = formatOf(file.path, file.bytes);
  if (input.sheet !== undefined && format !== 'xlsx')
    throw new ToolError('INVALID_REQUEST', 'sheet only applies to .xlsx files; leave it out for CSV and JSON.');
  if (format === 'xlsx') {
    const x = await readXlsx(file.bytes, input.sheet);
    const t = tableFromGrid(x.grid);
    return { ...t, warnings: [...x.warnings, ...t.warnings], source: file.path, format };
  }
  const decoded = decodeText(file.bytes);
  const pre = decoded.warning ? [decoded.warning] : [];
  if (format === 'json') {
    const t = tableFromRecords(jsonRecords(decoded.text));
    return { ...t, warnings: [...pre, ...t.warnings], source: file.path, format };
  }
  const sep = splitSepLine(decoded.text);
  const delimiter = sep.delimiter ?? detectDelimiter(sep.text);
  const t = tableFromGrid(parseCsv(sep.text, delimiter));
  if (delimiter !== ',') pre.push(`Read as ${delimiterName(delimiter)}-separated values.`);
  return { ...t, warnings: [...pre, ...t.warnings], source: file.path, format };
}

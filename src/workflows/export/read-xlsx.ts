// XLSX → grid of strings, as the seller sees the cells: numbers as displayed (leading zeros of a "0000000000000"
// format kept, decimals per format, no thousands separators), dates as ISO, formulas as their result,
// rich text and hyperlinks as plain text.
// Types only: exceljs takes ~0.2 s to load, so it is imported when a workbook is first read, not at server start.
import type ExcelJS from 'exceljs';
import { ToolError } from '../../core/tool-error.js';
import type { Grid } from './table.js';

export interface XlsxGrid {
  grid: Grid;
  sheet: string;
  warnings: string[];
}

export async function readXlsx(bytes: Buffer, sheetName?: string): Promise<XlsxGrid> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    // exceljs types declare their own Buffer (an ArrayBuffer); at runtime it takes Node's Buffer.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new ToolError(
      'INVALID_REQUEST',
      `The file is not a readable .xlsx workbook (${(err as Error).message}). Nothing was loaded. If it is an old .xls or .numbers file, save it as .xlsx or CSV UTF-8 and load that.`,
    );
  }
  const sheets = wb.worksheets;
  const names = sheets.map((s) => s.name);
  const ws = sheetName
    ? sheets.find((s) => s.name.toLowerCase() === sheetName.trim().toLowerCase())
    : (sheets.find((s) => s.state === 'visible') ?? sheets[0]);
  if (!ws) {
    throw new ToolError(
      'INVALID_REQUEST',
      sheetName ? `The workbook has no sheet "${sheetName}"; its sheets are: ${names.join(', ')}.` : 'The workbook has no worksheets.',
      {
        sheets: names,
      },
    );
  }
  const warnings: string[] = [];
  if (!sheetName && sheets.length > 1)
    warnings.push(`Read sheet "${ws.name}" (the workbook has sheets ${names.map((n) => `"${n}"`).join(', ')}); pass sheet to read another.`);

  let errors = 0;
  const grid: Grid = [];
  const slaves = new Map<number, Set<number>>();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.type === Excel.ValueType.Merge) (slaves.get(rowNumber) ?? slaves.set(rowNumber, new Set()).get(rowNumber)!).add(col - 1);
      const v = cellText(cell.value, cell.numFmt);
      if (v === undefined) errors++;
      values[col - 1] = v ?? '';
    });
    grid.push({ row: rowNumber, values: Array.from(values, (v) => v ?? '') });
  });
  // A merged header cell names one column, not every column it spans.
  const header = grid.find((r) => r.values.some((v) => v.trim() !== ''));
  for (const col of (header && slaves.get(header.row)) ?? []) header!.values[col] = '';
  if (errors > 0) warnings.push(`${errors} cell(s) hold spreadsheet errors (#N/A, #REF!, …) and were read as empty.`);
  return { grid, sheet: ws.name, warnings };
}

/** A cell's value as text; undefined for an error value. */
export function cellText(value: ExcelJS.CellValue, numFmt?: string): string | undefined {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue, numFmt);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? '') as ExcelJS.CellValue, numFmt);
  if ('error' in value) return undefined;
  return JSON.stringify(value);
}

/** Dates without a time of day as YYYY-MM-DD, others as full ISO 8601 (Excel dates carry no zone: read as UTC). */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

/** The number as Excel would display it under `fmt`, minus grouping separators and currency symbols. */
export function formatNumber(n: number, fmt?: string): string {
  const plain = () => (Number.isInteger(n) ? String(n) : String(Number.parseFloat(n.toPrecision(15))));
  // First section only (positive numbers); drop quoted text, [color]/[$€-407] blocks, escapes and padding.
  const section = (fmt ?? '').split(';')[0]!.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '');
  if (section === '' || /general|@|e[+-]/i.test(section) || !/[0#?]/.test(section)) return plain();
  const percent = section.includes('%');
  const dot = section.indexOf('.');
  const intPart = dot >= 0 ? section.slice(0, dot) : section;
  const decPart = dot >= 0 ? (/^[0#?]*/.exec(section.slice(dot + 1))?.[0] ?? '') : '';
  const minDec = (decPart.match(/0/g) ?? []).length;
  const maxDec = decPart.length;
  const intZeros = (intPart.match(/0/g) ?? []).length;
  const v = percent ? n * 100 : n;
  let s = Math.abs(v).toFixed(maxDec);
  if (maxDec > minDec) s = s.replace(new RegExp(`0{1,${maxDec - minDec}}$`), '').replace(/\.$/, '');
  const [i = '', d] = s.split('.');
  const int = intZeros > 0 ? i.padStart(intZeros, '0') : i === '0' && d ? '' : i;
  return `${v < 0 ? '-' : ''}${int}${d ? `.${d}` : ''}${percent ? '%' : ''}`;
}

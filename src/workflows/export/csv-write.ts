// A tiny RFC 4180 writer for the export reports. Values come from sellers' spreadsheets and from Amazon,
// so cells that a spreadsheet app would run as a formula are defused with a leading apostrophe.

/** Byte order mark: without it Excel reads UTF-8 as the local code page and breaks accents. */
export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function csvCell(value: unknown): string {
  let text =
    value === undefined || value === null
      ? ''
      : typeof value === 'string'
        ? value
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  // "-5" is a number, not a formula; anything else starting with = + - @ could run in Excel or Sheets.
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header plus rows as one CSV document: BOM, CRLF line ends. */
export function toCsv(header: string[], rows: unknown[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

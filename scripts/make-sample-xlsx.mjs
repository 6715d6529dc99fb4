// Writes examples/products.xlsx from examples/products.csv, the way a seller's workbook would hold it:
// prices and quantities as numbers with a display format, EANs as text (so leading zeros survive).
// Run: node scripts/make-sample-xlsx.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

const dir = fileURLToPath(new URL('../examples/', import.meta.url));
const [header, ...rows] = parse(readFileSync(`${dir}products.csv`, 'utf8'), { relax_column_count: true });
const NUMBER_FORMATS = { Price: '0.00', Quantity: '0', Wheels: '0' };

const wb = new ExcelJS.Workbook();
wb.creator = 'sp-api-mcp sample data';
// A fixed date keeps the file byte-stable across runs.
wb.created = wb.modified = new Date('2025-01-01T00:00:00Z');
const ws = wb.addWorksheet('Products', { views: [{ state: 'frozen', ySplit: 1 }] });
ws.addRow(header).font = { bold: true };
for (const values of rows) {
  ws.addRow(values.map((v, i) => (v !== '' && header[i] in NUMBER_FORMATS ? Number(v) : v === '' ? null : v)));
}
header.forEach((name, i) => {
  const col = ws.getColumn(i + 1);
  col.width = Math.min(40, Math.max(10, name.length + 2));
  if (name in NUMBER_FORMATS) col.numFmt = NUMBER_FORMATS[name];
  if (name === 'EAN') col.numFmt = '@';
});
await wb.xlsx.writeFile(`${dir}products.xlsx`);
process.stdout.write(`wrote ${dir}products.xlsx (${rows.length} products)\n`);

// Minimum data every product needs before the assistant spends effort mapping it: a unique, well-formed SKU,
// a name, and at least N other filled columns. Failing rows become rejects with reasons; good rows go on.
import type { NewProduct, Reject } from '../../store/export-store.js';
import { ToolError } from '../../core/tool-error.js';
import type { SourceTable } from './table.js';

export const DEFAULT_MIN_ATTRIBUTES = 10;
const MAX_SKU_LENGTH = 40;

// Headers compared lowercased without spaces, dashes, underscores and dots, in order of preference.
const SKU_HEADERS = [
  'sku',
  'sellersku',
  'itemsku',
  'merchantsku',
  'skuid',
  'skunumber',
  'skunummer',
  'händlersku',
  'haendlersku',
  'verkäufersku',
  'skuvendeur',
  'referencesku',
  'artikelnummer',
  'articlenumber',
  'itemnumber',
];
const NAME_HEADERS = [
  'name',
  'title',
  'productname',
  'producttitle',
  'itemname',
  'itemtitle',
  'listingtitle',
  'produktname',
  'artikelname',
  'artikelbezeichnung',
  'bezeichnung',
  'titel',
  'nom',
  'nomduproduit',
  'titre',
  'nombre',
  'nombredelproducto',
  'titolo',
  'nomeprodotto',
];

const norm = (s: string) => s.toLowerCase().replace(/[\s\-_.:/]+/g, '');

/** The column holding `wanted` (exact, then case-insensitive), or the first column whose header is a known alias. */
export function findColumn(columns: string[], aliases: string[], wanted: string | undefined, arg: string): string | undefined {
  if (wanted !== undefined) {
    const hit = columns.find((c) => c === wanted) ?? columns.find((c) => c.toLowerCase() === wanted.trim().toLowerCase());
    if (!hit)
      throw new ToolError('INVALID_REQUEST', `${arg} "${wanted}" is not a column of this source. Columns: ${columns.slice(0, 60).join(', ')}.`, {
        columns: columns.slice(0, 60),
      });
    return hit;
  }
  for (const alias of aliases) {
    const hit = columns.find((c) => norm(c) === alias);
    if (hit) return hit;
  }
  return undefined;
}

export interface CheckOptions {
  skuColumn?: string | undefined;
  nameColumn?: string | undefined;
  minAttributes?: number | undefined;
}

export interface CheckResult {
  skuColumn: string;
  nameColumn: string;
  products: NewProduct[];
  rejects: Reject[];
}

export function checkProducts(table: SourceTable, opts: CheckOptions = {}): CheckResult {
  const { columns } = table;
  const skuColumn = findColumn(columns, SKU_HEADERS, opts.skuColumn, 'skuColumn');
  if (!skuColumn)
    throw new ToolError(
      'INVALID_REQUEST',
      `No SKU column found (looked for headers like SKU, Seller SKU, item_sku). Columns: ${columns.slice(0, 60).join(', ')}. Call again with skuColumn set to the column that holds the SKUs.`,
      { columns: columns.slice(0, 60) },
    );
  const nameColumn = findColumn(columns, NAME_HEADERS, opts.nameColumn, 'nameColumn');
  if (!nameColumn)
    throw new ToolError(
      'INVALID_REQUEST',
      `No product name column found (looked for headers like Title, Product Name, item_name). Columns: ${columns.slice(0, 60).join(', ')}. Call again with nameColumn set to the column that holds the product titles.`,
      { columns: columns.slice(0, 60) },
    );
  if (skuColumn === nameColumn)
    throw new ToolError('INVALID_REQUEST', `skuColumn and nameColumn are both "${skuColumn}"; they must be different columns.`);
  const min = opts.minAttributes ?? DEFAULT_MIN_ATTRIBUTES;

  const firstSeen = new Map<string, number>();
  const products: NewProduct[] = [];
  const rejects: Reject[] = table.unreadable.map((u) => ({ rowIndex: u.row, problems: [u.problem] }));
  for (const { row, values } of table.rows) {
    const problems: string[] = [];
    const sku = values[skuColumn];
    if (sku === undefined) problems.push(`missing SKU (column "${skuColumn}" is empty)`);
    else {
      if (sku !== sku.trim())
        problems.push('SKU has leading or trailing spaces; Amazon would treat it as a different SKU — remove them in the source');
      if (sku.length > MAX_SKU_LENGTH) problems.push(`SKU is ${sku.length} characters; Amazon allows at most ${MAX_SKU_LENGTH}`);
      const first = firstSeen.get(sku);
      if (first !== undefined) problems.push(`duplicate SKU, first seen on row ${first}`);
      else firstSeen.set(sku, row);
    }
    const name = values[nameColumn];
    if (name === undefined) problems.push(`missing name (column "${nameColumn}" is empty)`);
    const attributes = Object.keys(values).filter((c) => c !== skuColumn && c !== nameColumn).length;
    if (attributes < min) problems.push(`only ${attributes} filled attribute column(s) besides SKU and name; at least ${min} needed`);
    if (problems.length > 0) rejects.push({ rowIndex: row, ...(sku !== undefined ? { sku } : {}), problems });
    else products.push({ sku: sku!, rowIndex: row, name, source: values });
  }
  rejects.sort((a, b) => a.rowIndex - b.rowIndex);
  return { skuColumn, nameColumn, products, rejects };
}

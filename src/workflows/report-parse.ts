// Report documents → tables. Known types get column types and summaries that mean something; any other type
// is still read: TSV generically (typed where obvious), JSON by its arrays of objects, anything else by lines.
import { cleanKeys, cleanName, flatten, tableFromRecords, type Cell, type ColumnType, type ParsedReport, type Table } from './report-tables.js';
import { sellerPerformance, sellerPerformanceTables } from './seller-performance.js';

interface TsvHints {
  numbers?: string[];
  /** Columns holding y/n flags. */
  flags?: string[];
  /** Columns that stay text even when they look numeric (codes, identifiers). */
  text?: string[];
}

const TSV_HINTS: Record<string, TsvHints> = {
  GET_MERCHANT_LISTINGS_ALL_DATA: {
    numbers: ['price', 'quantity', 'pending-quantity', 'zshop-shipping-fee'],
    flags: ['item-is-marketplace'],
    text: ['listing-id', 'seller-sku', 'item-condition', 'product-id-type', 'asin1', 'asin2', 'asin3', 'product-id', 'open-date'],
  },
  GET_FLAT_FILE_OPEN_LISTINGS_DATA: { numbers: ['price', 'quantity', 'Business Price', 'Quantity Lower Bound 1'], text: ['sku', 'asin'] },
};

export const KNOWN_REPORT_TYPES = [
  'GET_MERCHANT_LISTINGS_ALL_DATA',
  'GET_FLAT_FILE_OPEN_LISTINGS_DATA',
  'GET_SALES_AND_TRAFFIC_REPORT',
  'GET_V2_SELLER_PERFORMANCE_REPORT',
] as const;

export function parseReport(reportType: string, text: string): ParsedReport {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      json = undefined;
    }
    if (json !== undefined) return parseJson(reportType, json);
  }
  const firstLine = body.slice(0, body.indexOf('\n') >= 0 ? body.indexOf('\n') : undefined);
  if (firstLine.includes('\t')) {
    const hints = TSV_HINTS[reportType];
    const table = parseTsv(body, hints);
    return {
      format: 'tsv',
      parser: hints ? reportType : 'generic-tsv',
      tables: { rows: table },
      summary: { rows: table.rows.length, columns: table.columns.length },
    };
  }
  return { format: 'text', parser: 'text', tables: { lines: linesTable(body) }, summary: { lines: countLines(body) } };
}

// ---------- TSV ----------

const NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;
const HINTED_NUMBER = /^-?\d{1,15}([.,]\d+)?$/;
// Codes and identifiers look numeric but are not quantities (UPCs, order ids, postal codes).
const IDENTIFIER_NAME = /(^|[-_ .])(sku|asin\d*|upc|ean|isbn|gtin|jan|zip|id|code|number|phone)$/i;

export function parseTsv(text: string, hints: TsvHints = {}): Table {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) return { columns: [], rows: [] };
  const names = uniqueNames(lines[0]!.split('\t').map(cleanName));
  const raw = lines.slice(1).map((l) => {
    const cells = l.split('\t');
    // A short row is padded; extra cells past the header are kept in the last column rather than lost.
    if (cells.length > names.length) cells.splice(names.length - 1, cells.length, cells.slice(names.length - 1).join('\t'));
    while (cells.length < names.length) cells.push('');
    return cells;
  });
  const types = names.map((name, i) =>
    columnType(
      name,
      raw.map((r) => r[i]!),
      hints,
    ),
  );
  const rows: Cell[][] = raw.map((r) => r.map((v, i) => convert(v, types[i]!)));
  return { columns: names.map((name, i) => ({ name, type: types[i]! })), rows };
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n, i) => {
    const base = n || `column${i + 1}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}_${count + 1}`;
  });
}

function columnType(name: string, values: string[], hints: TsvHints): ColumnType {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  if (present.length === 0 || hints.text?.includes(name)) return 'string';
  if (hints.flags?.includes(name) && present.every((v) => /^[yn]$/i.test(v))) return 'boolean';
  if (hints.numbers?.includes(name)) return present.every((v) => HINTED_NUMBER.test(v)) ? 'number' : 'string';
  if (present.every((v) => /^(true|false)$/i.test(v))) return 'boolean';
  if (!IDENTIFIER_NAME.test(name) && present.every((v) => NUMBER.test(v))) return 'number';
  return 'string';
}

function convert(value: string, type: ColumnType): Cell {
  if (type === 'string') return value;
  const v = value.trim();
  if (v === '') return null;
  if (type === 'boolean') return /^(y|true)$/i.test(v);
  return Number(v.replace(',', '.'));
}

// ---------- JSON ----------

function parseJson(reportType: string, json: unknown): ParsedReport {
  if (reportType === 'GET_SALES_AND_TRAFFIC_REPORT' && isObject(json) && Array.isArray(json.salesAndTrafficByDate)) return salesAndTraffic(json);
  if (reportType === 'GET_V2_SELLER_PERFORMANCE_REPORT' && isObject(json) && Array.isArray(json.performanceMetrics)) {
    const perf = sellerPerformance(json);
    return {
      format: 'json',
      parser: reportType,
      tables: sellerPerformanceTables(perf),
      summary: {
        marketplaces: perf.map((m) => ({
          marketplaceId: m.marketplaceId,
          accountStatus: m.accountStatus ?? null,
          accountHealthRating: m.accountHealthRating ?? null,
          metricsAtRisk: m.metrics.filter((x) => x.atRisk).map((x) => x.metric),
        })),
      },
      performance: perf,
    };
  }
  return genericJson(json);
}

function salesAndTraffic(json: Record<string, unknown>): ParsedReport {
  const currencies = new Set<string>();
  const byDate = (json.salesAndTrafficByDate as unknown[]).map((entry): Record<string, Cell> => {
    const e = isObject(entry) ? entry : {};
    return { date: toText(e.date), ...flatten(e.salesByDate, '', {}, currencies), ...flatten(e.trafficByDate, '', {}, currencies) };
  });
  const byAsin = (Array.isArray(json.salesAndTrafficByAsin) ? json.salesAndTrafficByAsin : []).map((entry) => {
    const e = isObject(entry) ? entry : {};
    const ids: Record<string, Cell> = { parentAsin: toText(e.parentAsin) };
    if (e.childAsin !== undefined) ids.childAsin = toText(e.childAsin);
    if (e.sku !== undefined) ids.sku = toText(e.sku);
    return { ...ids, ...flatten(e.salesByAsin, '', {}, currencies), ...flatten(e.trafficByAsin, '', {}, currencies) };
  });
  const sum = (key: string): number => Math.round(byDate.reduce((s, r) => s + (typeof r[key] === 'number' ? (r[key] as number) : 0), 0) * 100) / 100;
  return {
    format: 'json',
    parser: 'GET_SALES_AND_TRAFFIC_REPORT',
    tables: { byDate: tableFromRecords(byDate), byAsin: tableFromRecords(byAsin) },
    summary: {
      ...(isObject(json.reportSpecification) ? { reportSpecification: cleanKeys(json.reportSpecification) } : {}),
      currency: [...currencies].join(', ') || null,
      totals: {
        orderedProductSales: sum('orderedProductSales'),
        unitsOrdered: sum('unitsOrdered'),
        totalOrderItems: sum('totalOrderItems'),
        sessions: sum('sessions'),
        pageViews: sum('pageViews'),
      },
      periods: byDate.length,
      asins: byAsin.length,
    },
  };
}

/** Arrays of objects become tables; small scalar fields go to the summary; anything else is paged as lines. */
function genericJson(json: unknown): ParsedReport {
  const tables: Record<string, Table> = {};
  const summary: Record<string, unknown> = {};
  if (Array.isArray(json)) {
    tables.rows = tableFromRecords(json.map((v) => flatten(v)));
  } else if (isObject(json)) {
    for (const [k, v] of Object.entries(json)) {
      const name = cleanName(k);
      if (Array.isArray(v) && v.length > 0 && v.every(isObject)) tables[name] = tableFromRecords(v.map((x) => flatten(x)));
      else if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) summary[name] = typeof v === 'string' ? v.slice(0, 500) : v;
      else if (JSON.stringify(v).length <= 2000) summary[name] = cleanKeys(v);
      else summary[name] = `(large ${Array.isArray(v) ? 'array' : 'object'}: see the "json" table or the saved file)`;
    }
  }
  if (Object.keys(tables).length === 0 || Object.values(summary).some((v) => typeof v === 'string' && v.startsWith('(large '))) {
    tables.json = linesTable(JSON.stringify(json, null, 1));
  }
  return { format: 'json', parser: 'generic-json', tables, summary };
}

function linesTable(text: string): Table {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { columns: [{ name: 'line', type: 'string' }], rows: lines.map((l) => [l]) };
}

function countLines(text: string): number {
  return text === '' ? 0 : text.replace(/\r?\n$/, '').split(/\r?\n/).length;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const toText = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

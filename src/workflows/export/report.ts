// The two export reports: a Submission Report (every value sent, which were generated, Amazon's result and
// issues per product) and an Attribute Mapping Report (source column → Amazon attribute, how often, mapped
// vs generated), each as CSV for the seller's spreadsheet app and JSON for tools.
import type { Batch, ExportProduct, Reject, StoredIssue, ValueOrigin } from '../../store/export-store.js';
import { toCsv } from './csv-write.js';

export interface ReportInput {
  batch: Batch;
  products: ExportProduct[];
  rejects: Reject[];
  generatedAt: string;
}

export interface MappingRow {
  productType: string;
  /** Empty when the value was generated without a source column. */
  sourceColumn: string;
  attribute: string;
  products: number;
  mapped: number;
  generated: number;
  accepted: number;
  failed: number;
  /** No product of this type got this attribute from a column: the seller's data lacks it. */
  generatedOnly: boolean;
  /** A few "source value → value sent" pairs, to check translations. */
  examples: string[];
}

export interface BuiltReport {
  csv: string;
  json: string;
  rows: number;
}

export interface ExportReports {
  submission: BuiltReport;
  mapping: BuiltReport;
  mappingRows: MappingRow[];
  unusedColumns: string[];
  values: { total: number; mapped: number; generated: number };
}

// Excel refuses longer cells; the JSON report keeps the full value.
const MAX_CELL = 32_000;
const NOISE_KEYS = new Set(['marketplace_id', 'language_tag']);
const FAILED_STATES = new Set(['failed', 'unresolvable', 'invalid']);

type Primitive = string | number | boolean;
const isPrimitive = (v: unknown): v is Primitive => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function withoutNoise(entry: unknown): unknown {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return entry;
  return Object.fromEntries(Object.entries(entry).filter(([k]) => !NOISE_KEYS.has(k)));
}

/** One attribute's entries as short text: "19.99 USD", "a | b" for several entries, else compact JSON. */
export function compactValue(entries: unknown): string {
  const list = (Array.isArray(entries) ? entries : [entries]).map(withoutNoise);
  const simple = list.every((e) => {
    if (!e || typeof e !== 'object') return false;
    const o = e as Record<string, unknown>;
    return isPrimitive(o.value) && Object.values(o).every(isPrimitive);
  });
  const text = simple
    ? list
        .map((e) => {
          const { value, ...rest } = e as Record<string, Primitive>;
          return [value, ...Object.values(rest)].join(' ');
        })
        .join(' | ')
    : JSON.stringify(list.length === 1 ? list[0] : list);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
}

export function issueText(i: StoredIssue): string {
  return `${i.severity} ${i.code}: ${i.message}${i.attributeNames?.length ? ` [${i.attributeNames.join(', ')}]` : ''}`;
}

/** Where each sent attribute came from; export_map's default origin is "generated". */
function originsOf(p: ExportProduct): Record<string, ValueOrigin> {
  const out: Record<string, ValueOrigin> = {};
  for (const attr of Object.keys(p.attributes ?? {})) {
    const o = p.origins?.[attr];
    out[attr] =
      o?.origin === 'mapped'
        ? { origin: 'mapped', ...(o.column ? { column: o.column } : {}) }
        : { origin: 'generated', ...(o?.column ? { column: o.column } : {}) };
  }
  return out;
}

const originText = (o: ValueOrigin) =>
  o.origin === 'mapped' ? `mapped: ${o.column ?? ''}`.trim() : o.column ? `generated (from ${o.column})` : 'generated';

function submissionReport(input: ReportInput): BuiltReport {
  const { batch, products, rejects } = input;
  const attrs = [...new Set(products.flatMap((p) => Object.keys(p.attributes ?? {})))].sort();
  const header = [
    'sku',
    'row',
    'name',
    'product_type',
    'parent_sku',
    'state',
    'attempts',
    'reason',
    'submission_path',
    'submission_status',
    'submission_id',
    'feed_id',
    'request_id',
    'submitted_at',
    'issues',
    'generated_attributes',
    ...attrs.flatMap((a) => [a, `${a} (origin)`]),
  ];
  type Line = { row: number; cells: unknown[] };
  const lines: Line[] = products.map((p) => {
    const origins = originsOf(p);
    const s = p.submission;
    return {
      row: p.rowIndex,
      cells: [
        p.sku,
        p.rowIndex,
        p.name,
        p.productType,
        p.parentSku,
        p.state,
        p.attempts,
        p.reason,
        s?.path,
        s?.status,
        s?.submissionId,
        s?.feedId,
        s?.requestId,
        s?.at,
        p.issues.map(issueText).join('\n'),
        Object.keys(origins)
          .filter((a) => origins[a]!.origin === 'generated')
          .sort()
          .join(', '),
        ...attrs.flatMap((a) => (p.attributes && a in p.attributes ? [compactValue(p.attributes[a]), originText(origins[a]!)] : ['', ''])),
      ],
    };
  });
  for (const r of rejects) {
    lines.push({
      row: r.rowIndex,
      cells: [
        r.sku,
        r.rowIndex,
        '',
        '',
        '',
        'rejected',
        0,
        'Failed the minimum data check at load',
        '',
        '',
        '',
        '',
        '',
        '',
        r.problems.join('\n'),
        '',
        ...attrs.flatMap(() => ['', '']),
      ],
    });
  }
  lines.sort((a, b) => a.row - b.row);

  const json = {
    report: 'submission',
    batchId: batch.id,
    marketplaceId: batch.marketplaceId,
    source: batch.source,
    generatedAt: input.generatedAt,
    products: products.map((p) => {
      const origins = originsOf(p);
      return {
        sku: p.sku,
        row: p.rowIndex,
        ...(p.name !== undefined ? { name: p.name } : {}),
        ...(p.productType ? { productType: p.productType } : {}),
        ...(p.parentSku ? { parentSku: p.parentSku } : {}),
        state: p.state,
        attempts: p.attempts,
        ...(p.reason ? { reason: p.reason } : {}),
        attributes: p.attributes ?? {},
        origins,
        generated: Object.keys(origins)
          .filter((a) => origins[a]!.origin === 'generated')
          .sort(),
        ...(p.submission ? { submission: p.submission } : {}),
        issues: p.issues,
      };
    }),
    rejected: rejects.map((r) => ({ row: r.rowIndex, ...(r.sku !== undefined ? { sku: r.sku } : {}), state: 'rejected', problems: r.problems })),
  };
  return {
    csv: toCsv(
      header,
      lines.map((l) => l.cells),
    ),
    json: `${JSON.stringify(json, null, 2)}\n`,
    rows: lines.length,
  };
}

export function mappingRows(products: ExportProduct[]): MappingRow[] {
  const rows = new Map<string, MappingRow>();
  const mappedAttrs = new Set<string>();
  for (const p of products) {
    if (!p.productType || !p.attributes) continue;
    for (const [attr, o] of Object.entries(originsOf(p))) {
      const column = o.column ?? '';
      const key = JSON.stringify([p.productType, attr, column]);
      let row = rows.get(key);
      if (!row) {
        row = {
          productType: p.productType,
          sourceColumn: column,
          attribute: attr,
          products: 0,
          mapped: 0,
          generated: 0,
          accepted: 0,
          failed: 0,
          generatedOnly: false,
          examples: [],
        };
        rows.set(key, row);
      }
      row.products += 1;
      row[o.origin] += 1;
      if (p.state === 'accepted') row.accepted += 1;
      if (FAILED_STATES.has(p.state)) row.failed += 1;
      if (o.origin === 'mapped') mappedAttrs.add(JSON.stringify([p.productType, attr]));
      if (o.origin === 'mapped' && column && row.examples.length < 3) {
        // A value built from several columns shows each of its sources.
        const from = o.columns?.map((c) => p.source[c] ?? '').join(' + ') ?? p.source[column] ?? '';
        const example = `${from} → ${compactValue(p.attributes[attr])}`.slice(0, 200);
        if (!row.examples.includes(example)) row.examples.push(example);
      }
    }
  }
  const out = [...rows.values()];
  for (const r of out) r.generatedOnly = !mappedAttrs.has(JSON.stringify([r.productType, r.attribute]));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => cmp(a.productType, b.productType) || cmp(a.attribute, b.attribute) || cmp(a.sourceColumn, b.sourceColumn));
}

function mappingReport(input: ReportInput, rows: MappingRow[], unusedColumns: string[]): BuiltReport {
  const header = [
    'product_type',
    'source_column',
    'amazon_attribute',
    'products',
    'mapped',
    'generated',
    'generated_only',
    'accepted',
    'failed',
    'examples',
  ];
  const cells = rows.map((r) => [
    r.productType,
    r.sourceColumn,
    r.attribute,
    r.products,
    r.mapped,
    r.generated,
    r.generatedOnly ? 'yes' : 'no',
    r.accepted,
    r.failed,
    r.examples.join('\n'),
  ]);
  const json = {
    report: 'attribute-mapping',
    batchId: input.batch.id,
    marketplaceId: input.batch.marketplaceId,
    generatedAt: input.generatedAt,
    mappings: rows,
    unusedColumns,
  };
  return { csv: toCsv(header, cells), json: `${JSON.stringify(json, null, 2)}\n`, rows: rows.length };
}

export function buildExportReports(input: ReportInput): ExportReports {
  const rows = mappingRows(input.products);
  const used = new Set(rows.filter((r) => r.mapped > 0).map((r) => r.sourceColumn));
  const unusedColumns = input.batch.columns.filter((c) => !used.has(c));
  const values = { total: 0, mapped: 0, generated: 0 };
  for (const p of input.products) {
    for (const o of Object.values(originsOf(p))) {
      values.total += 1;
      values[o.origin] += 1;
    }
  }
  return { submission: submissionReport(input), mapping: mappingReport(input, rows, unusedColumns), mappingRows: rows, unusedColumns, values };
}

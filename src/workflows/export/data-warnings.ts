// What is wrong with a seller's data before anything is sent, per product and by kind: identifiers destroyed by a
// spreadsheet or with a wrong check digit, prices that are missing, zero, ambiguous or written with a currency
// symbol or decimal comma, missing quantities, HTML descriptions, and rows that are not sellable products.
import { checkGtin } from '../../lib/gtin.js';
import { looksLikeHtml, parseDecimal } from './clean-values.js';

export type WarningKind =
  | 'identifier_damaged'
  | 'identifier_invalid'
  | 'price_missing'
  | 'price_zero'
  | 'price_ambiguous'
  | 'price_format'
  | 'quantity_missing'
  | 'html_cleaned'
  | 'not_sellable';

export const WARNING_TITLES: Record<WarningKind, string> = {
  identifier_damaged: 'barcode destroyed by a spreadsheet (digits lost; never guessed) — not sent until the seller gives the real one',
  identifier_invalid: 'barcode with a wrong check digit or length — not sent until the seller corrects it',
  price_missing: 'no price: the product would be listed but not buyable',
  price_zero: 'price is zero',
  price_ambiguous: 'price can be read two ways — confirm with the seller',
  price_format: 'price written with a currency symbol or another decimal separator (read as shown)',
  quantity_missing: 'no quantity: the offer would show as out of stock',
  html_cleaned: 'description is HTML; it is sent as clean text (paragraphs as lines, list items as bullets)',
  not_sellable: 'not a sellable product (gift card, draft, archived, sample…) — proposed for skipping',
};

export interface DataWarning {
  kind: WarningKind;
  message: string;
}

export interface ColumnRoles {
  price?: string | undefined;
  compareAtPrice?: string | undefined;
  quantity?: string | undefined;
  barcode?: string | undefined;
  description?: string | undefined;
  image?: string | undefined;
  brand?: string | undefined;
  weight?: { column: string; unit: string } | undefined;
  status?: string | undefined;
  giftCard?: string | undefined;
  wooType?: string | undefined;
}

export function productWarnings(
  p: { source: Record<string, string>; family?: { role: 'parent' | 'child' } | undefined },
  roles: ColumnRoles,
  decimal: '.' | ',',
): DataWarning[] {
  const out: DataWarning[] = [];
  const s = p.source;
  const parent = p.family?.role === 'parent';
  if (roles.barcode && s[roles.barcode] !== undefined && !parent) {
    const g = checkGtin(s[roles.barcode]!);
    if (!g.ok) out.push({ kind: g.damaged ? 'identifier_damaged' : 'identifier_invalid', message: `${roles.barcode}: ${g.problem}` });
  }
  if (roles.price && !parent) {
    const raw = s[roles.price];
    if (raw === undefined) out.push({ kind: 'price_missing', message: `"${roles.price}" is empty` });
    else {
      const n = parseDecimal(raw, decimal);
      if (n.problem) out.push({ kind: 'price_missing', message: `${roles.price}: ${n.problem}` });
      else if (n.value === 0) out.push({ kind: 'price_zero', message: `${roles.price} is ${raw}` });
      if (n.ambiguous) out.push({ kind: 'price_ambiguous', message: `${roles.price}: ${n.ambiguous}` });
      else if (n.note) out.push({ kind: 'price_format', message: `${roles.price} "${raw}": ${n.note} → ${n.value}` });
    }
  }
  if (roles.quantity && !parent && s[roles.quantity] === undefined) out.push({ kind: 'quantity_missing', message: `"${roles.quantity}" is empty` });
  if (roles.description && s[roles.description] !== undefined && looksLikeHtml(s[roles.description]!))
    out.push({ kind: 'html_cleaned', message: `"${roles.description}" holds HTML` });
  return out;
}

const truthy = (v: string | undefined) => /^(true|yes|1)$/i.test((v ?? '').trim());

/** Why a row is not a product to list on Amazon, or undefined. */
export function sellableProblem(source: Record<string, string>, roles: ColumnRoles): string | undefined {
  if (roles.giftCard && truthy(source[roles.giftCard])) return 'gift card (a store credit, not a product)';
  if (roles.wooType) {
    const t = (source[roles.wooType] ?? '').toLowerCase();
    if (/\b(external|grouped)\b/.test(t)) return `WooCommerce ${t} product (not sold by this shop itself)`;
    if (/\b(virtual|downloadable)\b/.test(t)) return `WooCommerce ${t} product (nothing to ship)`;
  }
  if (roles.status) {
    const st = (source[roles.status] ?? '').trim().toLowerCase();
    if (st === 'draft' || (roles.wooType && st === '-1')) return 'draft (not published in the shop)';
    if (st === 'archived') return 'archived in the shop';
    if (roles.wooType && st === '0') return 'private in the shop (not published)';
  }
  const name = `${source.Title ?? source.Name ?? ''} ${source.Type ?? ''}`;
  if (/\b(gift ?card|gutschein)\b/i.test(name)) return 'gift card (a store credit, not a product)';
  if (/\b(sample|muster|probe)\b/i.test(name)) return 'sample (not for sale)';
  return undefined;
}

/** Warnings of many products grouped by kind: one line per kind with the SKUs it concerns. */
export function groupWarnings(
  products: Array<{ sku: string; warnings: Array<{ kind: string; message: string }> }>,
  shownSkus = 25,
): Array<{ kind: string; title: string; count: number; skus: string[]; examples: string[] }> {
  const by = new Map<string, { kind: string; title: string; count: number; skus: string[]; examples: string[] }>();
  for (const p of products) {
    for (const w of p.warnings) {
      const g = by.get(w.kind) ?? { kind: w.kind, title: WARNING_TITLES[w.kind as WarningKind] ?? w.kind, count: 0, skus: [], examples: [] };
      g.count++;
      if (g.skus.length < shownSkus) g.skus.push(p.sku);
      if (g.examples.length < 3) g.examples.push(`${p.sku}: ${w.message}`);
      by.set(w.kind, g);
    }
  }
  return [...by.values()];
}

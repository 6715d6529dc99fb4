// Listing reports (GET_MERCHANT_LISTINGS_ALL_DATA, GET_FLAT_FILE_OPEN_LISTINGS_DATA) as TSV in the marketplace's
// legacy charset, as Amazon does: Cp1252 in western EU, Windows-31J (Shift_JIS) in JP, UTF-8 elsewhere (pitfalls §3.5).
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import type { StoredListing } from '../types.js';
import { findMarketplace } from '../../lib/marketplaces.js';
import type { ReportDocumentContent, ReportInput } from './report-content.js';

export function merchantListingsReport(input: ReportInput): ReportDocumentContent {
  return tsv(input.marketplaceIds[0]!, MERCHANT_LISTINGS_COLUMNS, padRows(merchantListingRows(input), input.rows, fillerListingRow));
}

export function openListingsReport(input: ReportInput): ReportDocumentContent {
  return tsv(input.marketplaceIds[0]!, ['sku', 'asin', 'price', 'quantity'], padRows(openListingRows(input), input.rows, fillerOpenRow));
}

// ---------- charsets ----------

const CP1252_COUNTRIES = new Set(['UK', 'DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'BE', 'IE']);

export function reportCharset(marketplaceId: string): { label: string; iconv: string } {
  const cc = findMarketplace(marketplaceId)?.countryCode ?? '';
  if (cc === 'JP') return { label: 'Windows-31J', iconv: 'cp932' };
  if (CP1252_COUNTRIES.has(cc)) return { label: 'Cp1252', iconv: 'cp1252' };
  return { label: 'UTF-8', iconv: 'utf8' };
}

function tsv(marketplaceId: string, columns: readonly string[], rows: string[][]): ReportDocumentContent {
  const clean = (v: string): string => v.replace(/[\t\r\n]+/g, ' ');
  const text = [columns.join('\t'), ...rows.map((r) => r.map(clean).join('\t'))].join('\n') + '\n';
  const cs = reportCharset(marketplaceId);
  // Characters the charset lacks become '?', which is what Amazon's own reports show (pitfalls §3.5).
  return { bytes: iconv.encode(text, cs.iconv), contentType: `text/plain;charset=${cs.label}`, gzip: false };
}

function padRows(rows: string[][], wanted: number | undefined, filler: (i: number) => string[]): string[][] {
  if (wanted === undefined) return rows;
  const out = rows.slice(0, wanted);
  for (let i = out.length; i < wanted; i++) out.push(filler(i + 1));
  return out;
}
// ---------- listings reports ----------

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

type Attr = Array<Record<string, unknown>>;

/** First value of an attribute for a marketplace (entries without marketplace_id apply everywhere). */
function attrEntry(attributes: Record<string, unknown>, name: string, marketplaceId?: string): Record<string, unknown> | undefined {
  const list = attributes[name];
  if (!Array.isArray(list)) return undefined;
  const entries = list.filter(isObject) as Attr;
  return (
    entries.find((e) => marketplaceId !== undefined && e['marketplace_id'] === marketplaceId) ??
    entries.find((e) => e['marketplace_id'] === undefined) ??
    entries[0]
  );
}

function attrValue(attributes: Record<string, unknown>, name: string, marketplaceId?: string): string | undefined {
  const v = attrEntry(attributes, name, marketplaceId)?.['value'];
  return v === undefined || v === null ? undefined : String(v);
}

/** Offer price (our_price, first schedule) for a marketplace, as a decimal string. */
function offerPrice(attributes: Record<string, unknown>, marketplaceId?: string): { amount: string; currency?: string } | undefined {
  const offer = attrEntry(attributes, 'purchasable_offer', marketplaceId);
  const ourPrice = Array.isArray(offer?.['our_price']) ? (offer['our_price'] as Attr)[0] : undefined;
  const schedule = Array.isArray(ourPrice?.['schedule']) ? (ourPrice['schedule'] as Attr)[0] : undefined;
  const value = schedule?.['value_with_tax'];
  if (value === undefined || value === null) return undefined;
  const currency = typeof offer?.['currency'] === 'string' ? offer['currency'] : undefined;
  return { amount: String(value), ...(currency ? { currency } : {}) };
}

const MERCHANT_LISTINGS_COLUMNS = [
  'item-name',
  'item-description',
  'listing-id',
  'seller-sku',
  'price',
  'quantity',
  'open-date',
  'image-url',
  'item-is-marketplace',
  'product-id-type',
  'zshop-shipping-fee',
  'item-note',
  'item-condition',
  'zshop-category1',
  'zshop-browse-path',
  'zshop-storefront-feature',
  'asin1',
  'asin2',
  'asin3',
  'will-ship-internationally',
  'expedited-shipping',
  'zshop-boldface',
  'product-id',
  'bid-for-featured-placement',
  'add-delete',
  'pending-quantity',
  'fulfillment-channel',
  'merchant-shipping-group',
  'status',
] as const;

// Amazon's numeric item-condition codes in listing reports.
const CONDITION_CODES: Record<string, string> = {
  used_like_new: '1',
  used_very_good: '2',
  used_good: '3',
  used_acceptable: '4',
  collectible_like_new: '5',
  collectible_very_good: '6',
  collectible_good: '7',
  collectible_acceptable: '8',
  refurbished_refurbished: '10',
  new_new: '11',
};
const PRODUCT_ID_TYPES: Record<string, string> = { asin: '1', isbn: '2', upc: '3', ean: '4' };

function listingsFor(input: ReportInput): StoredListing[] {
  return input.listings.filter((l) => l.marketplaceIds.some((m) => input.marketplaceIds.includes(m)));
}

/** Stable listing-id like Amazon's 11-character ids (e.g. 0514ZXQ8Y2X). */
function listingId(l: StoredListing): string {
  const d = new Date(l.createdDate);
  const mmdd = Number.isNaN(d.getTime()) ? '0101' : `${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;
  return mmdd + createHash('sha1').update(`${l.sellerId}/${l.sku}`).digest('hex').slice(0, 7).toUpperCase();
}

function fulfillment(l: StoredListing): { channel: string; quantity: string } {
  const fa = attrEntry(l.attributes, 'fulfillment_availability');
  const channel = typeof fa?.['fulfillment_channel_code'] === 'string' ? fa['fulfillment_channel_code'] : 'DEFAULT';
  // FBA quantities are not reported in the merchant's quantity column.
  const quantity = channel === 'DEFAULT' && typeof fa?.['quantity'] === 'number' ? String(fa['quantity']) : '';
  return { channel, quantity };
}

function listingStatus(l: StoredListing): string {
  if (l.status.includes('BUYABLE')) return 'Active';
  return l.issues.some((i) => i.severity === 'ERROR') ? 'Incomplete' : 'Inactive';
}

function merchantListingRows(input: ReportInput): string[][] {
  const mp = input.marketplaceIds[0]!;
  return listingsFor(input).map((l) => {
    const a = l.attributes;
    const ext = attrEntry(a, 'externally_assigned_product_identifier', mp);
    const extType = typeof ext?.['type'] === 'string' ? ext['type'].toLowerCase() : '';
    const productId = typeof ext?.['value'] === 'string' ? ext['value'] : (l.asin ?? '');
    const image = attrEntry(a, 'main_product_image_locator', mp)?.['media_location'];
    const f = fulfillment(l);
    const row: Record<(typeof MERCHANT_LISTINGS_COLUMNS)[number], string> = {
      'item-name': attrValue(a, 'item_name', mp) ?? '',
      'item-description': attrValue(a, 'product_description', mp) ?? '',
      'listing-id': listingId(l),
      'seller-sku': l.sku,
      price: offerPrice(a, mp)?.amount ?? '',
      quantity: f.quantity,
      'open-date': openDate(l.createdDate),
      'image-url': typeof image === 'string' ? image : '',
      'item-is-marketplace': 'y',
      'product-id-type': PRODUCT_ID_TYPES[ext ? extType : 'asin'] ?? '',
      'zshop-shipping-fee': '',
      'item-note': attrValue(a, 'condition_note', mp) ?? '',
      'item-condition': CONDITION_CODES[attrValue(a, 'condition_type', mp) ?? 'new_new'] ?? '11',
      'zshop-category1': '',
      'zshop-browse-path': '',
      'zshop-storefront-feature': '',
      asin1: l.asin ?? '',
      asin2: '',
      asin3: '',
      'will-ship-internationally': '',
      'expedited-shipping': '',
      'zshop-boldface': '',
      'product-id': productId,
      'bid-for-featured-placement': '',
      'add-delete': '',
      'pending-quantity': f.channel === 'DEFAULT' ? '0' : '',
      'fulfillment-channel': f.channel,
      'merchant-shipping-group': f.channel === 'DEFAULT' ? 'Migrated Template' : '',
      status: listingStatus(l),
    };
    return MERCHANT_LISTINGS_COLUMNS.map((c) => row[c]);
  });
}

function fillerListingRow(i: number): string[] {
  const sku = `EMU-ROW-${String(i).padStart(6, '0')}`;
  const asin = `B0EMU${String(i).padStart(5, '0')}`;
  const row: Partial<Record<(typeof MERCHANT_LISTINGS_COLUMNS)[number], string>> = {
    'item-name': `Emulator filler item ${i}`,
    'listing-id': `0101EMU${String(i).padStart(4, '0')}`,
    'seller-sku': sku,
    price: (5 + (i % 50)).toFixed(2),
    quantity: String(i % 100),
    'open-date': '2024-01-01 00:00:00 UTC',
    'item-is-marketplace': 'y',
    'product-id-type': '1',
    'item-condition': '11',
    asin1: asin,
    'product-id': asin,
    'pending-quantity': '0',
    'fulfillment-channel': 'DEFAULT',
    'merchant-shipping-group': 'Migrated Template',
    status: 'Active',
  };
  return MERCHANT_LISTINGS_COLUMNS.map((c) => row[c] ?? '');
}

function openListingRows(input: ReportInput): string[][] {
  const mp = input.marketplaceIds[0]!;
  return listingsFor(input).map((l) => [l.sku, l.asin ?? '', offerPrice(l.attributes, mp)?.amount ?? '', fulfillment(l).quantity]);
}

function fillerOpenRow(i: number): string[] {
  return [`EMU-ROW-${String(i).padStart(6, '0')}`, `B0EMU${String(i).padStart(5, '0')}`, (5 + (i % 50)).toFixed(2), String(i % 100)];
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "2024-05-01 12:00:00 UTC" — Amazon prints the marketplace's local zone; the emulator always uses UTC. */
function openDate(isoDate: string): string {
  const d = new Date(isoDate);
  return Number.isNaN(d.getTime()) ? '' : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

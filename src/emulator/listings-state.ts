// Listings state shared by the Listings Items API and JSON_LISTINGS_FEED: validation against the product type
// schema, patch semantics, listing status and the issues Amazon raises after accepting a submission.
import { createHash, randomUUID } from 'node:crypto';
import { getValidator } from '../validation/index.js';
import { identifierProblem } from '../lib/gtin.js';
import { PRODUCT_TYPES, productTypeSchema, productTypeSchemaKey } from './seed/product-types/index.js';
import { CATALOG_ITEMS } from './seed/catalog.js';
import type { Clock, ListingIssue, ListingSubmissionResult, ListingsService, StoredListing } from './types.js';

const PATCH_OPS = ['add', 'replace', 'merge', 'delete'];
/** Used when a product type schema declares no `selectors` for an attribute. */
const DEFAULT_SELECTORS = ['marketplace_id', 'language_tag'];
/** Attributes that make up an offer (LISTING_OFFER_ONLY submissions are not checked for the others). */
const OFFER_ATTRIBUTES = new Set(['condition_type', 'purchasable_offer', 'fulfillment_availability', 'list_price', 'merchant_suggested_asin']);

export type Attributes = Record<string, unknown>;
type Instance = Record<string, unknown>;
export type Patch = { op: string; path: string; value?: unknown[] };

// ---------- attribute helpers ----------

export function instances(attrs: Attributes, name: string): Instance[] {
  const v = attrs[name];
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Instance[]) : [];
}

/** The instance for a marketplace (or one without marketplace_id). */
export function forMarketplace(attrs: Attributes, name: string, marketplaceId: string): Instance | undefined {
  const all = instances(attrs, name);
  return all.find((i) => i['marketplace_id'] === marketplaceId) ?? all.find((i) => i['marketplace_id'] === undefined);
}

export function priceOf(attrs: Attributes, marketplaceId: string): { currency: string; amount: number } | undefined {
  const offer = forMarketplace(attrs, 'purchasable_offer', marketplaceId);
  const ourPrice = Array.isArray(offer?.['our_price']) ? (offer['our_price'] as Instance[])[0] : undefined;
  const schedule = Array.isArray(ourPrice?.['schedule']) ? (ourPrice['schedule'] as Instance[])[0] : undefined;
  const amount = Number(schedule?.['value_with_tax']);
  if (!offer || !Number.isFinite(amount)) return undefined;
  return { currency: String(offer['currency'] ?? 'USD'), amount };
}

function quantityOf(attrs: Attributes): number {
  return instances(attrs, 'fulfillment_availability').reduce((sum, i) => {
    // AFN stock is Amazon's to count; treat an AFN channel as available.
    if (String(i['fulfillment_channel_code'] ?? '').startsWith('AMAZON')) return sum + 1;
    const q = Number(i['quantity']);
    return sum + (Number.isFinite(q) ? q : 0);
  }, 0);
}

function selectorsFor(productType: string, attribute: string): string[] {
  const schema = PRODUCT_TYPES[productType]?.schema as { properties?: Record<string, { selectors?: unknown }> } | undefined;
  const s = schema?.properties?.[attribute]?.selectors;
  return Array.isArray(s) && s.length ? (s as string[]) : DEFAULT_SELECTORS;
}

// ---------- rules ----------

/** Amazon's grace period for a qualification issue before its enforcement applies (emulator choice). */
const QUALIFICATION_GRACE_MS = 30 * 86_400_000;

/**
 * Issues Amazon raises after accepting a submission (shown by getListingsItem, never by put/patch). Emulator rules:
 * - no main_product_image_locator → ERROR 18027 MISSING_IMAGE, search-suppressed (drops DISCOVERABLE);
 * - an offer price ≤ 0 → ERROR 90244 INVALID_PRICE, listing-suppressed (drops BUYABLE);
 * - a cutting board → WARNING 4000020 QUALIFICATION_REQUIRED (food-contact compliance), exempt for 30 days, so
 *   the listing stays buyable: the one issue whose enforcement carries an exemption with an expiry date.
 */
function lateIssues(l: StoredListing, now: number): ListingIssue[] {
  const issues: ListingIssue[] = [];
  if (l.requirements !== 'LISTING_OFFER_ONLY' && instances(l.attributes, 'main_product_image_locator').length === 0) {
    issues.push({
      code: '18027',
      message: 'The listing is missing a main image. Add a main image (main_product_image_locator) to make it discoverable.',
      severity: 'ERROR',
      categories: ['MISSING_IMAGE'],
      attributeNames: ['main_product_image_locator'],
      enforcements: { actions: [{ action: 'SEARCH_SUPPRESSED' }], exemption: { status: 'NOT_EXEMPT' } },
      marketplaceIds: [...l.marketplaceIds],
    });
  }
  for (const mp of l.marketplaceIds) {
    const price = priceOf(l.attributes, mp);
    if (price && price.amount <= 0) {
      issues.push({
        code: '90244',
        message: `The price ${price.amount} ${price.currency} is not valid. Provide a price greater than 0.`,
        severity: 'ERROR',
        categories: ['INVALID_PRICE'],
        attributeNames: ['purchasable_offer'],
        enforcements: { actions: [{ action: 'LISTING_SUPPRESSED' }], exemption: { status: 'NOT_EXEMPT' } },
        marketplaceIds: [mp],
      });
      break;
    }
  }
  if (instances(l.attributes, 'item_type_keyword').some((i) => i['value'] === 'cutting-boards')) {
    const expiry = new Date(now + QUALIFICATION_GRACE_MS).toISOString();
    issues.push({
      code: '4000020',
      message: `Food-contact compliance documents are required for this product. Provide them in Seller Central before ${expiry.slice(0, 10)} or the listing will be suppressed.`,
      severity: 'WARNING',
      categories: ['QUALIFICATION_REQUIRED'],
      enforcements: { actions: [{ action: 'LISTING_SUPPRESSED' }], exemption: { status: 'EXEMPT_UNTIL_EXPIRY_DATE', expiryDate: expiry } },
      marketplaceIds: [...l.marketplaceIds],
    });
  }
  return issues;
}

function computeStatus(l: StoredListing): string[] {
  const errors = l.issues.filter((i) => i.severity === 'ERROR');
  const suppressed = errors.some((i) => i.categories.includes('MISSING_IMAGE') || i.categories.includes('INVALID_IMAGE'));
  const priceBlocked = errors.some((i) => i.categories.includes('INVALID_PRICE') || i.categories.includes('MISSING_PRICE'));
  const price = l.marketplaceIds.map((mp) => priceOf(l.attributes, mp)).find((p) => p !== undefined);
  const buyable = !priceBlocked && price !== undefined && price.amount > 0 && quantityOf(l.attributes) > 0;
  const status: string[] = [];
  if (buyable) status.push('BUYABLE');
  if (!suppressed) status.push('DISCOVERABLE');
  return status;
}

/** Checks a patch list's shape; returns a message for the first problem. */
export function patchShapeError(patches: unknown): string | undefined {
  if (!Array.isArray(patches) || patches.length === 0) return "'patches' must be a non-empty array.";
  for (const [i, p] of patches.entries()) {
    if (!p || typeof p !== 'object') return `patches[${i}] must be an object.`;
    const { op, path, value } = p as Patch;
    if (!PATCH_OPS.includes(op)) return `patches[${i}].op must be one of ${PATCH_OPS.join(', ')}.`;
    if (typeof path !== 'string' || !/^\/attributes\/[^/]+$/.test(path)) {
      return `patches[${i}].path must point to a top-level attribute (/attributes/<name>); nested paths are not supported.`;
    }
    if (value !== undefined && !Array.isArray(value)) return `patches[${i}].value must be an array.`;
    if (op !== 'delete' && (!Array.isArray(value) || value.length === 0)) return `patches[${i}].value is required for ${op}.`;
  }
  return undefined;
}

const ID_ATTRIBUTE = 'externally_assigned_product_identifier';

/** Amazon's 8106 for a product identifier of the wrong length or check digit for its type. */
export function identifierIssues(attributes: Attributes): ListingIssue[] {
  const entries = attributes[ID_ATTRIBUTE];
  if (!Array.isArray(entries)) return [];
  const out: ListingIssue[] = [];
  for (const e of entries as Array<Record<string, unknown>>) {
    const type = typeof e?.type === 'string' ? e.type.toLowerCase() : undefined;
    const value = typeof e?.value === 'string' ? e.value : undefined;
    if (!type || value === undefined) continue;
    const why = identifierProblem(type, value);
    if (!why) continue;
    out.push(
      issue(
        '8106',
        `Invalid StandardProductID value. The value '${value}' for 'External Product ID' does not meet the requirements for the type '${type.toUpperCase()}' (${why}). Check the number of digits and the check digit.`,
        ['INVALID_ATTRIBUTE'],
        [ID_ATTRIBUTE],
      ),
    );
  }
  return out;
}

function issue(code: string, message: string, categories: string[], attributeNames?: string[]): ListingIssue {
  return { code, message, severity: 'ERROR', categories, ...(attributeNames ? { attributeNames } : {}) };
}

/** Applies patches to a copy of `attrs`, or returns the issue that stops them (missing selector values). */
function applyPatches(attrs: Attributes, patches: Patch[], productType: string): { attributes: Attributes } | { issue: ListingIssue } {
  const out: Attributes = structuredClone(attrs);
  for (const p of patches) {
    const name = decodePointer(p.path.slice('/attributes/'.length));
    const value = (p.value ?? []) as Instance[];
    if (p.op === 'add' || p.op === 'replace') {
      out[name] = structuredClone(value);
      continue;
    }
    const selectors = selectorsFor(productType, name);
    if (p.op === 'delete') {
      if (value.length === 0) {
        return {
          issue: issue(
            '4000001',
            `Attribute '${name}' cannot be deleted by name alone: give selector values (${selectors.join(', ')}).`,
            ['INVALID_ATTRIBUTE'],
            [name],
          ),
        };
      }
      let current = instances(out, name);
      for (const v of value) {
        const keys = selectors.filter((s) => v?.[s] !== undefined);
        if (keys.length === 0) {
          return {
            issue: issue(
              '4000001',
              `Delete of '${name}' needs selector values (${selectors.join(', ')}) to identify instances.`,
              ['INVALID_ATTRIBUTE'],
              [name],
            ),
          };
        }
        current = current.filter((inst) => !keys.every((k) => inst[k] === v[k]));
      }
      if (current.length) out[name] = current;
      else delete out[name];
      continue;
    }
    // merge: each value must carry non-empty selector values; fields not given stay as they are.
    const current = instances(out, name).map((i) => ({ ...i }));
    for (const v of value) {
      const keys = selectors.filter((s) => v?.[s] !== undefined);
      if (keys.length === 0 || keys.some((k) => v[k] === '' || v[k] === null)) {
        return {
          issue: issue('4000002', `Merge of '${name}' needs non-empty selector values (${selectors.join(', ')}).`, ['INVALID_ATTRIBUTE'], [name]),
        };
      }
      const target = current.find((inst) => keys.every((k) => inst[k] === v[k]));
      if (target) Object.assign(target, structuredClone(v));
      else current.push(structuredClone(v));
    }
    out[name] = current;
  }
  return { attributes: out };
}

function decodePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function asinFor(sellerId: string, sku: string, attrs: Attributes, previous?: string): string {
  const suggested = instances(attrs, 'merchant_suggested_asin')[0]?.['value'];
  if (typeof suggested === 'string' && /^[A-Z0-9]{10}$/.test(suggested)) return suggested;
  for (const id of instances(attrs, 'externally_assigned_product_identifier')) {
    const hit = CATALOG_ITEMS.find((c) => c.identifiers.some((x) => x.identifier === String(id['value'] ?? '')));
    if (hit) return hit.asin;
  }
  if (previous) return previous;
  // A new product gets a stable made-up ASIN.
  const digest = createHash('sha256').update(`${sellerId}\n${sku}`).digest();
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return 'B0' + Array.from(digest.subarray(0, 8), (b) => alphabet[b % 36]).join('');
}

// ---------- service ----------

export class EmulatorListings implements ListingsService {
  private readonly bySeller = new Map<string, Map<string, StoredListing>>();
  /** When late issues become visible, per `${sellerId}\n${sku}`. */
  private readonly lateAt = new Map<string, number>();
  /** Accepted (non-preview) writes per `${sellerId}\n${sku}`: lets tests prove nothing was submitted twice. */
  private readonly accepted = new Map<string, number>();

  /** Accepted writes per SKU for one seller. */
  writeCounts(sellerId: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, n] of this.accepted) {
      const [seller, sku] = key.split('\n');
      if (seller === sellerId && sku !== undefined) out[sku] = n;
    }
    return out;
  }

  constructor(
    private readonly clock: Clock,
    private readonly lateIssueMs: () => number,
  ) {}

  get(sellerId: string, sku: string): StoredListing | undefined {
    const l = this.bySeller.get(sellerId)?.get(sku);
    if (l) this.settle(l);
    return l;
  }

  all(sellerId: string): StoredListing[] {
    const ls = [...(this.bySeller.get(sellerId)?.values() ?? [])];
    ls.forEach((l) => this.settle(l));
    return ls;
  }

  put(
    sellerId: string,
    sku: string,
    input: { productType: string; requirements?: string; attributes: Attributes; marketplaceIds: string[] },
    opts: { preview?: boolean } = {},
  ): ListingSubmissionResult {
    const requirements = input.requirements ?? 'LISTING';
    const issues = this.validate(input.productType, input.attributes, requirements, input.marketplaceIds[0] ?? '');
    const existing = this.get(sellerId, sku);
    return this.submit(sellerId, sku, issues, opts.preview, () => ({
      sellerId,
      sku,
      productType: input.productType,
      requirements,
      marketplaceIds: [...new Set([...(existing?.marketplaceIds ?? []), ...input.marketplaceIds])],
      attributes: structuredClone(input.attributes),
      asin: asinFor(sellerId, sku, input.attributes, existing?.asin),
      status: [],
      issues: [],
      createdDate: existing?.createdDate ?? this.isoNow(),
      lastUpdatedDate: this.isoNow(),
    }));
  }

  patch(
    sellerId: string,
    sku: string,
    input: { productType: string; patches: Patch[]; marketplaceIds: string[] },
    opts: { preview?: boolean } = {},
  ): ListingSubmissionResult {
    const shape = patchShapeError(input.patches);
    if (shape) return this.result(sku, 'INVALID', [issue('4000003', shape, ['INVALID_ATTRIBUTE'])]);
    const existing = this.get(sellerId, sku);
    if (!existing) {
      return this.result(sku, 'INVALID', [
        issue('4000004', `SKU '${sku}' does not exist for this seller; create it with putListingsItem first.`, ['INVALID_ATTRIBUTE']),
      ]);
    }
    const patched = applyPatches(existing.attributes, input.patches, input.productType);
    if ('issue' in patched) return this.result(sku, 'INVALID', [patched.issue]);
    const { attributes } = patched;
    const issues = this.validate(input.productType, attributes, existing.requirements ?? 'LISTING', input.marketplaceIds[0] ?? '');
    return this.submit(sellerId, sku, issues, opts.preview, () => ({
      ...existing,
      productType: input.productType,
      marketplaceIds: [...new Set([...existing.marketplaceIds, ...input.marketplaceIds])],
      attributes,
      asin: asinFor(sellerId, sku, attributes, existing.asin),
      lastUpdatedDate: this.isoNow(),
    }));
  }

  /** Amazon accepts a delete of any SKU (its model has no 404 for delete); deleting nothing is a no-op. */
  delete(sellerId: string, sku: string, _marketplaceIds: string[]): ListingSubmissionResult {
    this.bySeller.get(sellerId)?.delete(sku);
    this.lateAt.delete(`${sellerId}\n${sku}`);
    return this.result(sku, 'ACCEPTED', []);
  }

  /**
   * Stores a listing as already processed (late issues applied at once), even when the schema finds errors:
   * seed data must never stop the emulator from starting. Returns the schema issues found.
   */
  seed(
    sellerId: string,
    sku: string,
    input: { productType: string; attributes: Attributes; marketplaceIds: string[] },
    createdDate: string,
  ): ListingIssue[] {
    const issues = this.validate(input.productType, input.attributes, 'LISTING', input.marketplaceIds[0] ?? '');
    const l: StoredListing = {
      sellerId,
      sku,
      productType: input.productType,
      requirements: 'LISTING',
      marketplaceIds: [...input.marketplaceIds],
      attributes: structuredClone(input.attributes),
      asin: asinFor(sellerId, sku, input.attributes),
      status: [],
      issues,
      createdDate,
      lastUpdatedDate: createdDate,
    };
    let seller = this.bySeller.get(sellerId);
    if (!seller) this.bySeller.set(sellerId, (seller = new Map()));
    seller.set(sku, l);
    this.lateAt.set(`${sellerId}\n${sku}`, 0);
    this.settle(l);
    return issues;
  }

  /** Validates against the product type's schema for the submission's (first) marketplace. */
  private validate(productType: string, attributes: Attributes, requirements: string, marketplaceId: string): ListingIssue[] {
    const schema = productTypeSchema(productType, marketplaceId);
    if (!schema) {
      return [issue('4000000', `The product type '${productType}' is not supported in marketplace ${marketplaceId}.`, ['INVALID_ATTRIBUTE'])];
    }
    const found = [...getValidator(schema, productTypeSchemaKey(productType, marketplaceId))(attributes), ...identifierIssues(attributes)];
    return found
      .filter(
        (i) =>
          requirements !== 'LISTING_OFFER_ONLY' ||
          !i.categories.includes('MISSING_ATTRIBUTE') ||
          (i.attributeNames ?? []).some((a) => OFFER_ATTRIBUTES.has(a)),
      )
      .map((i) => ({ ...i }));
  }

  private submit(
    sellerId: string,
    sku: string,
    issues: ListingIssue[],
    preview: boolean | undefined,
    build: () => StoredListing,
  ): ListingSubmissionResult {
    if (issues.some((i) => i.severity === 'ERROR')) return this.result(sku, 'INVALID', issues);
    if (preview) return this.result(sku, 'VALID', issues);
    const l = build();
    l.issues = issues;
    l.status = computeStatus(l);
    let seller = this.bySeller.get(sellerId);
    if (!seller) this.bySeller.set(sellerId, (seller = new Map()));
    seller.set(sku, l);
    this.lateAt.set(`${sellerId}\n${sku}`, this.clock.now() + this.lateIssueMs());
    this.accepted.set(`${sellerId}\n${sku}`, (this.accepted.get(`${sellerId}\n${sku}`) ?? 0) + 1);
    return this.result(sku, 'ACCEPTED', issues);
  }

  private settle(l: StoredListing): void {
    const key = `${l.sellerId}\n${l.sku}`;
    const at = this.lateAt.get(key);
    if (at === undefined || this.clock.now() < at) return;
    this.lateAt.delete(key);
    l.issues = [...l.issues, ...lateIssues(l, this.clock.now())];
    l.status = computeStatus(l);
  }

  private result(sku: string, status: ListingSubmissionResult['status'], issues: ListingIssue[]): ListingSubmissionResult {
    return { sku, status, submissionId: randomUUID(), issues };
  }

  private isoNow(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

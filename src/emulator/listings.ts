// Listings Items API 2021-08-01: the listings state (ListingsService) and its HTTP handlers.
import { createHash, randomUUID } from 'node:crypto';
import { getValidator } from '../validation/index.js';
import { PRODUCT_TYPES, productTypeSchema, productTypeSchemaKey } from './seed/product-types/index.js';
import { CATALOG_ITEMS } from './seed/catalog.js';
import {
  EmuError,
  csv,
  decodePageToken,
  fingerprintOf,
  includedDataParam,
  jsonBody,
  marketplaceIdsParam,
  pageSizeParam,
  paginate,
} from './http.js';
import type {
  Clock,
  EmulatorContext,
  EmuRequest,
  HandlerTable,
  ListingIssue,
  ListingSubmissionResult,
  ListingsService,
  StoredListing,
} from './types.js';

const BAD = 'BAD_REQUEST';
const MAX_SKU_LENGTH = 40;
const REQUIREMENTS = ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'];
const PATCH_OPS = ['add', 'replace', 'merge', 'delete'];
const ITEM_DATA = ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes'];
const SUBMISSION_DATA = ['identifiers', 'issues'];
/** Used when a product type schema declares no `selectors` for an attribute. */
const DEFAULT_SELECTORS = ['marketplace_id', 'language_tag'];
/** Attributes that make up an offer (LISTING_OFFER_ONLY submissions are not checked for the others). */
const OFFER_ATTRIBUTES = new Set(['condition_type', 'purchasable_offer', 'fulfillment_availability', 'list_price', 'merchant_suggested_asin']);

type Attributes = Record<string, unknown>;
type Instance = Record<string, unknown>;
type Patch = { op: string; path: string; value?: unknown[] };

// ---------- attribute helpers ----------

function instances(attrs: Attributes, name: string): Instance[] {
  const v = attrs[name];
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Instance[]) : [];
}

/** The instance for a marketplace (or one without marketplace_id). */
function forMarketplace(attrs: Attributes, name: string, marketplaceId: string): Instance | undefined {
  const all = instances(attrs, name);
  return all.find((i) => i['marketplace_id'] === marketplaceId) ?? all.find((i) => i['marketplace_id'] === undefined);
}

function priceOf(attrs: Attributes, marketplaceId: string): { currency: string; amount: number } | undefined {
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

/**
 * Issues Amazon raises after accepting a submission (shown by getListingsItem, never by put/patch). Emulator rules:
 * - no main_product_image_locator → ERROR 18027 MISSING_IMAGE, search-suppressed (drops DISCOVERABLE);
 * - an offer price ≤ 0 → ERROR 90244 INVALID_PRICE (drops BUYABLE).
 */
function lateIssues(l: StoredListing): ListingIssue[] {
  const issues: ListingIssue[] = [];
  if (l.requirements !== 'LISTING_OFFER_ONLY' && instances(l.attributes, 'main_product_image_locator').length === 0) {
    issues.push({
      code: '18027',
      message: 'The listing is missing a main image. Add a main image (main_product_image_locator) to make it discoverable.',
      severity: 'ERROR',
      categories: ['MISSING_IMAGE'],
      attributeNames: ['main_product_image_locator'],
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
      });
      break;
    }
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
        return { issue: issue('4000001', `Attribute '${name}' cannot be deleted by name alone: give selector values (${selectors.join(', ')}).`, ['INVALID_ATTRIBUTE'], [name]) };
      }
      let current = instances(out, name);
      for (const v of value) {
        const keys = selectors.filter((s) => v?.[s] !== undefined);
        if (keys.length === 0) {
          return { issue: issue('4000001', `Delete of '${name}' needs selector values (${selectors.join(', ')}) to identify instances.`, ['INVALID_ATTRIBUTE'], [name]) };
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
        return { issue: issue('4000002', `Merge of '${name}' needs non-empty selector values (${selectors.join(', ')}).`, ['INVALID_ATTRIBUTE'], [name]) };
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

function asinFor(sellerId: string, sku: string, attrs: Attributes, previous?: string): string {
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
  seed(sellerId: string, sku: string, input: { productType: string; attributes: Attributes; marketplaceIds: string[] }, createdDate: string): ListingIssue[] {
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
    const found = getValidator(schema, productTypeSchemaKey(productType, marketplaceId))(attributes);
    return found
      .filter(
        (i) =>
          requirements !== 'LISTING_OFFER_ONLY' ||
          !i.categories.includes('MISSING_ATTRIBUTE') ||
          i.attributeNames.some((a) => OFFER_ATTRIBUTES.has(a)),
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
    return this.result(sku, 'ACCEPTED', issues);
  }

  private settle(l: StoredListing): void {
    const key = `${l.sellerId}\n${l.sku}`;
    const at = this.lateAt.get(key);
    if (at === undefined || this.clock.now() < at) return;
    this.lateAt.delete(key);
    l.issues = [...l.issues, ...lateIssues(l)];
    l.status = computeStatus(l);
  }

  private result(sku: string, status: ListingSubmissionResult['status'], issues: ListingIssue[]): ListingSubmissionResult {
    return { sku, status, submissionId: randomUUID(), issues };
  }

  private isoNow(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

// ---------- rendering ----------

/** An Item in Amazon's shape with the requested datasets. Exported for the feeds processing report. */
export function renderItem(l: StoredListing, marketplaceIds: string[], included: Set<string>): Record<string, unknown> {
  const mps = marketplaceIds.filter((m) => l.marketplaceIds.includes(m));
  const item: Record<string, unknown> = { sku: l.sku };
  if (included.has('summaries')) {
    item['summaries'] = mps.map((mp) => {
      const condition = forMarketplace(l.attributes, 'condition_type', mp)?.['value'];
      const name = forMarketplace(l.attributes, 'item_name', mp)?.['value'];
      const image = forMarketplace(l.attributes, 'main_product_image_locator', mp)?.['media_location'];
      return {
        marketplaceId: mp,
        ...(l.asin ? { asin: l.asin } : {}),
        productType: l.productType,
        ...(typeof condition === 'string' ? { conditionType: condition } : {}),
        status: l.status,
        ...(typeof name === 'string' ? { itemName: name } : {}),
        createdDate: l.createdDate,
        lastUpdatedDate: l.lastUpdatedDate,
        ...(typeof image === 'string' ? { mainImage: { link: image, height: 500, width: 500 } } : {}),
      };
    });
  }
  if (included.has('attributes')) item['attributes'] = structuredClone(l.attributes);
  if (included.has('issues')) item['issues'] = l.issues.map((i) => ({ ...i }));
  if (included.has('offers')) {
    item['offers'] = mps.flatMap((mp) => {
      const price = priceOf(l.attributes, mp);
      if (!price) return [];
      return [
        {
          marketplaceId: mp,
          offerType: 'B2C',
          price: { currencyCode: price.currency, amount: String(price.amount) },
          audience: { value: 'ALL', displayName: 'Sell on Amazon' },
        },
      ];
    });
  }
  if (included.has('fulfillmentAvailability')) {
    item['fulfillmentAvailability'] = instances(l.attributes, 'fulfillment_availability').map((i) => {
      const q = Number(i['quantity']);
      return {
        fulfillmentChannelCode: String(i['fulfillment_channel_code'] ?? 'DEFAULT'),
        ...(Number.isInteger(q) && q >= 0 ? { quantity: q } : {}),
      };
    });
  }
  if (included.has('procurement')) item['procurement'] = [];
  if (included.has('relationships')) item['relationships'] = mps.map((mp) => ({ marketplaceId: mp, relationships: [] }));
  if (included.has('productTypes')) item['productTypes'] = mps.map((mp) => ({ marketplaceId: mp, productType: l.productType }));
  return item;
}

// ---------- handlers ----------

function skuParam(req: EmuRequest): string {
  const sku = req.params['sku'] ?? '';
  if ([...sku].length > MAX_SKU_LENGTH) throw new EmuError(400, BAD, `SKU must be at most ${MAX_SKU_LENGTH} characters.`);
  return sku;
}

function marketplaces(ctx: EmulatorContext, req: EmuRequest, max?: number): string[] {
  const ids = marketplaceIdsParam(req.query, BAD, max);
  const seller = ctx.sellers.find((s) => s.sellerId === req.params['sellerId']);
  for (const id of ids) {
    if (!seller?.marketplaceIds.includes(id)) {
      throw new EmuError(400, BAD, `The seller ${req.params['sellerId']} is not participating in marketplace ${id}.`);
    }
  }
  return ids;
}

function modeParam(req: EmuRequest): boolean {
  const mode = req.query.get('mode');
  if (mode !== null && mode !== 'VALIDATION_PREVIEW') throw new EmuError(400, BAD, `Invalid 'mode' provided: ${mode}.`);
  return mode === 'VALIDATION_PREVIEW';
}

function submissionReply(r: ListingSubmissionResult, included: Set<string>, asin: string | undefined, mps: string[]) {
  return {
    status: 200,
    body: {
      sku: r.sku,
      status: r.status,
      submissionId: r.submissionId,
      ...(included.has('issues') ? { issues: r.issues } : {}),
      ...(included.has('identifiers') && asin && r.status !== 'INVALID'
        ? { identifiers: mps.map((marketplaceId) => ({ marketplaceId, asin })) }
        : {}),
    },
  };
}

function requireObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new EmuError(400, BAD, 'Request body must be a JSON object.');
  return body as Record<string, unknown>;
}

export function createListingsHandlers(ctx: EmulatorContext): HandlerTable {
  const svc = ctx.listings;
  return {
    getListingsItem(req) {
      const sku = skuParam(req);
      const mps = marketplaces(ctx, req);
      const included = includedDataParam(req.query, ITEM_DATA, ['summaries'], BAD);
      const l = svc.get(req.params['sellerId']!, sku);
      if (!l || !mps.some((m) => l.marketplaceIds.includes(m))) {
        throw new EmuError(404, 'NOT_FOUND', `SKU '${sku}' not found in marketplace ${mps[0]}`);
      }
      return { status: 200, body: renderItem(l, mps, included) };
    },

    putListingsItem(req) {
      const sku = skuParam(req);
      const mps = marketplaces(ctx, req, 1);
      const included = includedDataParam(req.query, SUBMISSION_DATA, ['issues'], BAD);
      const preview = modeParam(req);
      const body = requireObject(jsonBody(req.body, BAD));
      if (typeof body['productType'] !== 'string' || body['productType'] === '') throw new EmuError(400, BAD, "'productType' is required.");
      if (!body['attributes'] || typeof body['attributes'] !== 'object' || Array.isArray(body['attributes'])) {
        throw new EmuError(400, BAD, "'attributes' is required and must be an object.");
      }
      if (body['requirements'] !== undefined && !REQUIREMENTS.includes(body['requirements'] as string)) {
        throw new EmuError(400, BAD, `'requirements' must be one of ${REQUIREMENTS.join(', ')}.`);
      }
      const r = svc.put(
        req.params['sellerId']!,
        sku,
        {
          productType: body['productType'],
          ...(body['requirements'] !== undefined ? { requirements: body['requirements'] as string } : {}),
          attributes: body['attributes'] as Attributes,
          marketplaceIds: mps,
        },
        { preview },
      );
      const asin = preview ? asinFor(req.params['sellerId']!, sku, body['attributes'] as Attributes) : svc.get(req.params['sellerId']!, sku)?.asin;
      return submissionReply(r, included, asin, mps);
    },

    patchListingsItem(req) {
      const sku = skuParam(req);
      const mps = marketplaces(ctx, req);
      const included = includedDataParam(req.query, SUBMISSION_DATA, ['issues'], BAD);
      const preview = modeParam(req);
      const body = requireObject(jsonBody(req.body, BAD));
      if (typeof body['productType'] !== 'string' || body['productType'] === '') throw new EmuError(400, BAD, "'productType' is required.");
      const shape = patchShapeError(body['patches']);
      if (shape) throw new EmuError(400, BAD, shape);
      const r = svc.patch(
        req.params['sellerId']!,
        sku,
        { productType: body['productType'], patches: body['patches'] as Patch[], marketplaceIds: mps },
        { preview },
      );
      return submissionReply(r, included, svc.get(req.params['sellerId']!, sku)?.asin, mps);
    },

    deleteListingsItem(req) {
      const sku = skuParam(req);
      const mps = marketplaces(ctx, req, 1);
      const r = svc.delete(req.params['sellerId']!, sku, mps);
      return { status: 200, body: { sku: r.sku, status: r.status, submissionId: r.submissionId } };
    },

    searchListingsItems(req) {
      const sellerId = req.params['sellerId']!;
      const mps = marketplaces(ctx, req);
      const included = includedDataParam(req.query, ITEM_DATA, ['summaries'], BAD);
      const q = req.query;
      const identifiers = csv(q, 'identifiers');
      const identifiersType = q.get('identifiersType');
      if (identifiers.length > 20) throw new EmuError(400, BAD, "'identifiers' accepts at most 20 values.");
      if (identifiers.length && !identifiersType) throw new EmuError(400, BAD, "'identifiersType' is required with 'identifiers'.");
      if (identifiersType && !identifiers.length) throw new EmuError(400, BAD, "'identifiers' is required with 'identifiersType'.");
      const pageSize = pageSizeParam(q, 20, 10, BAD);
      const sortBy = q.get('sortBy') ?? 'lastUpdatedDate';
      const sortOrder = q.get('sortOrder') ?? 'DESC';
      if (!['sku', 'createdDate', 'lastUpdatedDate'].includes(sortBy)) throw new EmuError(400, BAD, `Invalid 'sortBy': ${sortBy}.`);
      if (!['ASC', 'DESC'].includes(sortOrder)) throw new EmuError(400, BAD, `Invalid 'sortOrder': ${sortOrder}.`);
      const dates = (['createdAfter', 'createdBefore', 'lastUpdatedAfter', 'lastUpdatedBefore'] as const).map((k) => {
        const v = q.get(k);
        if (v === null) return undefined;
        const t = Date.parse(v);
        if (Number.isNaN(t)) throw new EmuError(400, BAD, `Invalid '${k}': ${v}.`);
        return t;
      });
      const withStatus = csv(q, 'withStatus');
      const withoutStatus = csv(q, 'withoutStatus');
      const withIssueSeverity = csv(q, 'withIssueSeverity');

      let list = svc.all(sellerId).filter((l) => mps.some((m) => l.marketplaceIds.includes(m)));
      if (identifiers.length) list = list.filter((l) => matchesIdentifier(l, identifiersType!, identifiers));
      const [ca, cb, ua, ub] = dates;
      list = list.filter((l) => {
        const c = Date.parse(l.createdDate);
        const u = Date.parse(l.lastUpdatedDate);
        return (ca === undefined || c >= ca) && (cb === undefined || c <= cb) && (ua === undefined || u >= ua) && (ub === undefined || u <= ub);
      });
      if (withStatus.length) list = list.filter((l) => withStatus.some((s) => l.status.includes(s)));
      if (withoutStatus.length) list = list.filter((l) => !withoutStatus.some((s) => l.status.includes(s)));
      if (withIssueSeverity.length) list = list.filter((l) => l.issues.some((i) => withIssueSeverity.includes(i.severity)));
      const dir = sortOrder === 'ASC' ? 1 : -1;
      list.sort((a, b) => {
        const key = (l: StoredListing) => (sortBy === 'sku' ? l.sku : l[sortBy as 'createdDate' | 'lastUpdatedDate']);
        const x = key(a);
        const y = key(b);
        return (x < y ? -1 : x > y ? 1 : a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0) * dir;
      });
      const fingerprint = fingerprintOf(req.query, ['pageToken']);
      const offset = decodePageToken(q.get('pageToken'), fingerprint, BAD);
      const { page, pagination } = paginate(list, offset, pageSize, fingerprint);
      return {
        status: 200,
        body: {
          numberOfResults: list.length,
          ...(pagination ? { pagination } : {}),
          items: page.map((l) => renderItem(l, mps, included)),
        },
      };
    },
  };
}

function matchesIdentifier(l: StoredListing, type: string, values: string[]): boolean {
  switch (type) {
    case 'SKU':
      return values.includes(l.sku);
    case 'ASIN':
      return l.asin !== undefined && values.includes(l.asin);
    default:
      return instances(l.attributes, 'externally_assigned_product_identifier').some(
        (i) => String(i['type'] ?? '').toUpperCase() === type && values.includes(String(i['value'] ?? '')),
      );
  }
}

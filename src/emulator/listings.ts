// Listings Items API 2021-08-01 handlers over the shared listings state.
import { createHash } from 'node:crypto';
import { EmuError, csv, decodePageToken, fingerprintOf, includedDataParam, jsonBody, marketplaceIdsParam, pageSizeParam, paginate } from './http.js';
import { asinFor, forMarketplace, instances, patchShapeError, priceOf, type Attributes, type Patch } from './listings-state.js';
import type { EmulatorContext, EmuRequest, HandlerTable, ListingSubmissionResult, StoredListing } from './types.js';

export { EmulatorListings } from './listings-state.js';

const BAD = 'BAD_REQUEST';
const MAX_SKU_LENGTH = 40;
const REQUIREMENTS = ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'];
const ITEM_DATA = ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes'];
const SUBMISSION_DATA = ['identifiers', 'issues'];

// ---------- rendering ----------

const JP = 'A1VC38T7YXB528';

/** FBA listings have a fulfillment network SKU; the emulator derives a stable one from the SKU. */
function fnSkuFor(l: StoredListing): string {
  const digest = createHash('sha256').update(`${l.sellerId}\n${l.sku}`).digest();
  return 'X00' + Array.from(digest.subarray(0, 7), (b) => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[b % 36]).join('');
}

/** An Item in Amazon's shape with the requested datasets. Exported for the feeds processing report. */
export function renderItem(l: StoredListing, marketplaceIds: string[], included: Set<string>): Record<string, unknown> {
  const mps = marketplaceIds.filter((m) => l.marketplaceIds.includes(m));
  const item: Record<string, unknown> = { sku: l.sku };
  const afn = instances(l.attributes, 'fulfillment_availability').some((i) => String(i['fulfillment_channel_code'] ?? '').startsWith('AMAZON'));
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
        ...(afn ? { fnSku: fnSkuFor(l) } : {}),
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
          // Amazon returns points in Japan only; the emulator grants 1% of the price.
          ...(mp === JP ? { points: { pointsNumber: Math.floor(price.amount / 100) } } : {}),
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

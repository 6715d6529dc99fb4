// Product Pricing 2022-05-01 batches: featured offer expected price per SKU and competitive summary per ASIN. Each
// entry gets its own status line, as Amazon does; a malformed batch is a 400 for the whole call. Competing offers
// are made up deterministically from the ASIN so tests and benchmarks see stable prices.
import { createHash } from 'node:crypto';
import { findMarketplace } from '../../lib/marketplaces.js';
import { CATALOG_ITEMS } from '../seed/catalog.js';
import { EmuError, jsonBody } from '../http.js';
import type { EmulatorContext, HandlerTable, StoredListing } from '../types.js';

const BAD = 'InvalidInput';
const FOEP_URI = '/products/pricing/2022-05-01/offer/featuredOfferExpectedPrice';
const SUMMARY_URI = '/products/pricing/2022-05-01/items/competitiveSummary';
const INCLUDED = ['featuredBuyingOptions', 'referencePrices', 'lowestPricedOffers', 'similarItems'];
const COMPETITORS = ['A2EMUCOMPETITOR1', 'A3EMUCOMPETITOR2', 'A4EMUCOMPETITOR3'];

type Json = Record<string, unknown>;
const ok = { statusCode: 200, reasonPhrase: 'OK' };
const notFound = { statusCode: 404, reasonPhrase: 'Not Found' };
const round = (n: number) => Math.round(n * 100) / 100;

function requests(body: Buffer, max: number): Json[] {
  const doc = jsonBody(body, BAD) as Json | null;
  const list = doc?.['requests'];
  if (!Array.isArray(list) || list.length === 0) throw new EmuError(400, BAD, "'requests' must be a non-empty array.");
  if (list.length > max) throw new EmuError(400, BAD, `'requests' accepts at most ${max} entries.`);
  return list.map((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new EmuError(400, BAD, `requests[${i}] must be an object.`);
    return r as Json;
  });
}

function checkEntry(r: Json, i: number, uri: string, fields: string[]): void {
  if (r['uri'] !== uri) throw new EmuError(400, BAD, `requests[${i}].uri must be ${uri}.`);
  if (r['method'] !== 'GET') throw new EmuError(400, BAD, `requests[${i}].method must be GET.`);
  for (const f of fields) if (typeof r[f] !== 'string' || r[f] === '') throw new EmuError(400, BAD, `requests[${i}].${f} is required.`);
  const mp = r['marketplaceId'] as string;
  if (findMarketplace(mp)?.id !== mp) throw new EmuError(400, BAD, `requests[${i}].marketplaceId ${mp} is not a valid marketplace.`);
}

function ourPrice(l: StoredListing, marketplaceId: string): { amount: number; currencyCode: string } | undefined {
  const offers = (l.attributes['purchasable_offer'] ?? []) as Json[];
  const o = offers.find((x) => (x['marketplace_id'] ?? marketplaceId) === marketplaceId);
  const v = (((o?.['our_price'] as Json[] | undefined)?.[0]?.['schedule'] as Json[] | undefined)?.[0] as Json | undefined)?.['value_with_tax'];
  return typeof v === 'number'
    ? { amount: v, currencyCode: String(o?.['currency'] ?? findMarketplace(marketplaceId)?.currency ?? 'USD') }
    : undefined;
}

function fulfillment(l: StoredListing): 'AFN' | 'MFN' {
  const fa = (l.attributes['fulfillment_availability'] ?? []) as Json[];
  return fa.some((e) => String(e['fulfillment_channel_code'] ?? 'DEFAULT') !== 'DEFAULT') ? 'AFN' : 'MFN';
}

/** Competitors' prices around a reference price, stable per ASIN; one ASIN in 8 has no competition. */
function competitorOffers(asin: string, reference: number, currencyCode: string): Json[] {
  const h = createHash('sha256').update(asin).digest();
  if (h[0]! % 8 === 0) return [];
  const n = 1 + (h[1]! % COMPETITORS.length);
  return Array.from({ length: n }, (_, i) => ({
    sellerId: COMPETITORS[i]!,
    condition: 'New',
    subCondition: 'New',
    fulfillmentType: h[2 + i]! % 2 ? 'AFN' : 'MFN',
    // 85 % to 110 % of the reference price
    listingPrice: { amount: round(reference * (0.85 + (h[5 + i]! / 255) * 0.25)), currencyCode },
    shippingOptions: [{ shippingOptionType: 'DEFAULT', price: { amount: 0, currencyCode } }],
    primeDetails: { eligibility: h[2 + i]! % 2 ? 'NATIONAL' : 'NONE' },
  }));
}

export function createPricingHandlers(ctx: EmulatorContext): HandlerTable {
  const listingFor = (sellerId: string, asin: string) => ctx.listings.all(sellerId).find((l) => l.asin === asin);
  const referencePrice = (sellerId: string, asin: string, marketplaceId: string) => {
    const mine = listingFor(sellerId, asin);
    const p = mine && ourPrice(mine, marketplaceId);
    const currencyCode = findMarketplace(marketplaceId)?.currency ?? 'USD';
    // Without our offer, a price made up from the ASIN so the ASIN still has a market.
    return p ?? { amount: 10 + (createHash('sha256').update(`ref${asin}`).digest()[0]! % 90), currencyCode };
  };
  const known = (sellerId: string, asin: string) => CATALOG_ITEMS.some((c) => c.asin === asin) || listingFor(sellerId, asin) !== undefined;

  return {
    getFeaturedOfferExpectedPriceBatch(req) {
      const list = requests(req.body, 40);
      list.forEach((r, i) => checkEntry(r, i, FOEP_URI, ['marketplaceId', 'sku']));
      const responses = list.map((r) => {
        const sku = r['sku'] as string;
        const marketplaceId = r['marketplaceId'] as string;
        const request = { marketplaceId, sku };
        const l = ctx.listings.get(req.sellerId, sku);
        const price = l && ourPrice(l, marketplaceId);
        if (!l || !l.asin) {
          return {
            status: notFound,
            headers: {},
            request,
            body: { errors: [{ code: 'NOT_FOUND', message: `The SKU ${sku} was not found for this seller in marketplace ${marketplaceId}.` }] },
          };
        }
        const offerIdentifier = { marketplaceId, asin: l.asin, sellerId: req.sellerId, sku, fulfillmentType: fulfillment(l) };
        if (!price) {
          return {
            status: ok,
            headers: {},
            request,
            body: { offerIdentifier, featuredOfferExpectedPriceResults: [{ resultStatus: 'OFFER_NOT_ELIGIBLE' }] },
          };
        }
        const others = competitorOffers(l.asin, price.amount, price.currencyCode);
        if (others.length === 0) {
          return {
            status: ok,
            headers: {},
            request,
            body: { offerIdentifier, featuredOfferExpectedPriceResults: [{ resultStatus: 'NO_COMPETING_OFFER' }] },
          };
        }
        const best = others.reduce((a, b) =>
          ((b['listingPrice'] as Json)['amount'] as number) < ((a['listingPrice'] as Json)['amount'] as number) ? b : a,
        );
        const bestPrice = (best['listingPrice'] as Json)['amount'] as number;
        const competing = {
          offerIdentifier: { marketplaceId, asin: l.asin, sellerId: best['sellerId'], fulfillmentType: best['fulfillmentType'] },
          condition: 'New',
          price: { listingPrice: best['listingPrice'] },
        };
        const weFeatured = price.amount <= bestPrice;
        return {
          status: ok,
          headers: {},
          request,
          body: {
            offerIdentifier,
            featuredOfferExpectedPriceResults: [
              {
                // At or below the strongest competitor's price (less a cent) the target offer may be featured.
                featuredOfferExpectedPrice: { listingPrice: { amount: round(bestPrice - 0.01), currencyCode: price.currencyCode } },
                resultStatus: 'VALID_FOEP',
                competingFeaturedOffer: competing,
                currentFeaturedOffer: weFeatured
                  ? {
                      offerIdentifier: { marketplaceId, asin: l.asin, sellerId: req.sellerId, fulfillmentType: fulfillment(l) },
                      condition: 'New',
                      price: { listingPrice: price },
                    }
                  : competing,
              },
            ],
          },
        };
      });
      return { status: 200, body: { responses } };
    },

    getCompetitiveSummary(req) {
      const list = requests(req.body, 20);
      list.forEach((r, i) => {
        checkEntry(r, i, SUMMARY_URI, ['marketplaceId', 'asin']);
        const inc = r['includedData'];
        if (!Array.isArray(inc) || inc.length === 0 || inc.some((x) => !INCLUDED.includes(x as string))) {
          throw new EmuError(400, BAD, `requests[${i}].includedData must list some of ${INCLUDED.join(', ')}.`);
        }
      });
      const responses = list.map((r) => {
        const asin = r['asin'] as string;
        const marketplaceId = r['marketplaceId'] as string;
        if (!known(req.sellerId, asin)) {
          return {
            status: notFound,
            body: {
              asin,
              marketplaceId,
              errors: [{ code: 'NOT_FOUND', message: `The ASIN ${asin} was not found in marketplace ${marketplaceId}.` }],
            },
          };
        }
        const inc = new Set(r['includedData'] as string[]);
        const ref = referencePrice(req.sellerId, asin, marketplaceId);
        const mine = listingFor(req.sellerId, asin);
        const myPrice = mine && ourPrice(mine, marketplaceId);
        const offers = [
          ...competitorOffers(asin, ref.amount, ref.currencyCode),
          ...(mine && myPrice
            ? [
                {
                  sellerId: req.sellerId,
                  condition: 'New',
                  subCondition: 'New',
                  fulfillmentType: fulfillment(mine),
                  listingPrice: myPrice,
                  shippingOptions: [{ shippingOptionType: 'DEFAULT', price: { amount: 0, currencyCode: myPrice.currencyCode } }],
                },
              ]
            : []),
        ].sort((a, b) => ((a['listingPrice'] as Json)['amount'] as number) - ((b['listingPrice'] as Json)['amount'] as number));
        const body: Json = { asin, marketplaceId };
        if (inc.has('featuredBuyingOptions')) {
          body['featuredBuyingOptions'] = offers.length
            ? [
                {
                  buyingOptionType: 'New',
                  segmentedFeaturedOffers: [
                    { ...offers[0], featuredOfferSegments: [{ customerMembership: 'DEFAULT', segmentDetails: { glanceViewWeightPercentage: 100 } }] },
                  ],
                },
              ]
            : [];
        }
        if (inc.has('lowestPricedOffers')) {
          body['lowestPricedOffers'] = [{ lowestPricedOffersInput: { itemCondition: 'New', offerType: 'Consumer' }, offers: offers.slice(0, 20) }];
        }
        if (inc.has('referencePrices')) {
          body['referencePrices'] = [
            { name: 'CompetitivePriceThreshold', price: { amount: round(ref.amount * 0.95), currencyCode: ref.currencyCode } },
          ];
        }
        if (inc.has('similarItems')) body['similarItems'] = [];
        return { status: ok, body };
      });
      return { status: 200, body: { responses } };
    },
  };
}

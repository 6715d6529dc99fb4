// Catalog Items API 2022-04-01 over the demo catalog.
import { findMarketplace } from '../lib/marketplaces.js';
import { CATALOG_ITEMS, type CatalogSeedItem } from './seed/catalog.js';
import { EmuError, csv, decodePageToken, fingerprintOf, includedDataParam, marketplaceIdsParam, pageSizeParam, paginate } from './http.js';
import type { EmulatorContext, HandlerTable } from './types.js';

const BAD = 'InvalidInput';
const DATASETS = [
  'attributes',
  'classifications',
  'dimensions',
  'identifiers',
  'images',
  'productTypes',
  'relationships',
  'salesRanks',
  'summaries',
  'vendorDetails',
];
const IDENTIFIER_TYPES = ['ASIN', 'EAN', 'GTIN', 'ISBN', 'JAN', 'MINSAN', 'SKU', 'UPC'];

function render(item: CatalogSeedItem, mp: string, included: Set<string>): Record<string, unknown> {
  const lang = findMarketplace(mp)?.language ?? 'en_US';
  const cls = item.classification;
  const browse = { displayName: cls.name, classificationId: cls.id, parent: { displayName: cls.parent.name, classificationId: cls.parent.id } };
  const out: Record<string, unknown> = { asin: item.asin };
  if (included.has('attributes')) {
    const t = (value: unknown) => [{ value, language_tag: lang, marketplace_id: mp }];
    out['attributes'] = {
      item_name: t(item.itemName),
      brand: t(item.brand),
      manufacturer: t(item.manufacturer),
      model_number: [{ value: item.modelNumber, marketplace_id: mp }],
      ...(item.color ? { color: t(item.color) } : {}),
      ...(item.size ? { size: t(item.size) } : {}),
      externally_assigned_product_identifier: item.identifiers.map((i) => ({
        type: i.identifierType.toLowerCase(),
        value: i.identifier,
        marketplace_id: mp,
      })),
      item_weight: [{ unit: 'pounds', value: item.dimensions.weight, marketplace_id: mp }],
    };
  }
  if (included.has('classifications')) out['classifications'] = [{ marketplaceId: mp, classifications: [browse] }];
  if (included.has('dimensions')) {
    const d = item.dimensions;
    const inch = (value: number) => ({ unit: 'inches', value });
    const dims = { height: inch(d.height), length: inch(d.length), width: inch(d.width), weight: { unit: 'pounds', value: d.weight } };
    out['dimensions'] = [{ marketplaceId: mp, item: dims, package: { ...dims, height: inch(d.height + 1) } }];
  }
  if (included.has('identifiers')) out['identifiers'] = [{ marketplaceId: mp, identifiers: item.identifiers.map((i) => ({ ...i })) }];
  if (included.has('images')) out['images'] = [{ marketplaceId: mp, images: item.images.map((i) => ({ ...i })) }];
  if (included.has('productTypes')) out['productTypes'] = [{ marketplaceId: mp, productType: item.productType }];
  if (included.has('relationships')) out['relationships'] = [{ marketplaceId: mp, relationships: [] }];
  if (included.has('salesRanks')) {
    out['salesRanks'] = [
      {
        marketplaceId: mp,
        classificationRanks: [{ classificationId: cls.id, title: cls.name, rank: Math.ceil(item.salesRank / 7) }],
        displayGroupRanks: [{ websiteDisplayGroup: item.websiteDisplayGroup, title: item.websiteDisplayGroupName, rank: item.salesRank }],
      },
    ];
  }
  if (included.has('summaries')) {
    out['summaries'] = [
      {
        marketplaceId: mp,
        adultProduct: false,
        autographed: false,
        brand: item.brand,
        browseClassification: { displayName: cls.name, classificationId: cls.id },
        ...(item.color ? { color: item.color } : {}),
        itemClassification: 'BASE_PRODUCT',
        itemName: item.itemName,
        manufacturer: item.manufacturer,
        memorabilia: false,
        modelNumber: item.modelNumber,
        packageQuantity: 1,
        partNumber: item.modelNumber,
        ...(item.size ? { size: item.size } : {}),
        tradeInEligible: false,
        websiteDisplayGroup: item.websiteDisplayGroup,
        websiteDisplayGroupName: item.websiteDisplayGroupName,
      },
    ];
  }
  // vendorDetails is for vendor accounts; a seller gets none.
  if (included.has('vendorDetails')) out['vendorDetails'] = [];
  return out;
}

function notFound(asin: string, mp: string): EmuError {
  return new EmuError(404, 'NOT_FOUND', `Requested item, ${asin}, not found in marketplace(s) ${mp}.`);
}

export function createCatalogHandlers(ctx: EmulatorContext): HandlerTable {
  return {
    getCatalogItem(req) {
      const [mp] = marketplaceIdsParam(req.query, BAD, 1) as [string];
      const included = includedDataParam(req.query, DATASETS, ['summaries'], BAD);
      const asin = req.params['asin'] ?? '';
      const item = CATALOG_ITEMS.find((i) => i.asin === asin);
      if (!item || !item.marketplaceIds.includes(mp)) throw notFound(asin, mp);
      return { status: 200, body: render(item, mp, included) };
    },

    searchCatalogItems(req) {
      const q = req.query;
      const [mp] = marketplaceIdsParam(q, BAD, 1) as [string];
      const included = includedDataParam(q, DATASETS, ['summaries'], BAD);
      const keywords = csv(q, 'keywords');
      const identifiers = csv(q, 'identifiers');
      const identifiersType = q.get('identifiersType');
      if (keywords.length && identifiers.length) throw new EmuError(400, BAD, "Cannot use 'keywords' and 'identifiers' together.");
      if (!keywords.length && !identifiers.length) throw new EmuError(400, BAD, "Either 'keywords' or 'identifiers' is required.");
      if (keywords.length > 20) throw new EmuError(400, BAD, "'keywords' accepts at most 20 values.");
      if (identifiers.length > 20) throw new EmuError(400, BAD, "'identifiers' accepts at most 20 values.");
      if (identifiers.length && (!identifiersType || !IDENTIFIER_TYPES.includes(identifiersType))) {
        throw new EmuError(400, BAD, `'identifiersType' is required with 'identifiers' and must be one of ${IDENTIFIER_TYPES.join(', ')}.`);
      }
      const sellerId = q.get('sellerId');
      if (identifiersType === 'SKU' && !sellerId) throw new EmuError(400, BAD, "'sellerId' is required when 'identifiersType' is SKU.");
      const brandNames = csv(q, 'brandNames');
      const classificationIds = csv(q, 'classificationIds');
      if (identifiers.length && (brandNames.length || classificationIds.length)) {
        throw new EmuError(400, BAD, "'brandNames' and 'classificationIds' apply to keyword searches only.");
      }
      const pageSize = pageSizeParam(q, 20, 10, BAD);

      let matched = CATALOG_ITEMS.filter((i) => i.marketplaceIds.includes(mp));
      if (keywords.length) {
        const words = keywords.flatMap((k) => k.toLowerCase().split(/\s+/)).filter(Boolean);
        matched = matched.filter((i) => {
          const text = [i.itemName, i.brand, i.classification.name, i.classification.parent.name, i.color ?? ''].join(' ').toLowerCase();
          return words.every((w) => text.includes(w));
        });
      } else {
        matched = matched.filter((i) => {
          switch (identifiersType) {
            case 'ASIN':
              return identifiers.includes(i.asin);
            case 'SKU':
              return identifiers.some((sku) => ctx.listings.get(sellerId!, sku)?.asin === i.asin);
            case 'GTIN':
              return i.identifiers.some((x) => identifiers.some((id) => id.padStart(14, '0') === x.identifier.padStart(14, '0')));
            default:
              return i.identifiers.some((x) => x.identifierType === identifiersType && identifiers.includes(x.identifier));
          }
        });
      }
      // Refinements describe the keyword matches before the brand/classification filters narrow them.
      const refinements = {
        brands: countBy(matched, (i) => i.brand).map(([brandName, numberOfResults]) => ({ numberOfResults, brandName })),
        classifications: countBy(matched, (i) => `${i.classification.id}\n${i.classification.name}`).map(([k, numberOfResults]) => {
          const [classificationId, displayName] = k.split('\n') as [string, string];
          return { numberOfResults, displayName, classificationId };
        }),
      };
      if (brandNames.length) matched = matched.filter((i) => brandNames.includes(i.brand));
      if (classificationIds.length) {
        matched = matched.filter((i) => classificationIds.includes(i.classification.id) || classificationIds.includes(i.classification.parent.id));
      }
      const fingerprint = fingerprintOf(q, ['pageToken']);
      const offset = decodePageToken(q.get('pageToken'), fingerprint, BAD);
      const { page, pagination } = paginate(matched, offset, pageSize, fingerprint);
      return {
        status: 200,
        body: {
          numberOfResults: matched.length,
          ...(pagination ? { pagination } : {}),
          ...(keywords.length ? { refinements } : {}),
          items: page.map((i) => render(i, mp, included)),
        },
      };
    },
  };
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

// The demo seller's existing US listings, built from the demo catalog with Amazon-style attributes.
import { CATALOG_ITEMS, type CatalogSeedItem } from './catalog.js';

const US = 'ATVPDKIKX0DER';
const LANG = 'en_US';

export interface SeedListing {
  sku: string;
  productType: string;
  attributes: Record<string, unknown>;
  /** Days before the emulator start when the listing was created. */
  ageDays: number;
}

interface Offer {
  sku: string;
  asin: string;
  price: number;
  quantity: number;
  /** AFN listings are fulfilled by Amazon (no merchant quantity). */
  afn?: boolean;
  /** Leave the main image out (this listing then shows Amazon's missing-image issue). */
  noImage?: boolean;
  ageDays: number;
  /** Product-type specific facts: item type keyword, material and the like. */
  extra: Record<string, unknown>;
}

const v = (value: unknown) => [{ value, language_tag: LANG, marketplace_id: US }];
const plain = (value: unknown) => [{ value, marketplace_id: US }];

const shirt = (department: string, material: string) => ({
  item_type_keyword: plain('t-shirts'),
  department: plain(department),
  material: v(material),
  care_instructions: plain('machine_wash'),
});
const kind = (keyword: string, material: string) => ({ item_type_keyword: plain(keyword), material: v(material) });
const luggage = (keyword: string, material: string, wheels: number, lock: string) => ({
  ...kind(keyword, material),
  number_of_wheels: plain(wheels),
  ...(wheels > 0 ? { wheel_type: plain('spinner') } : {}),
  lock_type: plain(lock),
});

const OFFERS: Offer[] = [
  { sku: 'NW-TEE-NAVY-M', asin: 'B0DEMO0001', price: 19.99, quantity: 120, ageDays: 210, extra: shirt('mens', 'Cotton') },
  { sku: 'NW-TEE-GREY-L', asin: 'B0DEMO0002', price: 19.99, quantity: 85, ageDays: 205, extra: shirt('mens', 'Cotton') },
  { sku: 'NW-VNECK-WHT-S', asin: 'B0DEMO0003', price: 17.5, quantity: 0, ageDays: 160, extra: shirt('womens', 'Cotton, Polyester') },
  { sku: 'TB-MERINO-BLK-XL', asin: 'B0DEMO0004', price: 54.0, quantity: 0, afn: true, ageDays: 140, extra: shirt('unisex-adult', 'Merino Wool') },
  { sku: 'HL-KNIT-PILLOW-18', asin: 'B0DEMO0009', price: 24.99, quantity: 60, ageDays: 300, extra: kind('throw-pillow-covers', 'Acrylic') },
  { sku: 'QH-CURTAIN-CHAR-84', asin: 'B0DEMO0011', price: 39.99, quantity: 44, ageDays: 95, extra: kind('window-curtain-panels', 'Polyester') },
  {
    sku: 'MW-CANDLE-CEDAR-8OZ',
    asin: 'B0DEMO0014',
    price: 16.0,
    quantity: 200,
    noImage: true,
    ageDays: 30,
    extra: { ...kind('candles', 'Soy Wax'), color: v('Cream') },
  },
  { sku: 'CL-SKILLET-10', asin: 'B0DEMO0017', price: 59.95, quantity: 32, ageDays: 400, extra: kind('skillets', 'Stainless Steel') },
  { sku: 'SS-BOARD-SET3', asin: 'B0DEMO0020', price: 29.99, quantity: 75, ageDays: 120, extra: kind('cutting-boards', 'Bamboo') },
  {
    sku: 'BH-POUROVER-34',
    asin: 'B0DEMO0022',
    price: 27.49,
    quantity: 18,
    ageDays: 60,
    extra: kind('pour-over-coffee-makers', 'Borosilicate Glass'),
  },
  {
    sku: 'WF-SPINNER-21-BLU',
    asin: 'B0DEMO0025',
    price: 129.0,
    quantity: 12,
    ageDays: 250,
    extra: luggage('carry-on-luggage', 'Polycarbonate', 4, 'tsa_lock'),
  },
  {
    sku: 'ST-BACKPACK-40L',
    asin: 'B0DEMO0028',
    price: 89.99,
    quantity: 0,
    afn: true,
    ageDays: 180,
    extra: luggage('travel-backpacks', 'Nylon', 0, 'no_lock'),
  },
];

function attributesFor(item: CatalogSeedItem, offer: Offer): Record<string, unknown> {
  const attrs: Record<string, unknown> = {
    item_name: v(item.itemName),
    brand: v(item.brand),
    manufacturer: v(item.manufacturer),
    model_number: plain(item.modelNumber),
    product_description: v(`${item.itemName}. Designed by ${item.brand}.`),
    bullet_point: [
      { value: `Quality you can feel from ${item.brand}`, language_tag: LANG, marketplace_id: US },
      { value: 'Backed by a 1-year satisfaction guarantee', language_tag: LANG, marketplace_id: US },
    ],
    externally_assigned_product_identifier: [
      { type: 'upc', value: item.identifiers.find((i) => i.identifierType === 'UPC')!.identifier, marketplace_id: US },
    ],
    condition_type: plain('new_new'),
    country_of_origin: plain('US'),
    ...(item.color ? { color: v(item.color) } : {}),
    ...(item.size ? { size: v(item.size) } : {}),
    ...offer.extra,
    purchasable_offer: [
      {
        currency: 'USD',
        marketplace_id: US,
        our_price: [{ schedule: [{ value_with_tax: offer.price }] }],
      },
    ],
    fulfillment_availability: offer.afn
      ? [{ fulfillment_channel_code: 'AMAZON_NA' }]
      : [{ fulfillment_channel_code: 'DEFAULT', quantity: offer.quantity }],
  };
  if (!offer.noImage) attrs['main_product_image_locator'] = [{ media_location: item.images[0]!.link, marketplace_id: US }];
  return attrs;
}

export function seedListings(): SeedListing[] {
  return OFFERS.map((o) => {
    const item = CATALOG_ITEMS.find((c) => c.asin === o.asin);
    if (!item) throw new Error(`Seed listing ${o.sku} refers to unknown ASIN ${o.asin}`);
    return { sku: o.sku, productType: item.productType, attributes: attributesFor(item, o), ageDays: o.ageDays };
  });
}

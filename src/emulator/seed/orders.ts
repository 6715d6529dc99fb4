// The demo seller's orders over the last ~90 days: the state behind solicitations, sales metrics and
// sales reports. Deterministic for a given `now`. No buyer names or addresses (we never hold buyer PII).
import type { OrderItem, StoredOrder } from '../types.js';
import { DEMO_SELLER_ID } from './sellers.js';

const DAY = 86_400_000;
const US = 'ATVPDKIKX0DER';
const UK = 'A1F83G8C2ARO7P';
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';

interface Product {
  sku: string;
  asin: string;
  title: string;
  /** Unit price in the marketplace currency. */
  price: number;
}

// US titles follow the demo catalog; EU/JP titles are localized so reports exercise Cp1252 and Shift_JIS.
const PRODUCTS: Record<string, { currency: string; prefixes: string[]; products: Product[] }> = {
  [US]: {
    currency: 'USD',
    prefixes: ['111', '112', '113', '114'],
    products: [
      { sku: 'NW-TEE-NAVY-M', asin: 'B0DEMO0001', title: "Northwind Apparel Men's Classic Crew Neck Cotton T-Shirt, Navy, Medium", price: 19.99 },
      {
        sku: 'NW-TEE-GREY-L',
        asin: 'B0DEMO0002',
        title: "Northwind Apparel Men's Classic Crew Neck Cotton T-Shirt, Heather Grey, Large",
        price: 19.99,
      },
      { sku: 'HL-KNIT-PILLOW-18', asin: 'B0DEMO0009', title: 'Hearth & Loom Chunky Knit Throw Pillow Cover, 18 x 18 Inch, Ivory', price: 24.99 },
      { sku: 'QH-CURTAIN-CHAR-84', asin: 'B0DEMO0011', title: 'Quiet Harbor Blackout Curtains 2 Panels, 52 x 84 Inch, Charcoal', price: 39.99 },
      { sku: 'MW-CANDLE-CEDAR-8OZ', asin: 'B0DEMO0014', title: 'Mosswood Soy Wax Scented Candle, Cedar & Sea Salt, 8 oz', price: 16.0 },
      { sku: 'CL-SKILLET-10', asin: 'B0DEMO0017', title: 'Copperline Tri-Ply Stainless Steel Skillet, 10 Inch, Induction Ready', price: 59.95 },
      { sku: 'SS-BOARD-SET3', asin: 'B0DEMO0020', title: 'Sprig & Stem Bamboo Cutting Board Set of 3 with Juice Groove', price: 29.99 },
      { sku: 'BH-POUROVER-34', asin: 'B0DEMO0022', title: 'Brewhaus Pour Over Coffee Maker, 34 oz Borosilicate Glass Carafe', price: 27.49 },
      {
        sku: 'WF-SPINNER-21-BLU',
        asin: 'B0DEMO0025',
        title: 'Wayfarer & Co Hardside Carry-On Spinner Luggage, 21 Inch, Midnight Blue',
        price: 129.0,
      },
      { sku: 'TB-MERINO-BLK-XL', asin: 'B0DEMO0004', title: 'Trailhead Basics Unisex Merino Wool Base Layer Tee, Black, X-Large', price: 54.0 },
    ],
  },
  [UK]: {
    currency: 'GBP',
    prefixes: ['202', '203', '204'],
    products: [
      { sku: 'NW-TEE-NAVY-M', asin: 'B0DEMO0001', title: "Northwind Apparel Men's Classic Crew Neck Cotton T-Shirt, Navy, Medium", price: 16.99 },
      { sku: 'BH-POUROVER-34', asin: 'B0DEMO0022', title: 'Brewhaus Pour Over Coffee Maker, Café Edition, 1 l Glass Carafe', price: 22.5 },
      { sku: 'WF-SPINNER-21-BLU', asin: 'B0DEMO0025', title: 'Wayfarer & Co Hardside Cabin Spinner Suitcase, 55 cm, Midnight Blue', price: 109.0 },
    ],
  },
  [DE]: {
    currency: 'EUR',
    prefixes: ['302', '303', '305', '028'],
    products: [
      { sku: 'NW-TEE-NAVY-M', asin: 'B0DEMO0001', title: 'Northwind Apparel Herren T-Shirt aus Baumwolle, Marineblau, Größe M', price: 19.99 },
      {
        sku: 'HL-KNIT-PILLOW-18',
        asin: 'B0DEMO0009',
        title: 'Hearth & Loom Grobstrick-Kissenhülle, 45 x 45 cm, Elfenbein – für Sofa & Bett',
        price: 22.95,
      },
      { sku: 'CL-SKILLET-10', asin: 'B0DEMO0017', title: 'Copperline Bratpfanne aus Edelstahl, 25 cm, für Induktion geeignet', price: 54.9 },
      {
        sku: 'BH-POUROVER-34',
        asin: 'B0DEMO0022',
        title: 'Brewhaus Kaffeebereiter „Café“ für Pour-Over, 1 l Glaskaraffe – 5 € Rabatt im Spar-Set',
        price: 26.99,
      },
      {
        sku: 'ST-BACKPACK-40L',
        asin: 'B0DEMO0028',
        title: 'Summit Trek Reiserucksack 40 L, wasserabweisend, Schwarz – Handgepäckgröße',
        price: 84.99,
      },
    ],
  },
  [JP]: {
    currency: 'JPY',
    prefixes: ['249', '250', '503'],
    products: [
      { sku: 'NW-TEE-NAVY-M', asin: 'B0DEMO0001', title: 'ノースウィンド メンズ クルーネック コットンTシャツ ネイビー M', price: 2980 },
      { sku: 'ST-BACKPACK-40L', asin: 'B0DEMO0028', title: 'サミットトレック 40L 機内持ち込み トラベルバックパック 防水 ブラック', price: 12800 },
      { sku: 'BH-GRINDER-31', asin: 'B0DEMO0023', title: 'ブルーハウス 電動コーヒーグラインダー 31段階調整 ブラック', price: 8980 },
    ],
  },
};

// 60 orders: which marketplace each one is in (mostly US).
const MARKETPLACE_CYCLE = [US, US, DE, US, UK, US, JP, US, DE, US];

/** Small deterministic PRNG (mulberry32) so the demo data is the same on every start. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (rand: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

function money(amount: number, currency: string): { currencyCode: string; amount: string } {
  return { currencyCode: currency, amount: currency === 'JPY' ? String(Math.round(amount)) : amount.toFixed(2) };
}

/**
 * Orders placed between ~1 hour and ~90 days before `now`. Shipped orders purchased roughly 8 to 37 days ago
 * fall inside the review-request window; younger ones are too recent, older ones too old; the newest are
 * still Pending/Unshipped and every eleventh order is Canceled.
 */
export function seedOrders(now: number, sellerId: string = DEMO_SELLER_ID): StoredOrder[] {
  const rand = prng(20240917);
  const orders: StoredOrder[] = [];
  for (let i = 0; i < 60; i++) {
    const marketplaceId = MARKETPLACE_CYCLE[i % MARKETPLACE_CYCLE.length]!;
    const mp = PRODUCTS[marketplaceId]!;
    const ageMs = i === 0 ? 3_600_000 : (i * 1.5 + rand()) * DAY;
    const purchase = now - ageMs;
    const lineCount = rand() < 0.2 ? 2 : 1;
    const items: OrderItem[] = [];
    for (let k = 0; k < lineCount; k++) {
      const p = mp.products[Math.floor(rand() * mp.products.length)]!;
      if (items.some((it) => it.sku === p.sku)) continue;
      const quantity = rand() < 0.15 ? 2 : 1;
      items.push({ asin: p.asin, sku: p.sku, title: p.title, quantity, itemPrice: money(p.price * quantity, mp.currency) });
    }
    const ageDays = ageMs / DAY;
    const orderStatus: StoredOrder['orderStatus'] = i % 11 === 5 ? 'Canceled' : ageDays < 1 ? 'Pending' : ageDays < 2.5 ? 'Unshipped' : 'Shipped';
    const shipDays = 2 + (i % 3);
    const prefix = mp.prefixes[Math.floor(rand() * mp.prefixes.length)]!;
    orders.push({
      amazonOrderId: `${prefix}-${digits(rand, 7)}-${digits(rand, 7)}`,
      sellerId,
      marketplaceId,
      purchaseDate: new Date(purchase).toISOString(),
      orderStatus,
      ...(orderStatus === 'Canceled'
        ? {}
        : {
            earliestDeliveryDate: new Date(purchase + shipDays * DAY).toISOString(),
            latestDeliveryDate: new Date(purchase + (shipDays + 4) * DAY).toISOString(),
          }),
      items,
      buyerType: rand() < 0.15 ? 'B2B' : 'B2C',
      fulfillmentChannel: i % 4 === 3 ? 'AFN' : 'MFN',
    });
  }
  return orders;
}

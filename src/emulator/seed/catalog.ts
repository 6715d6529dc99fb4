// Demo catalog: made-up brands and products across apparel, home, kitchen and luggage.
// ASINs, EANs and UPCs are invented (check digits are valid); image links point at Amazon's image host pattern.

export interface CatalogSeedItem {
  asin: string;
  itemName: string;
  brand: string;
  manufacturer: string;
  modelNumber: string;
  productType: 'SHIRT' | 'HOME' | 'KITCHEN' | 'LUGGAGE';
  classification: { id: string; name: string; parent: { id: string; name: string } };
  websiteDisplayGroup: string;
  websiteDisplayGroupName: string;
  identifiers: Array<{ identifierType: 'EAN' | 'UPC'; identifier: string }>;
  color?: string;
  size?: string;
  images: Array<{ variant: 'MAIN' | 'PT01' | 'PT02'; link: string; height: number; width: number }>;
  /** Item dimensions in inches/pounds. */
  dimensions: { length: number; width: number; height: number; weight: number };
  salesRank: number;
  marketplaceIds: string[];
  /** Listing restriction for sellers without approval (drives getListingsRestrictions). */
  restriction?: 'APPROVAL_REQUIRED' | 'NOT_ELIGIBLE';
}

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const MX = 'A1AM78C64UM0Y8';
const UK = 'A1F83G8C2ARO7P';
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';
const NA = [US, CA, MX];
const ALL = [US, CA, MX, UK, DE, JP];

/** GS1 check digit for a 11- (UPC) or 12-digit (EAN) body. */
function withCheckDigit(body: string): string {
  const digits = [...body].map(Number).reverse();
  const sum = digits.reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  return body + String((10 - (sum % 10)) % 10);
}

const CLASSES = {
  SHIRT: {
    classification: { id: '1045624', name: 'T-Shirts', parent: { id: '1040660', name: 'Clothing' } },
    websiteDisplayGroup: 'apparel_display_on_website',
    websiteDisplayGroupName: 'Clothing',
  },
  HOME: {
    classification: { id: '1063252', name: 'Throw Pillows', parent: { id: '1063498', name: 'Home Décor Products' } },
    websiteDisplayGroup: 'home_display_on_website',
    websiteDisplayGroupName: 'Home',
  },
  KITCHEN: {
    classification: { id: '289814', name: 'Cookware', parent: { id: '284507', name: 'Kitchen & Dining' } },
    websiteDisplayGroup: 'kitchen_display_on_website',
    websiteDisplayGroupName: 'Kitchen',
  },
  LUGGAGE: {
    classification: { id: '15743251', name: 'Carry-Ons', parent: { id: '9479199011', name: 'Luggage' } },
    websiteDisplayGroup: 'luggage_display_on_website',
    websiteDisplayGroupName: 'Luggage',
  },
} as const;

type Row = [
  asin: string,
  productType: CatalogSeedItem['productType'],
  brand: string,
  itemName: string,
  color: string | undefined,
  size: string | undefined,
  idBody: string,
  dims: [number, number, number, number],
  rank: number,
  marketplaceIds: string[],
  restriction?: CatalogSeedItem['restriction'],
];

const ROWS: Row[] = [
  [
    'B0DEMO0001',
    'SHIRT',
    'Northwind Apparel',
    "Northwind Apparel Men's Classic Crew Neck Cotton T-Shirt, Navy, Medium",
    'Navy',
    'Medium',
    '08412345001',
    [10, 8, 1, 0.4],
    1523,
    ALL,
  ],
  [
    'B0DEMO0002',
    'SHIRT',
    'Northwind Apparel',
    "Northwind Apparel Men's Classic Crew Neck Cotton T-Shirt, Heather Grey, Large",
    'Heather Grey',
    'Large',
    '08412345002',
    [10, 8, 1, 0.45],
    2210,
    ALL,
  ],
  [
    'B0DEMO0003',
    'SHIRT',
    'Northwind Apparel',
    "Northwind Apparel Women's V-Neck Slub T-Shirt, White, Small",
    'White',
    'Small',
    '08412345003',
    [10, 8, 1, 0.3],
    3877,
    NA,
  ],
  [
    'B0DEMO0004',
    'SHIRT',
    'Trailhead Basics',
    'Trailhead Basics Unisex Merino Wool Base Layer Tee, Black, X-Large',
    'Black',
    'X-Large',
    '08412345004',
    [11, 9, 1, 0.5],
    8120,
    NA,
  ],
  [
    'B0DEMO0005',
    'SHIRT',
    'Trailhead Basics',
    'Trailhead Basics Quick-Dry Performance Running Shirt, Coral, Medium',
    'Coral',
    'Medium',
    '08412345005',
    [10, 8, 1, 0.3],
    12450,
    [US, UK, DE],
  ],
  [
    'B0DEMO0006',
    'SHIRT',
    'Juniper & Oak',
    'Juniper & Oak Organic Cotton Pocket Tee, Olive, Medium',
    'Olive',
    'Medium',
    '08412345006',
    [10, 8, 1, 0.4],
    20311,
    [US],
  ],
  [
    'B0DEMO0007',
    'SHIRT',
    'Lumen Kids',
    'Lumen Kids Glow-in-the-Dark Dinosaur Graphic Tee, Royal Blue, 6-7 Years',
    'Royal Blue',
    '6-7 Years',
    '08412345007',
    [9, 7, 1, 0.2],
    4102,
    NA,
  ],
  [
    'B0DEMO0008',
    'SHIRT',
    'Sportiva Licensed',
    'Sportiva Licensed Official Team Jersey Replica Tee, Red, Large',
    'Red',
    'Large',
    '08412345008',
    [11, 9, 1, 0.5],
    950,
    [US],
    'APPROVAL_REQUIRED',
  ],
  [
    'B0DEMO0009',
    'HOME',
    'Hearth & Loom',
    'Hearth & Loom Chunky Knit Throw Pillow Cover, 18 x 18 Inch, Ivory',
    'Ivory',
    '18 x 18 Inch',
    '08412346001',
    [18, 18, 1, 0.6],
    1770,
    ALL,
  ],
  [
    'B0DEMO0010',
    'HOME',
    'Hearth & Loom',
    'Hearth & Loom Linen Blend Decorative Pillow Insert Set of 2, 20 x 20 Inch',
    'White',
    '20 x 20 Inch',
    '08412346002',
    [20, 20, 6, 2.1],
    2689,
    NA,
  ],
  [
    'B0DEMO0011',
    'HOME',
    'Quiet Harbor',
    'Quiet Harbor Blackout Curtains 2 Panels, 52 x 84 Inch, Charcoal',
    'Charcoal',
    '52 x 84 Inch',
    '08412346003',
    [12, 10, 3, 3.4],
    640,
    ALL,
  ],
  [
    'B0DEMO0012',
    'HOME',
    'Quiet Harbor',
    'Quiet Harbor Weighted Throw Blanket, 15 lbs, 48 x 72 Inch, Sage',
    'Sage',
    '48 x 72 Inch',
    '08412346004',
    [18, 14, 8, 15.8],
    3312,
    [US, CA],
  ],
  [
    'B0DEMO0013',
    'HOME',
    'Mosswood',
    'Mosswood Ceramic Bud Vase Set of 3, Matte Terracotta',
    'Terracotta',
    undefined,
    '08412346005',
    [9, 6, 6, 2.2],
    15880,
    [US, UK, DE],
  ],
  [
    'B0DEMO0014',
    'HOME',
    'Mosswood',
    'Mosswood Soy Wax Scented Candle, Cedar & Sea Salt, 8 oz',
    undefined,
    '8 oz',
    '08412346006',
    [4, 4, 4, 1.1],
    7421,
    [US],
  ],
  [
    'B0DEMO0015',
    'HOME',
    'Lumina Living',
    'Lumina Living LED Desk Lamp with Wireless Charger, Dimmable, White',
    'White',
    undefined,
    '08412346007',
    [16, 7, 5, 2.6],
    5598,
    ALL,
  ],
  [
    'B0DEMO0016',
    'HOME',
    'Lumina Living',
    'Lumina Living Smart Plug Mini, Works with Alexa, 4-Pack',
    'White',
    '4-Pack',
    '08412346008',
    [6, 5, 3, 0.7],
    1204,
    NA,
    'APPROVAL_REQUIRED',
  ],
  [
    'B0DEMO0017',
    'KITCHEN',
    'Copperline',
    'Copperline Tri-Ply Stainless Steel Skillet, 10 Inch, Induction Ready',
    'Silver',
    '10 Inch',
    '08412347001',
    [19, 11, 3, 2.8],
    890,
    ALL,
  ],
  [
    'B0DEMO0018',
    'KITCHEN',
    'Copperline',
    'Copperline Nonstick Cookware Set, 10 Piece, Graphite',
    'Graphite',
    '10 Piece',
    '08412347002',
    [24, 13, 11, 18.5],
    2403,
    NA,
  ],
  [
    'B0DEMO0019',
    'KITCHEN',
    'Copperline',
    'Copperline Enameled Cast Iron Dutch Oven, 6 Quart, Cerulean',
    'Cerulean',
    '6 Quart',
    '08412347003',
    [14, 12, 7, 13.2],
    1711,
    [US, CA, UK, DE],
  ],
  [
    'B0DEMO0020',
    'KITCHEN',
    'Sprig & Stem',
    'Sprig & Stem Bamboo Cutting Board Set of 3 with Juice Groove',
    'Natural',
    undefined,
    '08412347004',
    [18, 12, 2, 4.1],
    3120,
    ALL,
  ],
  [
    'B0DEMO0021',
    'KITCHEN',
    'Sprig & Stem',
    'Sprig & Stem Glass Meal Prep Containers with Lids, 10 Pack',
    'Clear',
    '10 Pack',
    '08412347005',
    [13, 9, 8, 7.5],
    2950,
    NA,
  ],
  [
    'B0DEMO0022',
    'KITCHEN',
    'Brewhaus',
    'Brewhaus Pour Over Coffee Maker, 34 oz Borosilicate Glass Carafe',
    'Clear',
    '34 oz',
    '08412347006',
    [9, 6, 6, 1.9],
    4480,
    ALL,
  ],
  [
    'B0DEMO0023',
    'KITCHEN',
    'Brewhaus',
    'Brewhaus Electric Burr Coffee Grinder, 31 Grind Settings, Black',
    'Black',
    undefined,
    '08412347007',
    [12, 8, 6, 4.9],
    2299,
    [US, CA, JP],
  ],
  [
    'B0DEMO0024',
    'KITCHEN',
    'Edgecraft Pro',
    "Edgecraft Pro 8 Inch Chef's Knife, German High-Carbon Steel",
    'Silver',
    '8 Inch',
    '08412347008',
    [14, 3, 1, 0.6],
    1377,
    ALL,
    'NOT_ELIGIBLE',
  ],
  [
    'B0DEMO0025',
    'LUGGAGE',
    'Wayfarer & Co',
    'Wayfarer & Co Hardside Carry-On Spinner Luggage, 21 Inch, Midnight Blue',
    'Midnight Blue',
    '21 Inch',
    '08412348001',
    [22, 14, 9, 7.3],
    660,
    ALL,
  ],
  [
    'B0DEMO0026',
    'LUGGAGE',
    'Wayfarer & Co',
    'Wayfarer & Co Hardside Checked Spinner Luggage, 28 Inch, Midnight Blue',
    'Midnight Blue',
    '28 Inch',
    '08412348002',
    [29, 20, 12, 11.0],
    1980,
    NA,
  ],
  [
    'B0DEMO0027',
    'LUGGAGE',
    'Wayfarer & Co',
    'Wayfarer & Co Packing Cubes Set of 6, Lightweight Travel Organizers, Grey',
    'Grey',
    'Set of 6',
    '08412348003',
    [12, 10, 3, 1.0],
    3580,
    ALL,
  ],
  [
    'B0DEMO0028',
    'LUGGAGE',
    'Summit Trek',
    'Summit Trek 40L Carry-On Travel Backpack, Water Resistant, Black',
    'Black',
    '40L',
    '08412348004',
    [21, 14, 9, 3.3],
    1105,
    [US, UK, DE, JP],
  ],
  [
    'B0DEMO0029',
    'LUGGAGE',
    'Summit Trek',
    'Summit Trek Weekender Duffel Bag, 45L, Canvas, Khaki',
    'Khaki',
    '45L',
    '08412348005',
    [22, 12, 11, 3.0],
    6650,
    NA,
  ],
  [
    'B0DEMO0030',
    'LUGGAGE',
    'Summit Trek',
    'Summit Trek TSA-Approved Luggage Locks, 2 Pack, Orange',
    'Orange',
    '2 Pack',
    '08412348006',
    [5, 3, 1, 0.3],
    2742,
    ALL,
  ],
];

export const CATALOG_ITEMS: readonly CatalogSeedItem[] = ROWS.map(
  ([asin, productType, brand, itemName, color, size, idBody, [length, width, height, weight], rank, marketplaceIds, restriction]) => {
    const slug = asin.slice(-4);
    const cls = CLASSES[productType];
    return {
      asin,
      itemName,
      brand,
      manufacturer: `${brand} Inc.`,
      modelNumber: `${brand.replace(/[^A-Z]/g, '')}-${slug}`,
      productType,
      classification: { ...cls.classification, parent: { ...cls.classification.parent } },
      websiteDisplayGroup: cls.websiteDisplayGroup,
      websiteDisplayGroupName: cls.websiteDisplayGroupName,
      identifiers: [
        { identifierType: 'UPC' as const, identifier: withCheckDigit(idBody) },
        { identifierType: 'EAN' as const, identifier: withCheckDigit(`0${idBody}`) },
      ],
      ...(color ? { color } : {}),
      ...(size ? { size } : {}),
      images: [
        { variant: 'MAIN' as const, link: `https://m.media-amazon.com/images/I/71DEMO${slug}L.jpg`, height: 1500, width: 1500 },
        { variant: 'PT01' as const, link: `https://m.media-amazon.com/images/I/81DEMO${slug}L.jpg`, height: 1500, width: 1500 },
      ],
      dimensions: { length, width, height, weight },
      salesRank: rank,
      marketplaceIds,
      ...(restriction ? { restriction } : {}),
    };
  },
);

export function findCatalogItem(asin: string): CatalogSeedItem | undefined {
  return CATALOG_ITEMS.find((i) => i.asin === asin);
}

// Hand-built replies as full as Amazon's models allow: every property the model declares, for the shapes the
// emulator does not produce (procurement, relationships, vendor details, ...). Written for these tests, not copied;
// test/tools/output-schemas.test.ts proves them valid and complete against the models when those are present.

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

const issues = [
  {
    code: '90220',
    message: "'item_name' is required but not supplied.",
    severity: 'ERROR',
    attributeNames: ['item_name'],
    categories: ['MISSING_ATTRIBUTE'],
    enforcements: { actions: [{ action: 'LISTING_SUPPRESSED' }, { action: 'SEARCH_SUPPRESSED' }], exemption: { status: 'NOT_EXEMPT' } },
    marketplaceIds: [US],
  },
  {
    code: '18027',
    message: 'The main image does not meet the image requirements.',
    severity: 'WARNING',
    attributeNames: ['main_product_image_locator'],
    categories: ['INVALID_IMAGE'],
    enforcements: {
      actions: [{ action: 'ATTRIBUTE_SUPPRESSED' }],
      exemption: { status: 'EXEMPT_UNTIL_EXPIRY_DATE', expiryDate: '2030-01-31T00:00:00.000Z' },
    },
    marketplaceIds: [US, CA],
  },
  {
    code: '99001',
    message: 'A brand review is pending.',
    severity: 'INFO',
    categories: [],
    enforcements: { actions: [], exemption: { status: 'EXEMPT' } },
  },
];

/** getListingsItem 200 with every includedData set. */
export const fullListingsItem = {
  sku: 'FULL-SAMPLE-1',
  summaries: [
    {
      marketplaceId: US,
      asin: 'B0SAMPLE01',
      productType: 'SHIRT',
      conditionType: 'new_new',
      status: ['BUYABLE', 'DISCOVERABLE'],
      fnSku: 'X00SAMPLE1',
      itemName: 'Sample Tee, Navy, Medium',
      createdDate: '2025-01-02T03:04:05.000Z',
      lastUpdatedDate: '2025-02-03T04:05:06.000Z',
      mainImage: { link: 'https://m.media-amazon.example/images/I/sample.jpg', height: 500, width: 500 },
    },
  ],
  attributes: { item_name: [{ value: 'Sample Tee, Navy, Medium', language_tag: 'en_US', marketplace_id: US }] },
  issues,
  offers: [
    {
      marketplaceId: US,
      offerType: 'B2C',
      price: { currencyCode: 'USD', amount: '19.99' },
      points: { pointsNumber: 20 },
      audience: { value: 'ALL', displayName: 'Sell on Amazon' },
    },
    {
      marketplaceId: US,
      offerType: 'B2B',
      price: { currencyCode: 'USD', amount: '17.99' },
      audience: { value: 'B2B', displayName: 'Amazon Business' },
    },
  ],
  fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 12 }, { fulfillmentChannelCode: 'AMAZON_NA' }],
  procurement: [{ costPrice: { currencyCode: 'USD', amount: '7.50' } }],
  relationships: [
    {
      marketplaceId: US,
      relationships: [
        { type: 'VARIATION', parentSkus: ['FULL-SAMPLE'], childSkus: [], variationTheme: { attributes: ['color', 'size'], theme: 'COLOR/SIZE' } },
        { type: 'PACKAGE_HIERARCHY', childSkus: ['FULL-SAMPLE-1-PACK'] },
      ],
    },
  ],
  productTypes: [{ marketplaceId: US, productType: 'SHIRT' }],
};

/** putListingsItem 200 (VALIDATION_PREVIEW) with issues and identifiers. */
export const fullSubmissionResponse = {
  sku: 'FULL-SAMPLE-1',
  status: 'INVALID',
  submissionId: 'f1b2c3d4-0000-4000-8000-000000000001',
  issues,
  identifiers: [{ marketplaceId: US, asin: 'B0SAMPLE01' }],
};

const classification = { displayName: 'T-Shirts', classificationId: '1045624', parent: { displayName: 'Shirts', classificationId: '2476517011' } };
const dimension = (unit: string, value: number) => ({ unit, value });
const dimensions = {
  height: dimension('inches', 1),
  length: dimension('inches', 11),
  weight: dimension('pounds', 0.4),
  width: dimension('inches', 9),
};

/** getCatalogItem 200 with every includedData set. */
export const fullCatalogItem = {
  asin: 'B0SAMPLE01',
  attributes: { item_name: [{ value: 'Sample Tee, Navy, Medium', language_tag: 'en_US', marketplace_id: US }] },
  classifications: [{ marketplaceId: US, classifications: [classification] }],
  dimensions: [{ marketplaceId: US, item: dimensions, package: dimensions }],
  identifiers: [
    {
      marketplaceId: US,
      identifiers: [
        { identifierType: 'UPC', identifier: '012345678905' },
        { identifierType: 'EAN', identifier: '0012345678905' },
      ],
    },
  ],
  images: [
    { marketplaceId: US, images: [{ variant: 'MAIN', link: 'https://m.media-amazon.example/images/I/sample.jpg', height: 1000, width: 1000 }] },
  ],
  productTypes: [{ marketplaceId: US, productType: 'SHIRT' }],
  relationships: [
    {
      marketplaceId: US,
      relationships: [
        {
          type: 'VARIATION',
          parentAsins: ['B0SAMPLE00'],
          childAsins: [],
          variationTheme: { attributes: ['color', 'size'], theme: 'COLOR_NAME/SIZE_NAME' },
        },
      ],
    },
  ],
  salesRanks: [
    {
      marketplaceId: US,
      classificationRanks: [
        { classificationId: '1045624', title: 'T-Shirts', link: 'https://www.amazon.example/gp/bestsellers/fashion/1045624', rank: 42 },
      ],
      displayGroupRanks: [
        {
          websiteDisplayGroup: 'apparel_display_on_website',
          title: 'Clothing',
          link: 'https://www.amazon.example/gp/bestsellers/fashion',
          rank: 4200,
        },
      ],
    },
  ],
  summaries: [
    {
      marketplaceId: US,
      adultProduct: false,
      autographed: false,
      brand: 'Sample Brand',
      browseClassification: classification,
      color: 'Navy',
      contributors: [{ role: { value: 'designer', displayName: 'Designer' }, value: 'A. Designer' }],
      itemClassification: 'BASE_PRODUCT',
      itemName: 'Sample Tee, Navy, Medium',
      manufacturer: 'Sample Mills',
      memorabilia: false,
      modelNumber: 'ST-100',
      packageQuantity: 1,
      partNumber: 'ST-100-NV-M',
      releaseDate: '2024-05-01',
      size: 'Medium',
      style: 'Crew Neck',
      tradeInEligible: false,
      websiteDisplayGroup: 'apparel_display_on_website',
      websiteDisplayGroupName: 'Clothing',
    },
  ],
  vendorDetails: [
    {
      marketplaceId: US,
      brandCode: 'SAMPL',
      manufacturerCode: 'SAMPM',
      manufacturerCodeParent: 'SAMPP',
      productCategory: { displayName: 'Shirts', value: '10100' },
      productGroup: 'Apparel',
      productSubcategory: { displayName: 'T-Shirts', value: '10110' },
      replenishmentCategory: 'BASIC_REPLENISHMENT',
    },
  ],
};

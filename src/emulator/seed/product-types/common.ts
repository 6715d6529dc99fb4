// Attributes, conditional rules and property groups shared by every seed product type (Amazon's product
// types share most listing attributes; each type adds its own details).
import {
  attribute,
  choice,
  dimensions,
  flag,
  hasValue,
  image,
  integer,
  leaf,
  enumLeaf,
  measure,
  text,
  WEIGHT_UNITS,
  type AttrOptions,
  type Choices,
  type Json,
} from './builders.js';
import type { SchemaContext } from './marketplaces.js';

export const CONDITIONS: Choices = [
  ['club_club', 'Club'],
  ['collectible_acceptable', 'Collectible - Acceptable'],
  ['collectible_good', 'Collectible - Good'],
  ['collectible_like_new', 'Collectible - Like New'],
  ['collectible_very_good', 'Collectible - Very Good'],
  ['new_new', 'New'],
  ['new_oem', 'New - OEM'],
  ['new_open_box', 'New - Open Box'],
  ['refurbished_refurbished', 'Refurbished'],
  ['used_acceptable', 'Used - Acceptable'],
  ['used_good', 'Used - Good'],
  ['used_like_new', 'Used - Like New'],
  ['used_very_good', 'Used - Very Good'],
];

const COUNTRIES: Choices = [
  ['BD', 'Bangladesh'],
  ['BR', 'Brazil'],
  ['CA', 'Canada'],
  ['CN', 'China'],
  ['DE', 'Germany'],
  ['ES', 'Spain'],
  ['FR', 'France'],
  ['GB', 'United Kingdom'],
  ['ID', 'Indonesia'],
  ['IN', 'India'],
  ['IT', 'Italy'],
  ['JP', 'Japan'],
  ['KH', 'Cambodia'],
  ['KR', 'South Korea'],
  ['MX', 'Mexico'],
  ['MY', 'Malaysia'],
  ['NL', 'Netherlands'],
  ['PK', 'Pakistan'],
  ['PL', 'Poland'],
  ['PT', 'Portugal'],
  ['SE', 'Sweden'],
  ['TH', 'Thailand'],
  ['TR', 'Turkey'],
  ['TW', 'Taiwan'],
  ['US', 'United States'],
  ['VN', 'Vietnam'],
  ['unknown', 'Unknown'],
];

const CELL_COMPOSITIONS: Choices = [
  ['alkaline', 'Alkaline'],
  ['lead_acid', 'Lead Acid'],
  ['lithium_ion', 'Lithium Ion'],
  ['lithium_metal', 'Lithium Metal'],
  ['lithium_polymer', 'Lithium Polymer'],
  ['nimh', 'NiMH'],
  ['other', 'Other'],
];

const BATTERY_SIZES: Choices = [
  ['1_5v_aa', 'AA'],
  ['1_5v_aaa', 'AAA'],
  ['9v', '9V'],
  ['cr2032', 'CR2032'],
  ['built_in', 'Built-in'],
  ['other', 'Other'],
];

/** price schedule: [{ schedule: [{ value_with_tax }] }], Amazon's shape for our_price and friends. */
function priceSchedule(ctx: SchemaContext, title: string, description: string, dated: boolean): Json {
  const o: AttrOptions = { title, description, examples: [ctx.priceStep === 1 ? 2980 : 19.99] };
  const date = (t: string) =>
    leaf(
      { title: t, description: `${t} (YYYY-MM-DD or an ISO 8601 date-time)` },
      {
        type: 'string',
        oneOf: [
          { type: 'string', format: 'date' },
          { type: 'string', format: 'date-time' },
        ],
      },
    );
  const entry: Json = {
    type: 'object',
    required: dated ? ['end_at', 'start_at', 'value_with_tax'] : ['value_with_tax'],
    properties: {
      value_with_tax: leaf(o, { type: 'number', minimum: 0, multipleOf: ctx.priceStep }),
      ...(dated ? { start_at: date('Sale Start Date'), end_at: date('Sale End Date') } : {}),
    },
    additionalProperties: false,
  };
  return {
    title,
    description,
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: {
      type: 'object',
      required: ['schedule'],
      properties: { schedule: { title: `${title} Schedule`, type: 'array', minItems: 1, items: entry } },
      additionalProperties: false,
    },
  };
}

function currencyLeaf(ctx: SchemaContext): Json {
  return {
    default: ctx.currency,
    editable: false,
    hidden: true,
    type: 'string',
    enum: [ctx.currency],
    enumNames: [ctx.currency],
  };
}

function purchasableOffer(ctx: SchemaContext): Json {
  const o: AttrOptions = {
    title: 'Purchasable Offer',
    description: 'The price at which the item is offered for sale, optionally with a scheduled sale price',
    comment: 'Sales terms for this marketplace; one offer per marketplace and currency',
  };
  const item = attribute(
    o,
    {
      currency: currencyLeaf(ctx),
      our_price: priceSchedule(ctx, 'Your Price', 'The price at which you offer the item', false),
      discounted_price: priceSchedule(ctx, 'Sale Price', 'A sale price with a start and end date', true),
      minimum_seller_allowed_price: priceSchedule(ctx, 'Minimum Price', 'The lowest price automated repricing may set', false),
      maximum_seller_allowed_price: priceSchedule(ctx, 'Maximum Price', 'The highest price automated repricing may set', false),
    },
    ['currency'],
    ['currency'],
  );
  return item;
}

function listPrice(ctx: SchemaContext): Json {
  const o: AttrOptions = {
    title: 'List Price',
    description: "The manufacturer's suggested retail price (MSRP), not the price you sell at",
    examples: [ctx.priceStep === 1 ? 3980 : 29.99],
  };
  return attribute(
    o,
    { value: leaf(o, { type: 'number', minimum: 0, multipleOf: ctx.priceStep }), currency: currencyLeaf(ctx) },
    ['currency', 'value'],
    ['currency'],
  );
}

function fulfillmentAvailability(): Json {
  const o: AttrOptions = { title: 'Fulfillment Availability', description: 'Who ships the item and how many units you have' };
  return {
    title: o.title,
    description: o.description,
    type: 'array',
    minItems: 1,
    minUniqueItems: 1,
    maxUniqueItems: 1,
    selectors: ['fulfillment_channel_code'],
    items: {
      type: 'object',
      required: ['fulfillment_channel_code'],
      properties: {
        fulfillment_channel_code: enumLeaf(
          { title: 'Fulfillment Channel Code', description: 'DEFAULT for seller-fulfilled, AMAZON_NA/AMAZON_EU/... for FBA' },
          [
            ['AMAZON_EU', 'Fulfilled by Amazon (EU)'],
            ['AMAZON_FE', 'Fulfilled by Amazon (FE)'],
            ['AMAZON_NA', 'Fulfilled by Amazon (NA)'],
            ['DEFAULT', 'Fulfilled by merchant'],
          ],
        ),
        quantity: leaf({ title: 'Quantity', description: 'Units available to sell (seller-fulfilled only)' }, { type: 'integer', minimum: 0 }),
        lead_time_to_ship_max_days: leaf(
          { title: 'Handling Time', description: 'Days between order and shipment' },
          { type: 'integer', minimum: 1, maximum: 30 },
        ),
      },
      additionalProperties: false,
    },
  };
}

function externalProductId(): Json {
  const o: AttrOptions = {
    title: 'External Product ID',
    description: 'The barcode (UPC, EAN or GTIN) that identifies the product',
    examples: ['714532191586'],
    editable: false,
  };
  return attribute(
    o,
    {
      type: enumLeaf({ ...o, title: 'External Product ID Type' }, [
        ['ean', 'EAN'],
        ['gtin', 'GTIN'],
        ['isbn', 'ISBN'],
        ['upc', 'UPC'],
      ]),
      value: leaf(o, { type: 'string', minLength: 8, maxLength: 14 }),
    },
    ['type', 'value'],
    ['type'],
  );
}

function battery(): Json {
  const o: AttrOptions = { title: 'Battery', description: 'Battery chemistry and size' };
  return attribute(
    o,
    {
      cell_composition: {
        title: 'Battery Cell Composition',
        type: 'array',
        minItems: 1,
        maxItems: 1,
        items: {
          type: 'object',
          required: ['value'],
          properties: { value: enumLeaf({ title: 'Battery Cell Composition', description: 'The battery chemistry' }, CELL_COMPOSITIONS) },
          additionalProperties: false,
        },
      },
      size: enumLeaf({ title: 'Battery Size', description: 'The battery size or type' }, BATTERY_SIZES),
    },
    [],
  );
}

export const VARIATION = {
  parentage_level: 'parentage_level',
  relationship: 'child_parent_sku_relationship',
  theme: 'variation_theme',
} as const;

function childParentSkuRelationship(): Json {
  const o: AttrOptions = { title: 'Parent SKU Relationship', description: 'Links a child SKU to its variation parent' };
  return attribute(
    o,
    {
      child_relationship_type: enumLeaf({ ...o, title: 'Relationship Type' }, [['variation', 'Variation']]),
      parent_sku: leaf(
        { ...o, title: 'Parent SKU', description: 'The SKU of the variation parent (children only)' },
        {
          type: 'string',
          minLength: 1,
          maxUtf8ByteLength: 40,
        },
      ),
    },
    ['child_relationship_type'],
  );
}

export function variationTheme(themes: Choices): Json {
  return {
    title: 'Variation Theme',
    description: 'The attributes in which the children of this family differ',
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: {
      type: 'object',
      required: ['name'],
      properties: { name: enumLeaf({ title: 'Variation Theme Name', description: 'The variation theme' }, themes) },
      additionalProperties: false,
    },
  };
}

/** Attributes every seed product type has; product files add or override entries. */
export function commonAttributes(ctx: SchemaContext, itemTypeExample: string): Json {
  const localized = true;
  return {
    item_name: text({
      title: 'Title',
      description: 'The product title shown to customers',
      localized,
      maxLength: 200,
      maxUtf8ByteLength: 600,
      examples: ['Acme Classic Oxford Shirt, Long Sleeve, Light Blue, M'],
      comment: 'Amazon caps titles at 200 characters for most categories',
    }),
    brand: text({
      title: 'Brand Name',
      description: 'The brand name of the product',
      localized,
      maxLength: 100,
      editable: false,
      examples: ['Acme'],
    }),
    externally_assigned_product_identifier: externalProductId(),
    supplier_declared_has_product_identifier_exemption: flag({
      title: 'Product Identifier Exemption',
      description: 'Yes if Amazon granted a GTIN exemption for this brand and category',
    }),
    item_type_keyword: text({
      title: 'Item Type Keyword',
      description: 'The browse classification keyword',
      maxLength: 200,
      editable: false,
      examples: [itemTypeExample],
    }),
    model_number: text({ title: 'Model Number', description: "The manufacturer's model number", maxLength: 40, examples: ['AC-1001'] }),
    manufacturer: text({ title: 'Manufacturer', description: 'The company that makes the product', localized, maxLength: 100 }),
    bullet_point: text({
      title: 'Bullet Point',
      description: 'A key feature of the product, one per entry',
      localized,
      maxUniqueItems: 5,
      maxLength: 500,
      maxUtf8ByteLength: 1000,
    }),
    product_description: text({
      title: 'Product Description',
      description: 'A paragraph describing the product',
      localized,
      maxUtf8ByteLength: 2000,
    }),
    generic_keyword: text({
      title: 'Search Terms',
      description: 'Words shoppers may search for, not shown to them',
      localized,
      maxUniqueItems: 10,
      maxUtf8ByteLength: 250,
      comment: 'Amazon indexes at most 250 bytes of search terms',
    }),
    color: text({ title: 'Color', description: 'The color as the manufacturer names it', localized, maxLength: 100, examples: ['Light Blue'] }),
    size: text({ title: 'Size', description: 'The size as the manufacturer labels it', localized, maxLength: 50, examples: ['Medium'] }),
    material: text({ title: 'Material', description: 'A main material of the product', localized, maxUniqueItems: 5, maxLength: 100 }),
    style: text({ title: 'Style', description: 'The style name', localized, maxLength: 100 }),
    included_components: text({
      title: 'Included Components',
      description: 'An item that comes in the box',
      localized,
      maxUniqueItems: 10,
      maxLength: 100,
    }),
    country_of_origin: choice({ title: 'Country of Origin', description: 'Where the product was made', choices: COUNTRIES, editable: false }),
    condition_type: choice({ title: 'Offering Condition Type', description: 'The condition of the item', choices: CONDITIONS }),
    condition_note: text({ title: 'Offer Condition Note', description: 'Details of the condition of a used item', localized, maxLength: 1000 }),
    list_price: listPrice(ctx),
    purchasable_offer: purchasableOffer(ctx),
    fulfillment_availability: fulfillmentAvailability(),
    merchant_shipping_group: text({ title: 'Shipping Template', description: 'The name of your shipping settings template', maxLength: 100 }),
    max_order_quantity: integer({ title: 'Max Order Quantity', description: 'The most units one order may contain', minimum: 1 }),
    main_product_image_locator: image({ title: 'Main Image', description: 'URL of the main image: product on a white background' }),
    other_product_image_locator_1: image({ title: 'Other Image 1', description: 'URL of an additional image' }),
    other_product_image_locator_2: image({ title: 'Other Image 2', description: 'URL of an additional image' }),
    other_product_image_locator_3: image({ title: 'Other Image 3', description: 'URL of an additional image' }),
    other_product_image_locator_4: image({ title: 'Other Image 4', description: 'URL of an additional image' }),
    other_product_image_locator_5: image({ title: 'Other Image 5', description: 'URL of an additional image' }),
    other_product_image_locator_6: image({ title: 'Other Image 6', description: 'URL of an additional image' }),
    other_product_image_locator_7: image({ title: 'Other Image 7', description: 'URL of an additional image' }),
    other_product_image_locator_8: image({ title: 'Other Image 8', description: 'URL of an additional image' }),
    item_dimensions: dimensions({ title: 'Item Dimensions', description: 'The size of the product itself' }),
    item_weight: measure({ title: 'Item Weight', description: 'The weight of the product itself', units: WEIGHT_UNITS }),
    item_package_dimensions: dimensions({ title: 'Package Dimensions', description: 'The size of the shipping package' }),
    item_package_weight: measure({ title: 'Package Weight', description: 'The weight of the shipping package', units: WEIGHT_UNITS }),
    batteries_required: flag({ title: 'Batteries Required', description: 'Does the product need batteries to work?' }),
    batteries_included: flag({ title: 'Batteries Included', description: 'Are the batteries in the box?' }),
    battery: battery(),
    num_batteries: integer({ title: 'Number of Batteries', description: 'How many batteries the product uses', minimum: 1, maximum: 100 }),
    supplier_declared_dg_hz_regulation: choice({
      title: 'Dangerous Goods Regulations',
      description: 'Whether the product is regulated as a dangerous good',
      maxUniqueItems: 5,
      choices: [
        ['ghs', 'GHS'],
        ['not_applicable', 'Not Applicable'],
        ['other', 'Other'],
        ['storage', 'Storage'],
        ['transportation', 'Transportation'],
        ['unknown', 'Unknown'],
        ['waste', 'Waste'],
      ],
    }),
    parentage_level: choice({
      title: 'Parentage Level',
      description: 'Parent (abstract family) or child (buyable variant)',
      choices: [
        ['child', 'Child'],
        ['parent', 'Parent'],
      ],
    }),
    child_parent_sku_relationship: childParentSkuRelationship(),
  };
}

/** Conditional requirements every seed product type has, in Amazon's allOf/if/then form. */
export function commonRules(): Json[] {
  return [
    // A barcode is required unless the brand has a GTIN exemption; a variation parent is not sold and has none.
    {
      if: {
        not: { anyOf: [hasValue('supplier_declared_has_product_identifier_exemption', [true]), hasValue('parentage_level', ['parent'])] },
      },
      then: { required: ['externally_assigned_product_identifier'] },
    },
    // An offer needs a condition and a fulfillment channel.
    { if: { required: ['purchasable_offer'] }, then: { required: ['condition_type', 'fulfillment_availability'] } },
    // Seller-fulfilled stock needs a quantity.
    {
      properties: {
        fulfillment_availability: {
          items: { if: fieldIs('fulfillment_channel_code', ['DEFAULT']), then: { required: ['quantity'] } },
        },
      },
    },
    // Used, refurbished and collectible items describe their condition.
    {
      if: hasValue(
        'condition_type',
        CONDITIONS.map(([v]) => v).filter((v) => !v.startsWith('new_')),
      ),
      then: { required: ['condition_note'] },
    },
    // Battery chain: required -> included stated -> chemistry and count.
    { if: hasValue('batteries_required', [true]), then: { required: ['batteries_included'] } },
    {
      if: hasValue('batteries_included', [true]),
      then: { required: ['battery', 'num_batteries'], properties: { battery: { items: { required: ['cell_composition'] } } } },
    },
    // Variations: any parentage needs the relationship and a theme; only children name a parent SKU.
    { if: { required: ['parentage_level'] }, then: { required: ['child_parent_sku_relationship', 'variation_theme'] } },
    {
      if: hasValue('parentage_level', ['child']),
      then: { properties: { child_parent_sku_relationship: { items: { required: ['parent_sku'] } } } },
      else: { properties: { child_parent_sku_relationship: { items: { not: { required: ['parent_sku'] } } } } },
    },
  ];
}

/** Test on one object (not an attribute array): "field is one of values". */
function fieldIs(field: string, values: readonly unknown[]): Json {
  return { required: [field], properties: { [field]: { enum: [...values] } } };
}

export interface PropertyGroup {
  title: string;
  description: string;
  propertyNames: string[];
}

/** Amazon-style property groups; names not present in `properties` are dropped, leftovers go to product_details. */
export function groupProperties(properties: Json, extraDetails: readonly string[] = []): Record<string, PropertyGroup> {
  const groups: Record<string, PropertyGroup> = {
    product_identity: {
      title: 'Product Identity',
      description: 'Things that identify the product, such as brand and barcode',
      propertyNames: [
        'item_name',
        'brand',
        'externally_assigned_product_identifier',
        'supplier_declared_has_product_identifier_exemption',
        'item_type_keyword',
        'model_number',
        'manufacturer',
      ],
    },
    offer: {
      title: 'Offer',
      description: 'Sales terms: price, condition and fulfillment',
      propertyNames: [
        'condition_type',
        'condition_note',
        'list_price',
        'purchasable_offer',
        'fulfillment_availability',
        'merchant_shipping_group',
        'max_order_quantity',
      ],
    },
    product_details: {
      title: 'Product Details',
      description: 'Facts about the product shown to customers',
      propertyNames: [
        'bullet_point',
        'product_description',
        'generic_keyword',
        'color',
        'size',
        'material',
        'style',
        'included_components',
        ...extraDetails,
      ],
    },
    images: {
      title: 'Images',
      description: 'Product images',
      propertyNames: [
        'main_product_image_locator',
        'other_product_image_locator_1',
        'other_product_image_locator_2',
        'other_product_image_locator_3',
        'other_product_image_locator_4',
        'other_product_image_locator_5',
        'other_product_image_locator_6',
        'other_product_image_locator_7',
        'other_product_image_locator_8',
      ],
    },
    variations: {
      title: 'Variations',
      description: 'Parent/child variation family',
      propertyNames: ['parentage_level', 'child_parent_sku_relationship', 'variation_theme'],
    },
    safety_and_compliance: {
      title: 'Safety & Compliance',
      description: 'Origin, batteries and dangerous goods',
      propertyNames: [
        'country_of_origin',
        'batteries_required',
        'batteries_included',
        'battery',
        'num_batteries',
        'supplier_declared_dg_hz_regulation',
      ],
    },
    shipping: {
      title: 'Shipping',
      description: 'Product and package size and weight',
      propertyNames: ['item_dimensions', 'item_weight', 'item_package_dimensions', 'item_package_weight'],
    },
  };
  const placed = new Set<string>();
  for (const g of Object.values(groups)) {
    g.propertyNames = g.propertyNames.filter((n) => n in properties && !placed.has(n));
    for (const n of g.propertyNames) placed.add(n);
  }
  for (const n of Object.keys(properties)) if (!placed.has(n)) groups.product_details!.propertyNames.push(n);
  return groups;
}

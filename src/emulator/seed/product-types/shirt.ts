// SHIRT: apparel with department, size/color variations and care instructions.
import { choice, flag, hasValue, productTypeSchema, text, type Json } from './builders.js';
import { commonAttributes, commonRules, groupProperties, variationTheme } from './common.js';
import type { SchemaContext } from './marketplaces.js';

const EXTRA = ['department', 'fit_type', 'sleeve_type', 'collar_style', 'pattern', 'care_instructions', 'fabric_type'];

function properties(ctx: SchemaContext): Json {
  const localized = true;
  return {
    ...commonAttributes(ctx, 'dress-shirts'),
    department: choice({
      title: 'Department',
      description: 'The department the shirt is sold in',
      editable: false,
      choices: [
        ['boys', 'Boys'],
        ['girls', 'Girls'],
        ['mens', 'Mens'],
        ['unisex-adult', 'Unisex Adult'],
        ['unisex-baby', 'Unisex Baby'],
        ['womens', 'Womens'],
      ],
    }),
    fit_type: choice({
      title: 'Fit Type',
      description: 'How the shirt fits',
      choices: [
        ['classic_fit', 'Classic Fit'],
        ['regular_fit', 'Regular Fit'],
        ['relaxed_fit', 'Relaxed Fit'],
        ['slim_fit', 'Slim Fit'],
      ],
    }),
    sleeve_type: choice({
      title: 'Sleeve Type',
      description: 'The sleeve length',
      choices: [
        ['long_sleeve', 'Long Sleeve'],
        ['short_sleeve', 'Short Sleeve'],
        ['sleeveless', 'Sleeveless'],
        ['three_quarter_sleeve', '3/4 Sleeve'],
      ],
    }),
    collar_style: text({ title: 'Collar Style', description: 'The collar style, e.g. button-down', localized, maxLength: 50 }),
    pattern: text({ title: 'Pattern', description: 'The pattern, e.g. plaid or solid', localized, maxLength: 50 }),
    fabric_type: text({
      title: 'Fabric Type',
      description: 'Fabric composition with percentages, e.g. 60% cotton, 40% polyester',
      localized,
      maxLength: 200,
      maxUtf8ByteLength: 400,
    }),
    care_instructions: choice({
      title: 'Care Instructions',
      description: 'How to wash the shirt',
      maxUniqueItems: 3,
      choices: [
        ['dry_clean_only', 'Dry Clean Only'],
        ['hand_wash_only', 'Hand Wash Only'],
        ['machine_wash', 'Machine Wash'],
        ['tumble_dry', 'Tumble Dry'],
      ],
    }),
    is_adult_product: flag({ title: 'Adult Product', description: 'Is the product for adults only?', hidden: true }),
    variation_theme: variationTheme([
      ['COLOR', 'Color'],
      ['SIZE', 'Size'],
      ['SIZE_COLOR', 'Size & Color'],
    ]),
  };
}

export function shirtSchema(ctx: SchemaContext): Json {
  return productTypeSchema(ctx, {
    name: 'SHIRT',
    comment: 'sp-api-mcp emulator seed for SHIRT (our own abridged schema in Amazon product type format)',
    required: [
      'item_name',
      'brand',
      'item_type_keyword',
      'bullet_point',
      'product_description',
      'country_of_origin',
      'department',
      'material',
      'care_instructions',
    ],
    properties: properties(ctx),
    allOf: [
      ...commonRules(),
      // A buyable shirt (not a variation parent) has a size and a color.
      { if: { not: hasValue('parentage_level', ['parent']) }, then: { required: ['size', 'color'] } },
    ],
  });
}

export const SHIRT = {
  displayName: 'Shirt',
  keywords: ['shirt', 'shirts', 't-shirt', 'tee', 'blouse', 'polo', 'button-down', 'oxford', 'top'],
  build: shirtSchema,
  groups: (schema: Json) => groupProperties(schema.properties as Json, EXTRA),
};

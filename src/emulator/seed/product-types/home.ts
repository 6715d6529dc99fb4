// HOME: home decor and furnishings (cushions, curtains, vases, rugs).
import { choice, dimensions, flag, hasValue, integer, productTypeSchema, text, type Json } from './builders.js';
import { commonAttributes, commonRules, groupProperties, variationTheme } from './common.js';
import type { SchemaContext } from './marketplaces.js';

const EXTRA = ['room_type', 'pattern', 'number_of_pieces', 'assembly_required', 'product_care', 'item_shape'];

function properties(ctx: SchemaContext): Json {
  const localized = true;
  return {
    ...commonAttributes(ctx, 'home-decor'),
    room_type: text({ title: 'Room Type', description: 'A room the product is meant for', localized, maxUniqueItems: 5, maxLength: 50 }),
    pattern: text({ title: 'Pattern', description: 'The pattern, e.g. geometric', localized, maxLength: 50 }),
    item_shape: choice({
      title: 'Shape',
      description: 'The shape of the item',
      choices: [
        ['oval', 'Oval'],
        ['rectangular', 'Rectangular'],
        ['round', 'Round'],
        ['square', 'Square'],
      ],
    }),
    number_of_pieces: integer({ title: 'Number of Pieces', description: 'How many pieces come in the set', minimum: 1, maximum: 500 }),
    assembly_required: flag({ title: 'Assembly Required', description: 'Does the customer need to assemble it?' }),
    product_care: text({ title: 'Care Instructions', description: 'How to clean and maintain the product', localized, maxUtf8ByteLength: 500 }),
    assembled_dimensions: dimensions({ title: 'Assembled Dimensions', description: 'The size once assembled' }),
    variation_theme: variationTheme([
      ['COLOR', 'Color'],
      ['SIZE', 'Size'],
      ['SIZE_COLOR', 'Size & Color'],
      ['PATTERN', 'Pattern'],
    ]),
  };
}

export function homeSchema(ctx: SchemaContext): Json {
  return productTypeSchema(ctx, {
    name: 'HOME',
    comment: 'sp-api-mcp emulator seed for HOME (our own abridged schema in Amazon product type format)',
    required: ['item_name', 'brand', 'item_type_keyword', 'bullet_point', 'product_description', 'country_of_origin', 'color', 'material'],
    properties: properties(ctx),
    allOf: [
      ...commonRules(),
      // Furniture-like items that need assembly state their assembled size.
      { if: hasValue('assembly_required', [true]), then: { required: ['assembled_dimensions'] } },
    ],
  });
}

export const HOME = {
  displayName: 'Home',
  keywords: ['home', 'decor', 'cushion', 'pillow', 'curtain', 'vase', 'rug', 'throw', 'blanket', 'candle holder', 'furnishing'],
  build: homeSchema,
  groups: (schema: Json) => groupProperties(schema.properties as Json, EXTRA),
};

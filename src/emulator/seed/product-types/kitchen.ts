// KITCHEN: cookware, drinkware and small appliances (capacity, dishwasher safety, wattage + batteries).
import { VOLUME_UNITS, choice, flag, hasValue, integer, measure, productTypeSchema, text, type Json } from './builders.js';
import { commonAttributes, commonRules, groupProperties, variationTheme } from './common.js';
import type { SchemaContext } from './marketplaces.js';

const EXTRA = ['capacity', 'is_dishwasher_safe', 'is_oven_safe', 'power_source_type', 'wattage', 'finish_type', 'number_of_pieces'];

function properties(ctx: SchemaContext): Json {
  const localized = true;
  return {
    ...commonAttributes(ctx, 'kitchen-gadgets'),
    capacity: measure({ title: 'Capacity', description: 'How much the item holds', units: VOLUME_UNITS, examples: ['750 milliliters'] }),
    is_dishwasher_safe: flag({ title: 'Dishwasher Safe', description: 'Can it go in the dishwasher?' }),
    is_oven_safe: flag({ title: 'Oven Safe', description: 'Can it go in the oven?' }),
    finish_type: text({ title: 'Finish Type', description: 'The surface finish, e.g. brushed', localized, maxLength: 50 }),
    power_source_type: choice({
      title: 'Power Source',
      description: 'How the item is powered',
      choices: [
        ['battery_powered', 'Battery Powered'],
        ['corded_electric', 'Corded Electric'],
        ['manual', 'Manual'],
        ['usb', 'USB'],
      ],
    }),
    wattage: measure({
      title: 'Wattage',
      description: 'Power consumption',
      units: [
        ['watts', 'Watts'],
        ['kilowatts', 'Kilowatts'],
      ],
    }),
    number_of_pieces: integer({ title: 'Number of Pieces', description: 'How many pieces come in the set', minimum: 1, maximum: 500 }),
    variation_theme: variationTheme([
      ['COLOR', 'Color'],
      ['SIZE', 'Size'],
      ['CAPACITY', 'Capacity'],
      ['COLOR_CAPACITY', 'Color & Capacity'],
    ]),
  };
}

export function kitchenSchema(ctx: SchemaContext): Json {
  return productTypeSchema(ctx, {
    name: 'KITCHEN',
    comment: 'sp-api-mcp emulator seed for KITCHEN (our own abridged schema in Amazon product type format)',
    required: ['item_name', 'brand', 'item_type_keyword', 'bullet_point', 'product_description', 'country_of_origin', 'material', 'color'],
    properties: properties(ctx),
    allOf: [
      ...commonRules(),
      // Electric appliances state their wattage; battery-powered ones answer the battery questions.
      { if: hasValue('power_source_type', ['corded_electric']), then: { required: ['wattage'] } },
      { if: hasValue('power_source_type', ['battery_powered']), then: { required: ['batteries_required'] } },
      // Capacity variations need a capacity.
      {
        if: {
          required: ['variation_theme'],
          properties: { variation_theme: { contains: { required: ['name'], properties: { name: { enum: ['CAPACITY', 'COLOR_CAPACITY'] } } } } },
        },
        then: { required: ['capacity'] },
      },
    ],
  });
}

export const KITCHEN = {
  displayName: 'Kitchen',
  keywords: ['kitchen', 'cookware', 'pan', 'pot', 'knife', 'bottle', 'mug', 'cup', 'blender', 'kettle', 'utensil', 'water bottle'],
  build: kitchenSchema,
  groups: (schema: Json) => groupProperties(schema.properties as Json, EXTRA),
};

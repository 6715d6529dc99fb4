// LUGGAGE: suitcases and travel bags (wheels, locks, shell, capacity). LUGGAGE is also the product type
// Amazon's static sandbox returns for getDefinitionsProductType.
import { VOLUME_UNITS, choice, flag, hasValue, integer, measure, productTypeSchema, text, type Json } from './builders.js';
import { commonAttributes, commonRules, groupProperties, variationTheme } from './common.js';
import type { SchemaContext } from './marketplaces.js';

const EXTRA = ['number_of_wheels', 'wheel_type', 'lock_type', 'shell_type', 'capacity', 'is_expandable', 'luggage_size', 'handle_type'];

function properties(ctx: SchemaContext): Json {
  const localized = true;
  return {
    ...commonAttributes(ctx, 'luggage'),
    number_of_wheels: integer({ title: 'Number of Wheels', description: 'How many wheels the case has (0 for none)', minimum: 0, maximum: 8 }),
    wheel_type: choice({
      title: 'Wheel Type',
      description: 'Spinner (360°) or inline wheels',
      choices: [
        ['inline', 'Inline'],
        ['spinner', 'Spinner'],
      ],
    }),
    lock_type: choice({
      title: 'Lock Type',
      description: 'How the case locks',
      choices: [
        ['combination_lock', 'Combination Lock'],
        ['key_lock', 'Key Lock'],
        ['no_lock', 'No Lock'],
        ['tsa_lock', 'TSA Lock'],
      ],
    }),
    shell_type: choice({
      title: 'Shell Type',
      description: 'Hard or soft shell',
      choices: [
        ['hard_shell', 'Hard Shell'],
        ['soft_shell', 'Soft Shell'],
      ],
    }),
    luggage_size: choice({
      title: 'Luggage Size',
      description: 'The size class of the case',
      choices: [
        ['carry_on', 'Carry-On'],
        ['checked_large', 'Checked - Large'],
        ['checked_medium', 'Checked - Medium'],
        ['underseat', 'Underseat'],
      ],
    }),
    capacity: measure({ title: 'Capacity', description: 'Packing volume', units: VOLUME_UNITS, examples: ['40 liters'] }),
    is_expandable: flag({ title: 'Expandable', description: 'Does a zipper expand the case?' }),
    handle_type: text({ title: 'Handle Type', description: 'e.g. telescoping', localized, maxLength: 50 }),
    variation_theme: variationTheme([
      ['COLOR', 'Color'],
      ['SIZE', 'Size'],
      ['SIZE_COLOR', 'Size & Color'],
    ]),
  };
}

export function luggageSchema(ctx: SchemaContext): Json {
  return productTypeSchema(ctx, {
    name: 'LUGGAGE',
    comment: 'sp-api-mcp emulator seed for LUGGAGE (our own abridged schema in Amazon product type format)',
    required: [
      'item_name',
      'brand',
      'item_type_keyword',
      'bullet_point',
      'product_description',
      'country_of_origin',
      'color',
      'material',
      'number_of_wheels',
      'lock_type',
    ],
    properties: properties(ctx),
    allOf: [
      ...commonRules(),
      // Cases with wheels say what kind.
      {
        if: {
          required: ['number_of_wheels'],
          properties: { number_of_wheels: { contains: { required: ['value'], properties: { value: { minimum: 1 } } } } },
        },
        then: { required: ['wheel_type'] },
      },
      // Carry-ons are sized by airlines: dimensions are required.
      { if: hasValue('luggage_size', ['carry_on', 'underseat']), then: { required: ['item_dimensions'] } },
    ],
  });
}

export const LUGGAGE = {
  displayName: 'Luggage',
  keywords: ['luggage', 'suitcase', 'carry-on', 'carry on', 'travel bag', 'trolley', 'spinner', 'duffel'],
  build: luggageSchema,
  groups: (schema: Json) => groupProperties(schema.properties as Json, EXTRA),
};

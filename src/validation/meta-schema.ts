// Our own compact stand-in for Amazon's product-type meta-schema (written here, not copied).
// Amazon's schemas declare `$schema` = AMAZON_META_SCHEMA_ID; registering this object under that URI lets
// Ajv check them fully offline (the PTD guide warns against resolving meta-schemas online). It extends the
// JSON Schema 2019-09 meta-schema that Ajv2019 bundles and types the Amazon vocabulary keywords. Because
// it sets $recursiveAnchor, the 2019-09 $recursiveRef applies these checks to nested subschemas as well.

export const AMAZON_META_SCHEMA_ID = 'https://schemas.amazon.com/selling-partners/definitions/product-types/meta-schema/v1';
export const AMAZON_VOCABULARY_ID = 'https://schemas.amazon.com/selling-partners/definitions/product-types/vocabulary/v1';
export const JSON_SCHEMA_2019_09_ID = 'https://json-schema.org/draft/2019-09/schema';

const stringList = { type: 'array', items: { type: 'string' } } as const;
const nonNegativeInteger = { type: 'integer', minimum: 0 } as const;

/** JSON schema for the value of each Amazon vocabulary keyword (reused by the Ajv keyword definitions). */
export const AMAZON_KEYWORD_VALUE_SCHEMAS = {
  editable: { type: 'boolean' },
  hidden: { type: 'boolean' },
  enumNames: stringList,
  selectors: stringList,
  maxUniqueItems: nonNegativeInteger,
  minUniqueItems: nonNegativeInteger,
  maxUtf8ByteLength: nonNegativeInteger,
  minUtf8ByteLength: nonNegativeInteger,
  $lifecycle: {
    type: 'object',
    properties: {
      replacedBy: stringList,
      replaces: stringList,
      enumDeprecated: { type: 'array' },
      enumReplacement: {
        type: 'array',
        items: { type: 'object', properties: { value: {}, replacements: { type: 'array' } } },
      },
    },
  },
} as const;

export const AMAZON_META_SCHEMA = {
  $schema: JSON_SCHEMA_2019_09_ID,
  $id: AMAZON_META_SCHEMA_ID,
  $recursiveAnchor: true,
  $vocabulary: {
    'https://json-schema.org/draft/2019-09/vocab/core': true,
    'https://json-schema.org/draft/2019-09/vocab/applicator': true,
    'https://json-schema.org/draft/2019-09/vocab/validation': true,
    'https://json-schema.org/draft/2019-09/vocab/meta-data': true,
    'https://json-schema.org/draft/2019-09/vocab/format': true,
    'https://json-schema.org/draft/2019-09/vocab/content': true,
    [AMAZON_VOCABULARY_ID]: true,
  },
  title: 'sp-api-mcp stand-in for the Amazon product type definition meta-schema v1',
  allOf: [{ $ref: JSON_SCHEMA_2019_09_ID }],
  properties: AMAZON_KEYWORD_VALUE_SCHEMAS,
} as const;

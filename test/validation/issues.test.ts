import { describe, expect, it } from 'vitest';
import { AMAZON_META_SCHEMA_ID, getValidator, validateAttributes } from '../../src/validation/index.js';

const MP = 'ATVPDKIKX0DER';
const sel = ['marketplace_id', 'language_tag'];

/** A small product type in Amazon's shape exercising each translation. */
const schema = {
  $schema: AMAZON_META_SCHEMA_ID,
  $id: 'https://schemas.amazon.com/selling-partners/definitions/product-types/schema/v1/TEST_TYPE',
  $defs: {
    marketplace_id: { type: 'string', anyOf: [{ type: 'string' }, { type: 'string', enum: [MP], enumNames: ['Amazon.com'] }] },
  },
  type: 'object',
  required: ['item_name', 'condition_type'],
  additionalProperties: false,
  properties: {
    item_name: {
      type: 'array',
      minItems: 1,
      selectors: sel,
      minUniqueItems: 1,
      maxUniqueItems: 1,
      items: {
        type: 'object',
        required: ['value', 'marketplace_id', 'language_tag'],
        additionalProperties: false,
        properties: {
          value: { type: 'string', maxLength: 20, maxUtf8ByteLength: 24 },
          marketplace_id: { $ref: '#/$defs/marketplace_id' },
          language_tag: { type: 'string' },
        },
      },
    },
    condition_type: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          value: {
            type: 'string',
            enum: ['new_new', 'used_good', 'used_like_new', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10'],
            enumNames: ['New', 'Used - Good', 'Used - Like New', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10'],
          },
        },
      },
    },
    condition_note: { type: 'array' },
    batteries_required: { type: 'array', items: { type: 'object', properties: { value: { type: 'boolean' } } } },
    batteries_included: { type: 'array' },
    list_price: {
      type: 'array',
      items: { type: 'object', properties: { value: { type: 'number', minimum: 0, multipleOf: 0.01 } } },
    },
    start_at: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          value: {
            oneOf: [
              { type: 'string', format: 'date' },
              { type: 'string', format: 'date-time' },
            ],
          },
        },
      },
    },
  },
  allOf: [
    {
      if: {
        required: ['batteries_required'],
        properties: { batteries_required: { contains: { required: ['value'], properties: { value: { enum: [true] } } } } },
      },
      then: { required: ['batteries_included'] },
    },
  ],
};

const title = (value: string, language_tag = 'en_US') => ({ value, marketplace_id: MP, language_tag });
const valid = () => ({ item_name: [title('Blue mug')], condition_type: [{ value: 'new_new' }] });

describe('issue translation', () => {
  const validate = getValidator(schema, 'test:TEST_TYPE');

  it('returns no issues for valid attributes', () => {
    expect(validate(valid())).toEqual([]);
  });

  it('missing required attribute -> 90220 MISSING_ATTRIBUTE', () => {
    const { condition_type: _, ...rest } = valid();
    expect(validate(rest)).toEqual([
      {
        code: '90220',
        message: "'condition_type' is required but not supplied.",
        severity: 'ERROR',
        categories: ['MISSING_ATTRIBUTE'],
        attributeNames: ['condition_type'],
      },
    ]);
  });

  it('conditional requirement from allOf/if/then -> the same missing message, without the if wrapper', () => {
    const issues = validate({ ...valid(), batteries_required: [{ value: true }] });
    expect(issues).toEqual([
      {
        code: '90220',
        message: "'batteries_included' is required but not supplied.",
        severity: 'ERROR',
        categories: ['MISSING_ATTRIBUTE'],
        attributeNames: ['batteries_included'],
      },
    ]);
    expect(validate({ ...valid(), batteries_required: [{ value: false }] })).toEqual([]);
  });

  it('nested missing field names its path', () => {
    const issues = validate({ ...valid(), item_name: [{ value: 'x', marketplace_id: MP }] });
    expect(issues).toEqual([
      expect.objectContaining({ code: '90220', message: "'item_name[0].language_tag' is required but not supplied.", attributeNames: ['item_name'] }),
    ]);
  });

  it('wrong enum value -> INVALID_ATTRIBUTE listing allowed values with enumNames labels and the count', () => {
    const [issue, ...rest] = validate({ ...valid(), condition_type: [{ value: 'brand_new' }] });
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ code: '4000001', categories: ['INVALID_ATTRIBUTE'], attributeNames: ['condition_type'] });
    expect(issue!.message).toBe(
      "The provided value for 'condition_type' is invalid. 'condition_type[0].value' is 'brand_new'; it must be one of " +
        "'new_new' (New), 'used_good' (Used - Good), 'used_like_new' (Used - Like New), 'a4' (A4), 'a5' (A5), 'a6' (A6), " +
        "'a7' (A7), 'a8' (A8), ... (10 allowed values in total).",
    );
  });

  it('enum value matching a label suggests the real value', () => {
    const [issue] = validate({ ...valid(), condition_type: [{ value: 'Used - Good' }] });
    expect(issue!.message).toContain("did you mean 'used_good' (Used - Good)?");
  });

  it('too long: maxLength reports characters, maxUtf8ByteLength reports bytes of multibyte text', () => {
    const long = validate({ ...valid(), item_name: [title('a'.repeat(21))] });
    expect(long).toEqual([expect.objectContaining({ code: '4000001', attributeNames: ['item_name'] })]);
    expect(long[0]!.message).toContain('is 21 characters long; it must be at most 20 characters');

    const multibyte = validate({ ...valid(), item_name: [title('日本語のタイトル名')] }); // 9 chars, 27 bytes
    expect(multibyte).toHaveLength(1);
    expect(multibyte[0]!.message).toBe(
      "The provided value for 'item_name' is invalid. 'item_name[0].value' is 27 bytes in UTF-8; it must be at most 24 bytes " +
        '(accented letters, CJK characters and emoji take 2-4 bytes each).',
    );
  });

  it('duplicate selector tuple -> 99016 naming the selectors and their values', () => {
    const issues = validate({ ...valid(), item_name: [title('Blue mug'), title('Red mug')] });
    expect(issues).toEqual([
      {
        code: '99016',
        message:
          'A maximum of 1 occurrence(s) is/are allowed for the attribute item_name per combination of marketplace_id, language_tag ' +
          'but it currently occurs 2 times (marketplace_id=ATVPDKIKX0DER, language_tag=en_US).',
        severity: 'ERROR',
        categories: ['INVALID_ATTRIBUTE'],
        attributeNames: ['item_name'],
      },
    ]);
    expect(validate({ ...valid(), item_name: [title('Blue mug'), title('Taza azul', 'es_US')] })).toEqual([]);
  });

  it('unknown attribute -> 90000900 "The attributes are invalid." naming it', () => {
    const issues = validate({ ...valid(), fake_attribute: [{ value: 1 }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: '90000900', categories: ['INVALID_ATTRIBUTE'], attributeNames: ['fake_attribute'] });
    expect(issues[0]!.message).toMatch(/^The attributes are invalid\. 'fake_attribute' is not an attribute of product type TEST_TYPE/);
  });

  it('unknown nested field -> invalid value of the top-level attribute', () => {
    const issues = validate({ ...valid(), item_name: [{ ...title('Mug'), colour: 'blue' }] });
    expect(issues).toEqual([expect.objectContaining({ code: '4000001', attributeNames: ['item_name'] })]);
    expect(issues[0]!.message).toContain("'item_name[0]' must not have the field 'colour'");
  });

  it('folds anyOf/oneOf branch errors into one issue', () => {
    const issues = validate({ ...valid(), start_at: [{ value: 'tomorrow' }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe(
      "The provided value for 'start_at' is invalid. 'start_at[0].value' is 'tomorrow'; it must be a valid date or must be a valid date-time.",
    );
    expect(validate({ ...valid(), start_at: [{ value: '2025-11-28' }] })).toEqual([]);
  });

  it('the anyOf [string, enum] selector pattern accepts other strings (Amazon: enum is a suggestion)', () => {
    expect(validate({ ...valid(), item_name: [{ value: 'x', marketplace_id: 'A2EUQ1WTGCTBG2', language_tag: 'en_US' }] })).toEqual([]);
  });

  it('wrong type names the expected type; the attributes must be arrays', () => {
    const issues = validate({ ...valid(), item_name: 'Blue mug' as unknown as never });
    expect(issues).toEqual([
      expect.objectContaining({ code: '4000001', message: "The provided value for 'item_name' is invalid. 'item_name' must be an array." }),
    ]);
  });

  it('prices with cents pass multipleOf 0.01 despite floating point (19.99 / 0.01 is not an integer in JS)', () => {
    expect(validate({ ...valid(), list_price: [{ value: 19.99 }] })).toEqual([]);
    expect(validate({ ...valid(), list_price: [{ value: 19.999 }] })[0]!.message).toContain('must be a multiple of 0.01');
  });

  it('reports several problems at once, deduplicated', () => {
    const issues = validate({ item_name: [title('a'.repeat(30)), title('b')], extra: [] });
    expect(issues.map((i) => i.code).sort()).toEqual(['4000001', '90000900', '90220', '99016']);
    // Too long in characters and in bytes: one issue stating both limits.
    expect(issues.find((i) => i.code === '4000001')!.message).toBe(
      "The provided value for 'item_name' is invalid. 'item_name[0].value' is 30 characters long (30 bytes in UTF-8); " +
        'it must be at most 20 characters and must be at most 24 bytes (accented letters, CJK characters and emoji take 2-4 bytes each).',
    );
  });

  it('caches by key and by schema object', () => {
    expect(getValidator(schema, 'test:TEST_TYPE')).toBe(validate);
    const byObject = getValidator(schema);
    expect(getValidator(schema)).toBe(byObject);
    expect(validateAttributes(schema, valid())).toEqual([]);
  });

  it('compiles two different schemas that share an $id (one per marketplace)', () => {
    const other = { ...schema, required: ['item_name'] };
    const { condition_type: _, ...noCondition } = valid();
    expect(getValidator(other)(noCondition)).toEqual([]);
    expect(validate(noCondition)).toHaveLength(1);
  });
});

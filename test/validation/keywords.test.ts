import { describe, expect, it } from 'vitest';
import { AMAZON_META_SCHEMA_ID, compileValidator, createAjv, selectorTuple } from '../../src/validation/index.js';

const MP = 'ATVPDKIKX0DER';

/** A one-attribute schema in Amazon's shape, so keywords are tested where Amazon uses them. */
function schemaWith(attribute: object): object {
  return { $schema: AMAZON_META_SCHEMA_ID, type: 'object', properties: { a: attribute } };
}

describe('maxUniqueItems with selectors', () => {
  const validate = compileValidator(
    schemaWith({ type: 'array', selectors: ['marketplace_id', 'language_tag'], maxUniqueItems: 1, items: { type: 'object' } }),
  );

  it('passes when each selector tuple occurs at most once', () => {
    expect(
      validate({
        a: [
          { value: 'x', marketplace_id: MP, language_tag: 'en_US' },
          { value: 'y', marketplace_id: MP, language_tag: 'es_US' },
        ],
      }),
    ).toEqual([]);
  });

  it('fails when one tuple occurs twice, even with different values', () => {
    const issues = validate({
      a: [
        { value: 'x', marketplace_id: MP, language_tag: 'en_US' },
        { value: 'y', marketplace_id: MP, language_tag: 'en_US' },
      ],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe('99016');
    expect(issues[0]!.message).toContain('marketplace_id, language_tag');
    expect(issues[0]!.message).toContain('occurs 2 times');
  });
});

describe('maxUniqueItems without selectors counts whole items', () => {
  const validate = compileValidator(schemaWith({ type: 'array', maxUniqueItems: 1 }));
  it('passes for distinct items and fails for equal items regardless of key order', () => {
    expect(
      validate({
        a: [
          { x: 1, y: 2 },
          { x: 1, y: 3 },
        ],
      }),
    ).toEqual([]);
    expect(
      validate({
        a: [
          { x: 1, y: 2 },
          { y: 2, x: 1 },
        ],
      })[0]!.code,
    ).toBe('99016');
  });
  it('treats a missing selector as its own value', () => {
    expect(selectorTuple({ a: 1 }, ['b'])).not.toBe(selectorTuple({ a: 1, b: null }, ['b']));
  });
});

describe('minUniqueItems', () => {
  const validate = compileValidator(schemaWith({ type: 'array', selectors: ['marketplace_id'], minUniqueItems: 2 }));
  it('passes with two distinct tuples', () => {
    expect(validate({ a: [{ marketplace_id: MP }, { marketplace_id: 'A2EUQ1WTGCTBG2' }] })).toEqual([]);
  });
  it('fails with fewer distinct tuples than the minimum', () => {
    const issues = validate({ a: [{ marketplace_id: MP }, { marketplace_id: MP }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: '99022', attributeNames: ['a'] });
    expect(issues[0]!.message).toContain("The required minimum is '2' value(s) with distinct marketplace_id");
  });
});

describe('maxUtf8ByteLength / minUtf8ByteLength', () => {
  const validate = compileValidator(schemaWith({ type: 'string', maxUtf8ByteLength: 10, minUtf8ByteLength: 4 }));
  it('passes within the byte limits', () => {
    expect(validate({ a: 'abcdefghij' })).toEqual([]); // 10 bytes
    expect(validate({ a: 'ééé' })).toEqual([]); // 3 chars, 6 bytes
  });
  it('counts bytes, not characters', () => {
    const issues = validate({ a: 'ééééé é' }); // 7 chars, 13 bytes
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain('is 13 bytes in UTF-8');
    expect(issues[0]!.message).toContain('at most 10 bytes');
    expect(validate({ a: '😀😀😀' })[0]!.message).toContain('12 bytes'); // surrogate pairs: 4 bytes each
  });
  it('fails below the minimum byte length', () => {
    expect(validate({ a: 'abc' })[0]!.message).toContain('at least 4 bytes');
    expect(validate({ a: 'éé' })).toEqual([]); // 2 chars but 4 bytes
  });
});

describe('annotation keywords', () => {
  it('editable, hidden, enumNames, selectors and $lifecycle never fail validation', () => {
    const validate = compileValidator(
      schemaWith({
        type: 'string',
        editable: false,
        hidden: true,
        enum: ['a', 'b'],
        enumNames: ['A', 'B'],
        $lifecycle: { enumDeprecated: ['b'], enumReplacement: [{ value: 'b', replacements: ['a'] }] },
      }),
    );
    expect(validate({ a: 'b' })).toEqual([]);
    expect(validate({ a: 'c' })[0]!.code).toBe('4000001');
  });

  it('rejects malformed keyword values when compiling', () => {
    expect(() => compileValidator(schemaWith({ type: 'string', editable: 'yes' }))).toThrow(/editable/);
    expect(() => compileValidator(schemaWith({ type: 'array', maxUniqueItems: 'one' }))).toThrow(/maxUniqueItems/);
    expect(() => compileValidator(schemaWith({ type: 'string', enumNames: [1, 2] }))).toThrow(/enumNames/);
  });

  it('our offline meta-schema checks the vocabulary in nested subschemas', () => {
    const ajv = createAjv();
    const nested = { $schema: AMAZON_META_SCHEMA_ID, properties: { a: { items: { properties: { v: { hidden: 'no' } } } } } };
    expect(ajv.validateSchema(nested)).toBe(false);
    expect(ajv.validateSchema({ $schema: AMAZON_META_SCHEMA_ID, properties: { a: { hidden: true } } })).toBe(true);
  });
});

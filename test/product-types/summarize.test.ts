import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { describeCondition, summarizeProductTypeSchema } from '../../src/product-types/summarize.js';
import { haveModel, modelPath } from '../helpers/models.js';

const productPath = modelPath('product-type-samples/Product.json');
const hasProduct = haveModel('product-type-samples/Product.json', 'the 3% summary test of the PRODUCT schema is');

describe.skipIf(!hasProduct)("requirements summary of Amazon's real PRODUCT schema", () => {
  const raw = hasProduct ? readFileSync(productPath, 'utf8') : '{}';
  const schema = JSON.parse(raw) as Record<string, unknown>;

  it('is at most 3% of the raw schema and names every required attribute', () => {
    const summary = summarizeProductTypeSchema(schema);
    const size = Buffer.byteLength(JSON.stringify(summary));
    expect(size).toBeLessThanOrEqual(Buffer.byteLength(raw) * 0.03);
    const required = schema.required as string[];
    expect(required.length).toBeGreaterThan(0);
    expect(summary.required.map((a) => a.name).sort()).toEqual([...required].sort());
  });

  it('states conditional requirements in words', () => {
    const summary = summarizeProductTypeSchema(schema);
    const battery = summary.conditional.find((c) => c.attributes.includes('batteries_included'));
    expect(battery?.when).toBe('batteries_required is true');
    const offer = summary.conditional.find((c) => c.attributes.includes('condition_type'));
    expect(offer?.when).toBe('skip_offer is not true');
  });

  it('cuts long enums with a count and gives them in full on request', () => {
    const summary = summarizeProductTypeSchema(schema, { attributes: ['country_of_origin', 'no_such_attribute'] });
    const short = summary.required.find((a) => a.name === 'country_of_origin')!;
    expect(short.allowedValues!.length).toBeLessThan(20);
    expect(short.allowedValuesMore).toBeGreaterThan(100);
    const full = summary.details!.find((a) => a.name === 'country_of_origin')!;
    expect(full.allowedValues!.length + (full.allowedValuesMore ?? 0)).toBe(short.allowedValues!.length + short.allowedValuesMore!);
    expect(full.allowedValues).toContain('DE (Germany)');
    expect(summary.unknownAttributes).toEqual(['no_such_attribute']);
  });

  it('describes limits: length, byte length, unique items per selector', () => {
    const summary = summarizeProductTypeSchema(schema);
    const desc = summary.required.find((a) => a.name === 'product_description')!;
    expect(desc.shape).toMatch(/bytes UTF-8/);
    expect(desc.selectors).toEqual(['marketplace_id', 'language_tag']);
    expect(desc.limits).toMatch(/max \d+ per marketplace_id\+language_tag/);
  });
});

describe('describeCondition', () => {
  it('words required/not/anyOf/allOf', () => {
    expect(describeCondition({ required: ['a'] })).toBe('a is provided');
    expect(describeCondition({ not: { required: ['a'] } })).toBe('a is not provided');
    expect(
      describeCondition({
        anyOf: [{ required: ['a'], properties: { a: { contains: { properties: { value: { enum: ['x', 'y'] } } } } } }, { required: ['b'] }],
      }),
    ).toBe('(a is one of "x", "y" or b is provided)');
  });
});

describe('shortened enums keep the values a seller without data needs', () => {
  it('"Unknown" and "Not Applicable" beyond the cut are still listed', () => {
    const values = [...Array.from({ length: 30 }, (_, i) => `v${i}`), 'not_applicable', 'unknown'];
    const schema = {
      required: ['x'],
      properties: {
        x: {
          type: 'array',
          items: {
            type: 'object',
            properties: { value: { type: 'string', enum: values, enumNames: [...values.slice(0, 30), 'Not Applicable', 'Unknown'] } },
          },
        },
      },
    };
    const summary = summarizeProductTypeSchema(schema);
    const x = summary.required[0]!;
    expect(x.allowedValues).toContain('unknown (Unknown)');
    expect(x.allowedValues).toContain('not_applicable (Not Applicable)');
    expect(x.allowedValues!.length + x.allowedValuesMore!).toBe(values.length);
  });
});

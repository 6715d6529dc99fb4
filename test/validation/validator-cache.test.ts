// The compiled-validator cache is bounded: validating against many schemas keeps at most MAX_VALIDATORS compiled,
// and a validator pushed out is compiled again, with the same results.
import { describe, expect, it } from 'vitest';
import { cachedValidatorCount, clearValidatorCache, getValidator, MAX_VALIDATORS } from '../../src/validation/ajv.js';

/** A small schema whose limit differs per index, so each one's results show which schema was used. */
const schemaFor = (i: number) => ({
  type: 'object',
  properties: { item_name: { type: 'array', maxItems: i + 1, items: { type: 'object', properties: { value: { type: 'string' } } } } },
});
const items = (n: number) => ({ item_name: Array.from({ length: n }, () => ({ value: 'x' })) });

describe('validator cache', () => {
  it('stays bounded when many keyed schemas are validated; evicted validators are recompiled and still right', () => {
    clearValidatorCache();
    const n = MAX_VALIDATORS * 3;
    const first = new Map<number, ReturnType<typeof getValidator>>();
    for (let i = 0; i < n; i++) {
      const validate = getValidator(schemaFor(i), `test:many:${i}`);
      first.set(i, validate);
      expect(validate(items(i + 1))).toEqual([]);
      expect(validate(items(i + 2))).toHaveLength(1);
      expect(cachedValidatorCount()).toBeLessThanOrEqual(MAX_VALIDATORS);
    }
    expect(cachedValidatorCount()).toBe(MAX_VALIDATORS);
    // The most recent ones are still cached (same function); the oldest was evicted and is compiled again.
    expect(getValidator(schemaFor(n - 1), `test:many:${n - 1}`)).toBe(first.get(n - 1));
    const again = getValidator(schemaFor(0), 'test:many:0');
    expect(again).not.toBe(first.get(0));
    expect(again(items(1))).toEqual([]);
    expect(again(items(2))).toHaveLength(1);
    expect(cachedValidatorCount()).toBe(MAX_VALIDATORS);
  });

  it('schema objects without a key share the same bound', () => {
    clearValidatorCache();
    const schemas = Array.from({ length: MAX_VALIDATORS + 10 }, (_, i) => schemaFor(i));
    const validators = schemas.map((s) => getValidator(s));
    expect(cachedValidatorCount()).toBe(MAX_VALIDATORS);
    expect(getValidator(schemas.at(-1)!)).toBe(validators.at(-1));
    expect(getValidator(schemas[0]!)).not.toBe(validators[0]);
  });

  it('a validator in use moves to the front and survives newer ones', () => {
    clearValidatorCache();
    const hot = getValidator(schemaFor(100), 'test:hot');
    for (let i = 0; i < MAX_VALIDATORS * 2; i++) {
      getValidator(schemaFor(i), `test:cold:${i}`);
      expect(getValidator(schemaFor(100), 'test:hot')).toBe(hot);
    }
  });
});

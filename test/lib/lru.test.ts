import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/lib/lru.js';

describe('LruCache', () => {
  it('evicts the least recently set entry first and never holds more than maxEntries', () => {
    const lru = new LruCache<string, number>({ maxEntries: 3 });
    for (const [i, k] of ['a', 'b', 'c', 'd', 'e'].entries()) {
      lru.set(k, i);
      expect(lru.size).toBeLessThanOrEqual(3);
    }
    expect(lru.keys()).toEqual(['c', 'd', 'e']);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('c')).toBe(2);
  });

  it('get makes an entry the most recently used; peek and has do not', () => {
    const lru = new LruCache<string, number>({ maxEntries: 3 });
    lru.set('a', 1).set('b', 2).set('c', 3);
    expect(lru.get('a')).toBe(1);
    expect(lru.keys()).toEqual(['b', 'c', 'a']);
    lru.set('d', 4);
    expect(lru.keys()).toEqual(['c', 'a', 'd']); // b, not a, was evicted
    expect(lru.peek('c')).toBe(3);
    expect(lru.has('c')).toBe(true);
    lru.set('e', 5);
    expect(lru.has('c')).toBe(false); // peek/has did not save it
    expect(lru.keys()).toEqual(['a', 'd', 'e']);
  });

  it('set on an existing key replaces the value and refreshes it', () => {
    const lru = new LruCache<string, number>({ maxEntries: 2 });
    lru.set('a', 1).set('b', 2).set('a', 10).set('c', 3);
    expect(lru.keys()).toEqual(['a', 'c']);
    expect(lru.get('a')).toBe(10);
    expect(lru.size).toBe(2);
  });

  it('respects a total size budget, evicting as many old entries as needed', () => {
    const lru = new LruCache<string, string>({ maxEntries: 100, maxSize: 10, sizeOf: (v) => v.length });
    lru.set('a', 'xxxx').set('b', 'xxxx');
    expect(lru.totalSize).toBe(8);
    lru.set('c', 'xxxxxxx'); // 15 > 10: both a and b go
    expect(lru.keys()).toEqual(['c']);
    expect(lru.totalSize).toBe(7);
    lru.set('d', 'xxx');
    expect(lru.keys()).toEqual(['c', 'd']);
    expect(lru.totalSize).toBe(10);
  });

  it('does not keep an entry larger than the whole budget, and drops the old value of its key', () => {
    const lru = new LruCache<string, string>({ maxEntries: 10, maxSize: 5, sizeOf: (v) => v.length });
    lru.set('a', 'xx').set('b', 'yy');
    lru.set('b', 'zzzzzz');
    expect(lru.has('b')).toBe(false);
    expect(lru.keys()).toEqual(['a']);
    expect(lru.totalSize).toBe(2);
  });

  it('delete and clear keep the size accounting right', () => {
    const lru = new LruCache<string, string>({ maxEntries: 10, maxSize: 100, sizeOf: (v) => v.length });
    lru.set('a', 'xxx').set('b', 'yyyy');
    expect(lru.delete('a')).toBe(true);
    expect(lru.delete('a')).toBe(false);
    expect(lru.totalSize).toBe(4);
    lru.clear();
    expect([lru.size, lru.totalSize]).toEqual([0, 0]);
  });

  it('keys may be objects (compared by identity)', () => {
    const lru = new LruCache<object, string>({ maxEntries: 1 });
    const k1 = {};
    lru.set(k1, 'one');
    expect(lru.get({})).toBeUndefined();
    expect(lru.get(k1)).toBe('one');
    lru.set({}, 'two');
    expect(lru.has(k1)).toBe(false);
  });

  it('refuses bounds that cannot work', () => {
    expect(() => new LruCache({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => new LruCache({ maxEntries: 1.5 })).toThrow(RangeError);
    expect(() => new LruCache({ maxEntries: 1, maxSize: 10 })).toThrow(/sizeOf/);
    const lru = new LruCache<string, number>({ maxEntries: 2, maxSize: 10, sizeOf: (v) => v });
    expect(() => lru.set('a', Number.NaN)).toThrow(RangeError);
  });
});

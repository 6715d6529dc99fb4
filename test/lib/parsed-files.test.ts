import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ParsedFiles } from '../../src/lib/parsed-files.js';

const dir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-parsed-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const T = new Date('2030-01-01T00:00:00Z');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  utimesSync(path, T, T);
  return path;
};

describe('ParsedFiles', () => {
  it('parses once while the files are unchanged, again when one changes size or mtime or the tag differs', () => {
    const cache = new ParsedFiles<string>({ maxEntries: 4, maxBytes: 1000 });
    const a = file('a.txt', 'alpha');
    const meta = file('a.meta', '{}');
    let parses = 0;
    const parse = () => `parsed ${++parses}`;
    expect(cache.get([a, meta], parse, 'T1')).toBe('parsed 1');
    expect(cache.get([a, meta], parse, 'T1')).toBe('parsed 1');
    utimesSync(meta, T, new Date(T.getTime() + 1000));
    expect(cache.get([a, meta], parse, 'T1')).toBe('parsed 2'); // meta's mtime moved
    file('a.txt', 'alphabet');
    expect(cache.get([a, meta], parse, 'T1')).toBe('parsed 3'); // size changed
    expect(cache.get([a, meta], parse, 'T2')).toBe('parsed 4'); // another tag
    expect(parses).toBe(4);
  });

  it('set records a value for files just written', () => {
    const cache = new ParsedFiles<string>({ maxEntries: 4, maxBytes: 1000 });
    const b = file('b.txt', 'beta');
    cache.set([b], 'written');
    expect(cache.get([b], () => 'parsed')).toBe('written');
  });

  it("is bounded by entries and by the files' bytes", () => {
    const cache = new ParsedFiles<number>({ maxEntries: 2, maxBytes: 10 });
    const paths = ['c1', 'c2', 'c3'].map((n) => file(n, 'xxxx'));
    paths.forEach((p, i) => cache.get([p], () => i));
    expect(cache.size).toBe(2);
    expect(cache.get([paths[0]!], () => 99)).toBe(99); // evicted, parsed again
    const big = file('big', 'x'.repeat(11));
    expect(cache.get([big], () => 1)).toBe(1);
    expect(cache.get([big], () => 2)).toBe(2); // larger than the budget: never kept
  });
});

// Values derived from files on disk (a saved report parsed into tables), kept in a bounded LRU while the files are
// unchanged, so the same file is not read and parsed again for every page. A file counts as unchanged while its
// size and mtime are; the size budget counts the files' bytes.
import { statSync } from 'node:fs';
import { LruCache } from './lru.js';

interface Entry<T> {
  signature: string;
  bytes: number;
  value: T;
}

export class ParsedFiles<T> {
  readonly #cache: LruCache<string, Entry<T>>;

  constructor(opts: { maxEntries: number; maxBytes: number }) {
    this.#cache = new LruCache({ maxEntries: opts.maxEntries, maxSize: opts.maxBytes, sizeOf: (e) => e.bytes });
  }

  /**
   * parse()'s value for these files (the first one names the entry), parsed again only when one of them has changed
   * or the entry was evicted. `tag` is part of the identity (e.g. the report type the parser depends on).
   */
  get(files: string[], parse: () => T, tag = ''): T {
    // Stat before parse() reads: a file changed in between fails the next check and is parsed again.
    const { signature, bytes } = signatureOf(files, tag);
    const hit = this.#cache.get(files[0]!);
    if (hit?.signature === signature) return hit.value;
    const value = parse();
    this.#cache.set(files[0]!, { signature, bytes, value });
    return value;
  }

  /** Records a value just derived from what was written to these files, so the first read does not parse again. */
  set(files: string[], value: T, tag = ''): void {
    this.#cache.set(files[0]!, { ...signatureOf(files, tag), value });
  }

  /** Entries held (for tests and figures). */
  get size(): number {
    return this.#cache.size;
  }
}

function signatureOf(files: string[], tag: string): { signature: string; bytes: number } {
  let bytes = 0;
  const parts = [tag];
  for (const f of files) {
    const st = statSync(f);
    bytes += st.size;
    parts.push(`${st.size}:${st.mtimeMs}`);
  }
  return { signature: parts.join('|'), bytes };
}

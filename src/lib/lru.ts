// A least-recently-used cache over a Map: a Map iterates in insertion order, so re-inserting an entry on every hit
// keeps the least recently used one first, and eviction takes from the front.
// Bounded by an entry count and, optionally, a total size (sizeOf per entry, e.g. bytes).

export interface LruOptions<K, V> {
  /** Most entries kept (≥ 1). */
  maxEntries: number;
  /** Most total size kept, as measured by sizeOf. An entry larger than this on its own is not kept at all. */
  maxSize?: number;
  sizeOf?: (value: V, key: K) => number;
}

export class LruCache<K, V> {
  readonly #entries = new Map<K, { value: V; size: number }>();
  readonly #maxEntries: number;
  readonly #maxSize: number;
  readonly #sizeOf: ((value: V, key: K) => number) | undefined;
  #totalSize = 0;

  constructor(opts: LruOptions<K, V>) {
    if (!Number.isInteger(opts.maxEntries) || opts.maxEntries < 1) throw new RangeError('LruCache: maxEntries must be an integer ≥ 1');
    if (opts.maxSize !== undefined && !(opts.maxSize > 0)) throw new RangeError('LruCache: maxSize must be > 0');
    if (opts.maxSize !== undefined && !opts.sizeOf) throw new RangeError('LruCache: maxSize needs sizeOf');
    this.#maxEntries = opts.maxEntries;
    this.#maxSize = opts.maxSize ?? Infinity;
    this.#sizeOf = opts.sizeOf;
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** The value without changing its recency. */
  peek(key: K): V | undefined {
    return this.#entries.get(key)?.value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** Stores (or replaces) as the most recently used, then evicts the least recently used until within bounds. */
  set(key: K, value: V): this {
    this.delete(key);
    const size = this.#sizeOf ? this.#sizeOf(value, key) : 0;
    if (!(size >= 0)) throw new RangeError(`LruCache: sizeOf gave ${size}`);
    if (size > this.#maxSize) return this;
    this.#entries.set(key, { value, size });
    this.#totalSize += size;
    while (this.#entries.size > this.#maxEntries || this.#totalSize > this.#maxSize) {
      const oldest = this.#entries.keys().next().value as K;
      this.delete(oldest);
    }
    return this;
  }

  delete(key: K): boolean {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#entries.delete(key);
    this.#totalSize -= entry.size;
    return true;
  }

  clear(): void {
    this.#entries.clear();
    this.#totalSize = 0;
  }

  /** Number of entries. */
  get size(): number {
    return this.#entries.size;
  }

  /** Sum of sizeOf over the entries (0 without sizeOf). */
  get totalSize(): number {
    return this.#totalSize;
  }

  /** Keys from least to most recently used. */
  keys(): K[] {
    return [...this.#entries.keys()];
  }
}

// Large documents (product type schemas, reports) are kept on disk and offered as MCP resources,
// so replies can point at them instead of pasting them.
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

export interface StoredResource {
  uri: string;
  name: string;
  title: string;
  mimeType: string;
  path: string;
  size: number;
}

export const RESOURCE_SCHEME = 'sp-api-mcp';

export class ResourceStore {
  private readonly entries = new Map<string, StoredResource>();

  constructor(private readonly dir: string) {}

  /** A file-safe name for a key made of untrusted parts. */
  static fileKey(parts: string[]): string {
    const readable = parts.map((p) => p.replace(/[^A-Za-z0-9_.-]+/g, '_')).join('__');
    const digest = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 12);
    return `${readable.slice(0, 120)}__${digest}`;
  }

  uriFor(kind: string, key: string): string {
    return `${RESOURCE_SCHEME}://${kind}/${key}`;
  }

  /** Path where a document of this kind and key lives (whether or not it exists yet). */
  pathFor(kind: string, key: string, ext: string): string {
    return join(this.dir, kind, `${key}.${ext}`);
  }

  has(kind: string, key: string, ext: string): boolean {
    return existsSync(this.pathFor(kind, key, ext));
  }

  /** Writes (or re-registers an existing) document and returns its resource entry. */
  put(kind: string, key: string, opts: { ext: string; mimeType: string; title: string; content?: string | Buffer }): StoredResource {
    const path = this.pathFor(kind, key, opts.ext);
    mkdirSync(join(this.dir, kind), { recursive: true });
    if (opts.content !== undefined) writeFileSync(path, opts.content);
    const size = opts.content !== undefined ? Buffer.byteLength(opts.content) : readFileSync(path).length;
    const entry: StoredResource = { uri: this.uriFor(kind, key), name: `${kind}/${key}`, title: opts.title, mimeType: opts.mimeType, path, size };
    this.entries.set(entry.uri, entry);
    return entry;
  }

  get(uri: string): StoredResource | undefined {
    return this.entries.get(uri);
  }

  list(): StoredResource[] {
    return [...this.entries.values()];
  }

  read(uri: string): { text: string; mimeType: string } | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    return { text: readFileSync(entry.path, 'utf8'), mimeType: entry.mimeType };
  }

  /** Files of one kind already on disk (e.g. schemas cached by an earlier run). */
  filesOf(kind: string): string[] {
    const dir = join(this.dir, kind);
    return existsSync(dir) ? readdirSync(dir) : [];
  }
}

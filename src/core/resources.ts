// Large documents (product type schemas, reports) are kept on disk and offered as MCP resources,
// so replies can point at them instead of pasting them.
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
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

const MIME_BY_EXT: Record<string, string> = { json: 'application/json', csv: 'text/csv', tsv: 'text/tab-separated-values', txt: 'text/plain' };

export class ResourceStore {
  private readonly entries = new Map<string, StoredResource>();

  /** Documents saved by earlier runs are offered again, so a restart loses no resource. */
  constructor(private readonly dir: string) {
    if (!existsSync(dir)) return;
    for (const kind of readdirSync(dir)) {
      for (const file of this.filesOf(kind)) {
        const dot = file.lastIndexOf('.');
        if (dot <= 0) continue;
        const key = file.slice(0, dot);
        const ext = file.slice(dot + 1);
        const path = join(dir, kind, file);
        this.entries.set(this.uriFor(kind, key), {
          uri: this.uriFor(kind, key),
          name: `${kind}/${key}`,
          title: `${kind}/${key}`,
          mimeType: MIME_BY_EXT[ext] ?? 'application/octet-stream',
          path,
          size: statSync(path).size,
        });
      }
    }
  }

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
    mkdirSync(join(this.dir, kind), { recursive: true, mode: 0o700 });
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
    // A BOM helps Excel open a CSV file but is noise in a resource's text.
    return { text: readFileSync(entry.path, 'utf8').replace(/^\uFEFF/, ''), mimeType: entry.mimeType };
  }

  /** Files of one kind already on disk (e.g. schemas cached by an earlier run). */
  filesOf(kind: string): string[] {
    const dir = join(this.dir, kind);
    return existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir) : [];
  }
}

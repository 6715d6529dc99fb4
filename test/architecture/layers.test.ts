// The layering of docs/architecture.md, checked on the import lines of src/: every import goes down (or stays in
// its own folder). A new upward import fails here with the file, the import and the rule it breaks.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Lower ranks are lower layers. Folders of one rank may not import each other. */
export const LAYERS: Record<string, number> = {
  lib: 0,
  auth: 1,
  'sp-api': 2,
  store: 2,
  validation: 2,
  core: 3,
  'product-types': 4,
  workflows: 5,
  tools: 6,
  server: 6,
  cli: 7,
};
/** The emulator stands apart: it shares only the operations table, reference data and the validator. */
const EMULATOR_MAY_IMPORT = [/^lib\//, /^sp-api\/operations\.ts$/, /^validation\//];

interface Edge {
  from: string;
  to: string;
  line: string;
}

function sourceFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

/** Every relative import (static, dynamic, type-only, re-export) of every file under src/. */
export function importEdges(): Edge[] {
  const edges: Edge[] = [];
  const re = /(?:^|\s)(?:import|export)\b[^'";]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(re)) {
      const spec = (m[1] ?? m[2])!;
      const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
      edges.push({ from: relative(SRC, file).split(sep).join('/'), to: relative(SRC, target).split(sep).join('/'), line: m[0].trim() });
    }
  }
  return edges;
}

const top = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '(root)');

export function violations(edges: Edge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const a = top(e.from);
    const b = top(e.to);
    if (a === b) continue;
    if (b === 'emulator') {
      if (a !== 'cli') out.push(`${e.from}: ${e.line} — only the CLI starts the emulator`);
      continue;
    }
    if (a === 'emulator') {
      if (!EMULATOR_MAY_IMPORT.some((r) => r.test(e.to)))
        out.push(`${e.from}: ${e.line} — the emulator may use only lib/, the operations table and validation/`);
      continue;
    }
    const ra = LAYERS[a];
    const rb = LAYERS[b];
    if (ra === undefined || rb === undefined) {
      out.push(`${e.from}: ${e.line} — ${ra === undefined ? a : b} is not a layer in docs/architecture.md`);
    } else if (rb >= ra) {
      out.push(`${e.from}: ${e.line} — ${a} (layer ${ra}) may not import ${b} (layer ${rb})`);
    }
  }
  return out;
}

describe('layering', () => {
  it('every import in src/ goes down a layer (docs/architecture.md)', () => {
    const edges = importEdges();
    expect(edges.length).toBeGreaterThan(200);
    expect(violations(edges)).toEqual([]);
  });

  it('the check itself catches an upward import, a sideways one and a reach into the emulator', () => {
    expect(violations([{ from: 'workflows/reports.ts', to: 'server/create-server.ts', line: 'x' }])).toHaveLength(1);
    expect(violations([{ from: 'server/create-server.ts', to: 'tools/index.ts', line: 'x' }])).toHaveLength(1);
    expect(violations([{ from: 'tools/a.ts', to: 'emulator/index.ts', line: 'x' }])).toHaveLength(1);
    expect(violations([{ from: 'emulator/x.ts', to: 'sp-api/client.ts', line: 'x' }])).toHaveLength(1);
    expect(violations([{ from: 'tools/a.ts', to: 'workflows/b.ts', line: 'x' }])).toEqual([]);
  });

  it('every folder of src/ is a layer or the emulator', () => {
    const dirs = readdirSync(SRC, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(dirs.filter((d) => d !== 'emulator' && LAYERS[d] === undefined)).toEqual([]);
    expect(readdirSync(SRC).filter((f) => f.endsWith('.ts'))).toEqual([]);
  });
});

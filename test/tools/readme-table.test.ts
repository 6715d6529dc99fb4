// README's tool table is generated from the registry; this fails when a tool is added, renamed or re-described
// without `npm run docs:tools`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { toolTable, withToolTable } from '../../src/tools/readme-table.js';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

describe('README tool table', () => {
  it('matches the registry (run npm run docs:tools after changing a tool)', () => {
    expect(withToolTable(readme, ALL_TOOLS)).toBe(readme);
  });

  it('has one row per tool, each with its capability', () => {
    for (const t of ALL_TOOLS) expect(readme).toContain(`| \`${t.name}\` | ${t.capability} |`);
    expect(toolTable(ALL_TOOLS).split('\n')).toHaveLength(ALL_TOOLS.length + 2);
  });

  it('would notice a changed summary', () => {
    const changed = ALL_TOOLS.map((t, i) => (i === 0 ? { ...t, summary: 'something else' } : t));
    expect(withToolTable(readme, changed)).not.toBe(readme);
  });
});

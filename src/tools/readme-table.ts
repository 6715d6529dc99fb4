// The README's tool table, made from the registry so it cannot drift from the tools: grouped by toolset, one row
// per tool with its capability and its one-line summary. `npm run docs:tools` rewrites it; a test checks it.
import { TOOLSETS } from '../core/capabilities.js';
import type { ToolSpec } from '../core/tool.js';

export const TABLE_START = "<!-- tools:start — generated from each tool's summary by `npm run docs:tools`; edit the tools, not this table -->";
export const TABLE_END = '<!-- tools:end -->';

export function toolTable(tools: readonly ToolSpec[]): string {
  const rows = [...tools]
    .map((t, i) => ({ t, i }))
    .sort((a, b) => TOOLSETS.indexOf(a.t.toolset) - TOOLSETS.indexOf(b.t.toolset) || a.i - b.i)
    .map(({ t }) => `| \`${t.name}\` | ${t.capability} | ${t.summary.replace(/\|/g, '\\|')} |`);
  return ['| Tool | Capability | What it does |', '|---|---|---|', ...rows].join('\n');
}

/** The README with its table replaced; throws when the markers are missing. */
export function withToolTable(readme: string, tools: readonly ToolSpec[]): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${TABLE_START} … ${TABLE_END} section`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${toolTable(tools)}\n${readme.slice(end)}`;
}

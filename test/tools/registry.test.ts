// Registry-wide rules: every tool is fully declared; read-only, capabilities and toolsets filter the list;
// a hidden tool is refused with CAPABILITY_NOT_ALLOWED; tool definitions match their snapshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { defineTool, type ToolSpec } from '../../src/core/tool.js';
import { CAPABILITIES, TOOLSETS } from '../../src/core/capabilities.js';
import { isWriteTool, selectTools } from '../../src/server/registry.js';
import { buildConfig } from '../../src/core/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const SNAP_DIR = join(import.meta.dirname, '__toolsnaps__');

// A write tool defined here, so the filters are exercised even for areas whose real write tools live elsewhere.
const fakeWrite = defineTool({
  name: 'test_write_tool',
  title: 'Test write',
  summary: 'a write tool (tests only)',
  description: 'A write tool used only by this test.',
  toolset: 'listings',
  capability: 'listings.write',
  input: z.object({}).strict(),
  output: z.object({ done: z.boolean() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async run() {
    return { done: true };
  },
}) as unknown as ToolSpec;

describe('every tool is fully declared', () => {
  it('names are unique snake_case, with title, LLM description, capability and toolset', () => {
    const names = ALL_TOOLS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of ALL_TOOLS) {
      expect(t.name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/);
      expect(t.title.length).toBeGreaterThan(5);
      expect(t.description.length, t.name).toBeGreaterThan(120);
      expect(CAPABILITIES).toContain(t.capability);
      expect(TOOLSETS).toContain(t.toolset);
    }
  });

  it('has all four annotations set explicitly, consistent with its capability', () => {
    for (const t of ALL_TOOLS) {
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof t.annotations[hint], `${t.name}.${hint}`).toBe('boolean');
      }
      if (t.capability.endsWith('.read')) expect(t.annotations.readOnlyHint, t.name).toBe(true);
      if (t.annotations.readOnlyHint) expect(t.annotations.destructiveHint, t.name).toBe(false);
    }
  });

  it('has a strict input (unknown keys rejected) and an output schema', () => {
    for (const t of ALL_TOOLS) {
      const json = z.toJSONSchema(t.input) as Record<string, unknown>;
      expect(json.type, t.name).toBe('object');
      expect(json.additionalProperties, t.name).toBe(false);
      expect(t.input.safeParse({ __unknown__: 1 }).success, t.name).toBe(false);
      expect((z.toJSONSchema(t.output) as Record<string, unknown>).type, t.name).toBe('object');
    }
  });
});

describe('selection', () => {
  const tools = [...ALL_TOOLS, fakeWrite];

  it('read-only removes every write tool, whatever else is asked', () => {
    const cfg = buildConfig({ readOnly: true, capabilities: 'listings.write,listings.read', toolsets: 'listings', dataDir: '/tmp/x' });
    const { allowed, denied } = selectTools(tools, cfg);
    expect(allowed.some(isWriteTool)).toBe(false);
    expect(denied.get('test_write_tool')).toMatch(/read-only/);
    expect(allowed.map((t) => t.name)).toContain('listings_get');
  });

  it('capabilities and toolsets narrow the list', () => {
    const byCap = selectTools(tools, buildConfig({ capabilities: 'catalog.read', dataDir: '/tmp/x' }));
    expect(byCap.allowed.every((t) => t.capability === 'catalog.read')).toBe(true);
    expect(byCap.denied.get('listings_get')).toMatch(/capability "listings.read"/);
    const byToolset = selectTools(tools, buildConfig({ toolsets: 'account', dataDir: '/tmp/x' }));
    expect(byToolset.allowed.map((t) => t.name).sort()).toEqual(['account_health', 'account_status', 'audit_recent']);
  });
});

describe('over MCP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      config: { readOnly: true, capabilities: 'account.read,listings.read,listings.write' },
      tools: [...ALL_TOOLS, fakeWrite],
    });
  });
  afterAll(async () => h?.close());

  it('lists only allowed tools, each with annotations and an output schema', async () => {
    const { tools } = await h.mcp.listTools();
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual([
      'account_status',
      'audit_recent',
      'export_discard',
      'export_load',
      'export_map',
      'export_report',
      'export_status',
      'listings_get',
      'listings_restrictions',
      'listings_search',
      'listings_validate',
    ]);
    for (const t of tools) {
      expect(t.annotations?.readOnlyHint).toBe(true);
      expect(t.outputSchema).toBeTruthy();
      expect(t.inputSchema.additionalProperties).toBe(false);
    }
  });

  it('refuses a hidden tool with CAPABILITY_NOT_ALLOWED and the setting that hides it', async () => {
    const w = await h.call('test_write_tool');
    expect(w.isError).toBe(true);
    expect(w.data.error.code).toBe('CAPABILITY_NOT_ALLOWED');
    expect(w.data.error.message).toMatch(/read-only/);
    const c = await h.call('catalog_search', { keywords: ['x'] });
    expect(c.data.error.code).toBe('CAPABILITY_NOT_ALLOWED');
    expect(c.data.error.message).toMatch(/catalog\.read/);
  });

  it('refuses a marketplace outside the allowlist', async () => {
    const m = await startHarness({ config: { marketplaces: 'US' } });
    try {
      const r = await m.call('listings_get', { sku: 'NW-TEE-NAVY-M', marketplace: 'DE' });
      expect(r.isError).toBe(true);
      expect(r.data.error.code).toBe('MARKETPLACE_NOT_ALLOWED');
    } finally {
      await m.close();
    }
  });
});

describe('tool snapshots', () => {
  it('every tool definition matches its __toolsnaps__ file (UPDATE_TOOLSNAPS=true rewrites)', async () => {
    const h = await startHarness();
    try {
      const { tools } = await h.mcp.listTools();
      expect(tools.length).toBe(ALL_TOOLS.length);
      mkdirSync(SNAP_DIR, { recursive: true });
      for (const t of tools) {
        const file = join(SNAP_DIR, `${t.name}.snap`);
        const current = `${JSON.stringify(t, null, 2)}\n`;
        if (process.env.UPDATE_TOOLSNAPS === 'true') writeFileSync(file, current);
        expect(existsSync(file), `missing snapshot ${file}: run UPDATE_TOOLSNAPS=true npm test`).toBe(true);
        expect(JSON.parse(current), `${t.name} changed: review the diff, then UPDATE_TOOLSNAPS=true npm test`).toEqual(
          JSON.parse(readFileSync(file, 'utf8')),
        );
      }
    } finally {
      await h.close();
    }
  });
});

// tools/call is answered by our handler (src/server/tool-calls.ts) through the SDK's public low-level API.
// One test per behaviour it provides, so an SDK upgrade that changes any of them fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_TOOLS } from '../../src/tools/index.js';
import { defineTool, type ToolSpec } from '../../src/core/tool.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const echo = defineTool({
  name: 'test_echo',
  title: 'Echo for tests',
  summary: 'echo (tests only)',
  description: 'Returns its argument; used only by this test.',
  toolset: 'account',
  capability: 'account.read',
  input: z.object({ word: z.string().min(2) }).strict(),
  output: z.object({ word: z.string() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run({ word }) {
    return { word };
  },
}) as unknown as ToolSpec;

// Returns a field its output schema does not declare: what a client would reject with -32602.
const drifted = defineTool({
  ...(echo as unknown as Parameters<typeof defineTool>[0]),
  name: 'test_drifted',
  async run({ word }: { word: string }) {
    return { word, extra: 'not declared' } as { word: string };
  },
}) as unknown as ToolSpec;

const hidden = defineTool({
  ...(echo as unknown as Parameters<typeof defineTool>[0]),
  name: 'test_hidden',
  capability: 'catalog.read',
}) as unknown as ToolSpec;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    tools: [echo, drifted, hidden, ...ALL_TOOLS.filter((t) => t.name === 'account_status')],
    config: { capabilities: 'account.read' },
  });
  await h.mcp.listTools();
});
afterAll(() => h.close());

describe('tools/call', () => {
  it('runs a listed tool and returns structured content with its JSON text', async () => {
    const r = await h.mcp.callTool({ name: 'test_echo', arguments: { word: 'hello' } });
    expect(r.isError).not.toBe(true);
    expect(r.structuredContent).toEqual({ word: 'hello' });
    expect(JSON.parse((r.content as Array<{ text: string }>)[0]!.text)).toEqual({ word: 'hello' });
  });

  it('answers invalid arguments with INVALID_REQUEST, the field and a next step', async () => {
    const r = await h.call('test_echo', { word: 'x' });
    expect(r.isError).toBe(true);
    expect(r.data.error.code).toBe('INVALID_REQUEST');
    expect(r.data.error.message).toMatch(/word: .*2/);
    expect(r.data.error.message).toMatch(/Correct the arguments/);
    const unknownKey = await h.call('test_echo', { word: 'ok', confirm: true });
    expect(unknownKey.data.error.code).toBe('INVALID_REQUEST');
  });

  it('refuses a hidden tool with CAPABILITY_NOT_ALLOWED naming the setting', async () => {
    const { tools } = await h.mcp.listTools();
    expect(tools.map((t) => t.name)).not.toContain('test_hidden');
    const r = await h.call('test_hidden', { word: 'hello' });
    expect(r.isError).toBe(true);
    expect(r.data.error.code).toBe('CAPABILITY_NOT_ALLOWED');
    expect(r.data.error.message).toMatch(/--capabilities/);
  });

  it('answers an unknown tool with a protocol error, as the SDK does', async () => {
    await expect(h.mcp.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/no_such_tool not found/);
  });

  it('catches output that does not match the advertised schema before a client does', async () => {
    const r = await h.call('test_drifted', { word: 'hello' });
    expect(r.isError).toBe(true);
    expect(r.data.error.code).toBe('INTERNAL_ERROR');
  });
});

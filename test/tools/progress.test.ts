// Waiting is visible: throttle waits become MCP progress notifications, and cancelling stops the wait.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('progress and cancellation', () => {
  it('sends progress notifications while a call waits for the rate limit', async () => {
    h = await startHarness();
    // searchCatalogItems: 2 req/s, burst 2. The first two calls drain the bucket; the third must wait.
    await Promise.all([h.call('catalog_search', { keywords: ['a'] }), h.call('catalog_search', { keywords: ['b'] })]);
    const updates: Array<{ progress: number; message?: string }> = [];
    const res = await h.mcp.callTool(
      { name: 'catalog_search', arguments: { keywords: ['shirt'] } },
      { onprogress: (p) => updates.push(p as { progress: number; message?: string }) },
    );
    expect(res.isError).not.toBe(true);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates[0]!.message).toMatch(/rate limit on searchCatalogItems/);
    // Progress must increase.
    for (let i = 1; i < updates.length; i++) expect(updates[i]!.progress).toBeGreaterThan(updates[i - 1]!.progress);
  });

  it('cancelling during a throttle wait stops the call before it reaches Amazon', async () => {
    h = await startHarness();
    await Promise.all([h.call('catalog_search', { keywords: ['a'] }), h.call('catalog_search', { keywords: ['b'] })]);
    // Queue several calls so the last one waits well over a second.
    const queued = [1, 2, 3].map((i) => h!.call('catalog_search', { keywords: [`q${i}`] }));
    const before = h.emulator.stats().byOperation.searchCatalogItems?.requests ?? 0;
    const controller = new AbortController();
    const pending = h.mcp.callTool(
      { name: 'catalog_search', arguments: { keywords: ['cancel-me'] } },
      { signal: controller.signal, onprogress: () => {} },
    );
    setTimeout(() => controller.abort(), 200);
    await expect(pending).rejects.toThrow();
    await Promise.all(queued);
    await new Promise((r) => setTimeout(r, 1500));
    const after = h.emulator.stats().byOperation.searchCatalogItems?.requests ?? 0;
    // Only the three queued calls reached the emulator, not the cancelled one.
    expect(after - before).toBe(3);
  });
});

describe('a 429 storm longer than the old retry window', () => {
  // Once, five quick attempts over ~2 s failed product-type lookups during a 4 s storm; now 429s are waited out.
  it('export-style reads ride it out, reporting the waits as progress', async () => {
    h = await startHarness();
    await h.mcp.listTools();
    h.emulator.setFaults({ throttleStormUntil: Date.now() + 4000, operations: ['getDefinitionsProductType'] });
    const updates: Array<{ progress: number; message?: string }> = [];
    const res = await h.mcp.callTool(
      { name: 'product_type_requirements', arguments: { productType: 'SHIRT' } },
      { onprogress: (p) => updates.push(p as { progress: number; message?: string }), timeout: 60_000 },
    );
    expect(res.isError, JSON.stringify(res.content)).not.toBe(true);
    expect(h.emulator.stats().byOperation.getDefinitionsProductType!.throttled).toBeGreaterThan(1);
    expect(updates.some((u) => /getDefinitionsProductType/.test(u.message ?? ''))).toBe(true);
  });

  it('answers RATE_LIMIT once the configured wait budget is spent', async () => {
    h = await startHarness({ client: { throttleBudgetMs: 1000 } });
    await h.mcp.listTools();
    h.emulator.setFaults({ throttleStormUntil: Date.now() + 60_000, operations: ['getDefinitionsProductType'] });
    const res = await h.call('product_type_requirements', { productType: 'SHIRT' });
    expect(res.isError).toBe(true);
    expect(res.data.error.code).toBe('RATE_LIMIT');
  });
});

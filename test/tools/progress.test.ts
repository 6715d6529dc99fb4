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
    const pending = h.mcp.callTool({ name: 'catalog_search', arguments: { keywords: ['cancel-me'] } }, { signal: controller.signal, onprogress: () => {} });
    setTimeout(() => controller.abort(), 200);
    await expect(pending).rejects.toThrow();
    await Promise.all(queued);
    await new Promise((r) => setTimeout(r, 1500));
    const after = h.emulator.stats().byOperation.searchCatalogItems?.requests ?? 0;
    // Only the three queued calls reached the emulator, not the cancelled one.
    expect(after - before).toBe(3);
  });
});

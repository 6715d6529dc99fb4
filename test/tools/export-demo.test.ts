// The README's main job: the whole export flow over MCP on the sample spreadsheet, with the scripted assistant.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../src/cli/demo.js';

describe('npm run demo (export assistant on the sample spreadsheet)', () => {
  it('ends with every valid product accepted, the invalid one reported with its issues, and both reports written', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-demo-test-'));
    const lines: string[] = [];
    try {
      const result = await runDemo({ dataDir, out: (l) => lines.push(l) });
      const text = lines.join('\n');
      expect(result.accepted, text).toBe(19);
      expect(result.failed, text).toBe(1);
      // The price-0 vase is the one Amazon refuses, with its issue code.
      expect(text).toMatch(/failed HM-VASE-STONE-S: .*90244/);
      // Live progress showed the five counters.
      expect(text).toMatch(/total 20 · categorized 20 · submitted \d+ · accepted \d+ · failed \d+/);
      expect(result.reports.length).toBeGreaterThanOrEqual(4);
      for (const p of result.reports) expect(existsSync(p), p).toBe(true);
      const csv = readFileSync(
        result.reports.find((p) => p.endsWith('.csv'))!,
        'utf8',
      );
      expect(csv).toContain('HM-VASE-STONE-S');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

// CI's last line must count a suite that fails to load and an error outside any test as failures
// (vitest's numFailedTests counts neither). Runs a real vitest on fixture files and the real summary script.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const script = join(root, 'scripts', 'ci-summary.mjs');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs vitest (globals, no imports needed) over the given files; returns the summary line and vitest's status. */
function runSuite(files: Record<string, string>): { line: string; status: number } {
  const dir = mkdtempSync(join(tmpdir(), 'ci-summary-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const report = join(dir, 'report.json');
  const run = spawnSync(process.execPath, [vitestBin, 'run', '--root', dir, '--globals', '--reporter=json', `--outputFile=${report}`], {
    encoding: 'utf8',
    env: { ...process.env, VITEST_JSON: '' },
  });
  const status = run.status ?? 1;
  const line = execFileSync(process.execPath, [script, report, String(status)], { encoding: 'utf8' }).trim();
  return { line, status };
}

describe('CI summary line', () => {
  it('counts a suite that fails to load as a failure', () => {
    const r = runSuite({
      'ok.test.mjs': "it('passes', () => expect(1).toBe(1));\n",
      'broken.test.mjs': "throw new Error('ENOENT: models missing');\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.line).toBe('1 passed, 1 failed');
  });

  it('counts failed tests and broken suites together', () => {
    const r = runSuite({
      'mixed.test.mjs': "it('a', () => expect(1).toBe(1));\nit('b', () => expect(1).toBe(2));\n",
      'broken.test.mjs': "throw new Error('boom');\n",
    });
    expect(r.line).toBe('1 passed, 2 failed');
  });

  it('reports an error outside any test as a failure', () => {
    const r = runSuite({
      'leak.test.mjs': "it('passes but leaks', () => { setTimeout(() => { throw new Error('late'); }, 0); expect(1).toBe(1); });\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.line).toBe('1 passed, 1 failed');
  });

  it('says all passed when all passed', () => {
    expect(runSuite({ 'ok.test.mjs': "it('passes', () => expect(1).toBe(1));\n" }).line).toBe('1 passed, 0 failed');
  });

  it('prints a failure when no report was written', () => {
    const run = spawnSync(process.execPath, [script, join(tmpdir(), 'no-such-report.json'), '1'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n').pop()).toBe('0 passed, 1 failed');
  });
});

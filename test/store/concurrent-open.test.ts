// Two MCP clients often start the server at the same moment on a fresh machine: every process opening a new data
// directory at once must come up (the schema migrations run once, the others wait and find nothing to do).
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const dbModule = join(import.meta.dirname, '..', '..', 'dist', 'store', 'db.js');

describe.skipIf(!existsSync(dbModule))('opening one new data directory from several processes at once', () => {
  it('every process opens it; the schema is migrated once', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'sp-api-mcp-open-'));
      const script = `const { openDatabase } = await import(${JSON.stringify(pathToFileURL(dbModule).href)});
        const db = openDatabase(${JSON.stringify(dir)});
        process.stdout.write(String(db.prepare('SELECT version FROM schema_version').get().version));`;
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, () => run(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000 })),
      );
      const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
      expect(failures).toEqual([]);
      const versions = new Set(results.map((r) => (r as PromiseFulfilledResult<{ stdout: string }>).value.stdout));
      expect(versions.size).toBe(1);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

#!/usr/bin/env node
// The command users run (`npx sp-api-mcp`) is one bundled ESM file plus lazily loaded chunks: every MCP client
// starts the server at launch, and loading ~100 of our modules one by one costs a noticeable part of start-up
// (docs/BENCHMARKS.md). Dependencies stay external (better-sqlite3 is native). Run after tsc (npm run build).
import { build } from 'esbuild';

await build({
  entryPoints: { 'sp-api-mcp': 'src/cli/main.ts' },
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
